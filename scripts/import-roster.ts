// `npm run import-roster -- --tracker <id|link> --csv staff.csv`: adds and updates people on a tracker's Staff tab, all rows checked first.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CONNECTION_OPTIONS, SCOPES, SIGN_IN_NOTE, signIn, signInOptions, type Session } from './lib/auth';
import { type CommandIO, type CommandSpec, runCommand, runMain, stringOption } from './lib/cli';
import { UsageError } from './lib/errors';
import { googleApis } from './lib/google';
import { ROSTER_TABS, RosterRejected, planLines, planRosterImport } from './lib/import-roster';
import { readTrackerTabs, trackerId } from './lib/tracker-read';
import { PAY_TAB } from '../addon/tracker/pay';
import { METADATA_KEYS } from '../addon/core/keys';

export const IMPORT_ROSTER: CommandSpec = {
  name: 'import-roster',
  summary: 'Loads staff from a CSV file into a tracker\'s Staff tab, and their email, phone and pay into Staff pay and contacts (in the tracker, '
    + 'or in the Staff records workbook once Set up private workbooks has moved it). Columns are matched by header (e.g. Full name, Role, Site, Email, '
    + 'Hourly wage; case does not matter). A row with an ID, or with the email of someone already listed, updates that person; any other '
    + 'row adds a new person with the next free ID. Every row is checked with the same rules as ROSE Tracker → Check data before anything '
    + 'is written; if one row has a problem, nothing is imported. Otherwise all changes are written in one step.',
  options: [
    { name: 'tracker', kind: 'string', placeholder: 'id|link', required: true, description: 'The tracker spreadsheet: its link, or the long ID in it.' },
    { name: 'csv', kind: 'string', placeholder: 'file', required: true, description: 'The staff list: UTF-8 CSV with a header line. Dates as yyyy-mm-dd; Site as the site\'s name or ID.' },
    { name: 'dry-run', kind: 'boolean', description: 'Check the file and say who would be added or updated, and write nothing.' },
    { name: 'skip-unknown-columns', kind: 'boolean', description: 'Ignore CSV columns that are not Staff columns instead of stopping.' },
    ...CONNECTION_OPTIONS,
  ],
  notes: [
    SIGN_IN_NOTE,
    'A blank cell leaves what the tracker has. Problems are listed as "line N, column X: what to fix" with the CSV\'s own line numbers.',
  ],
  examples: [
    'npm run import-roster -- --tracker https://docs.google.com/spreadsheets/d/1AbC…/edit --csv staff.csv --dry-run',
    'npm run import-roster -- --tracker 1AbC… --csv staff.csv',
  ],
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let session: Session | undefined;
  return runCommand(IMPORT_ROSTER, argv, io, async (options) => {
    const tracker = trackerId(stringOption(options, 'tracker')!);
    const csvOption = stringOption(options, 'csv')!;
    const csvPath = isAbsolute(csvOption) ? csvOption : join(io.cwd, csvOption);
    if (!existsSync(csvPath)) throw new UsageError(`The file ${csvPath} does not exist; check the path given to --csv`);
    const csvText = readFileSync(csvPath, 'utf8');
    const dryRun = options['dry-run'] === true;

    session = await signIn(signInOptions(options, io, [SCOPES.spreadsheets]), io);
    const { sheets } = googleApis(session);
    const tabs = await readTrackerTabs(sheets, tracker, ROSTER_TABS);
    // Once Set up private workbooks has moved Staff pay and contacts, it is read (and written) in the Staff records workbook the tracker links to.
    const workbook = tabs.tabs.has(PAY_TAB) ? undefined : tabs.metadata.get(METADATA_KEYS.staffRecordsWorkbook);
    const payFile = workbook ? { ...(await readTrackerTabs(sheets, workbook, [PAY_TAB])), linked: true } : undefined;
    let plan;
    try {
      plan = planRosterImport(tabs, csvText, { skipUnknownColumns: options['skip-unknown-columns'] === true }, payFile);
    } catch (error) {
      if (error instanceof RosterRejected) for (const p of error.problems) io.err(`line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
      throw error;
    }
    for (const column of plan.ignoredColumns) io.err(`Column ignored: ${column}.`);
    for (const w of plan.warnings) io.err(`Note, line ${w.line}, column ${w.column}: ${w.message}`);
    for (const line of planLines(plan, dryRun)) io.out(line);
    if (dryRun) { io.out(`Dry run: nothing was written to ${tabs.title || tracker}.`); return; }
    if (!plan.request && !plan.payRequest) { io.out('Nothing to write: the Staff tab already holds everything in the file.'); return; }
    // A values write never grows the grid: the rows it needs are added first (empty rows, harmless if the write then fails).
    for (const spreadsheetId of [...new Set(plan.grow.map((g) => g.spreadsheetId ?? tracker))]) {
      const requests = plan.grow.filter((g) => (g.spreadsheetId ?? tracker) === spreadsheetId).map((g) => ({ appendDimension: { sheetId: g.sheetId, dimension: 'ROWS', length: g.rows } }));
      await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
    }
    // Pay and contacts in the Staff records workbook go first: if the tracker's write then fails, a second run gives the same IDs and matches those rows.
    if (plan.payRequest) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: plan.payRequest.spreadsheetId, requestBody: plan.payRequest.body });
    // One request per file: Sheets applies a values.batchUpdate whole, so no half-imported roster.
    if (plan.request) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: tracker, requestBody: plan.request });
    const where = plan.payRequest ? ` and their pay and contacts to the Staff records workbook (${PAY_TAB})` : '';
    io.out(`Wrote ${plan.added.length + plan.updated.length} row(s) to the Staff tab of ${tabs.title || tracker}${where}. ROSE Tracker fills its own columns (e.g. Below living wage) at the next edit or Set up tracker.`);
  }, () => ({ tokenCache: session?.tokenCache }));
}

if (require.main === module) runMain(main);
