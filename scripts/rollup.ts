// `npm run rollup -- --tracker <id> --tracker <id> --out summary.csv`: a cross-organization summary of several trackers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CONNECTION_OPTIONS, SCOPES, SIGN_IN_NOTE, signIn, signInOptions, type Session } from './lib/auth';
import { type CommandIO, type CommandSpec, listOption, runCommand, runMain, stringOption } from './lib/cli';
import { toCsv } from './lib/csv';
import { UsageError, UserFacingError } from './lib/errors';
import { googleApis } from './lib/google';
import { createProgress } from './lib/progress';
import { ROLLUP_TAB, buildRollup, gridFor, readOrganizations, rollupRows, trackersFromFile, writeRollupTab, writeRows } from './lib/rollup';
import { trackerId } from './lib/tracker-read';
import { isIsoDate } from '../addon/core/dates';

/** Exit code when some trackers could not be read but the summary of the others was written. */
export const SOME_FAILED = 3;

export const ROLLUP: CommandSpec = {
  name: 'rollup',
  summary: 'Reads several trackers and writes a summary side by side, per organization and in total: activities by ROSE component and '
    + 'status, overdue milestones, budget allocated and spent, current staff, required training held, and evaluation counts and changes '
    + '(small groups suppressed as in the add-on). A tracker that cannot be read is listed in a Failed section with the reason; the '
    + 'others are still summarized.',
  options: [
    { name: 'tracker', kind: 'list', placeholder: 'id|link', description: 'A tracker spreadsheet to include.' },
    { name: 'trackers-file', kind: 'string', placeholder: 'file', description: 'A text file of tracker IDs or links, one per line (# starts a comment).' },
    { name: 'out', kind: 'string', placeholder: 'file.csv', description: 'Write the summary to this CSV file.' },
    { name: 'spreadsheet', kind: 'string', placeholder: 'id|link', description: `Write the summary to the "${ROLLUP_TAB}" tab of this spreadsheet (created if missing; other tabs are not touched).` },
    { name: 'new-spreadsheet', kind: 'string', placeholder: 'title', description: 'Write the summary to a new spreadsheet with this title.' },
    { name: 'as-of', kind: 'string', placeholder: 'yyyy-mm-dd', description: 'Count overdue milestones and valid training as of this day (default: today in each tracker\'s time zone).' },
    { name: 'excel', kind: 'boolean', description: 'With --out: a byte order mark so Excel shows accents. (Formula-like text is always guarded.)' },
    { name: 'dry-run', kind: 'boolean', description: 'Read the trackers and print the summary, and write nothing.' },
    ...CONNECTION_OPTIONS,
  ],
  notes: [
    SIGN_IN_NOTE,
    `Exit codes: 0 when every tracker was read; ${SOME_FAILED} when some could not be (the summary of the others is still written); 1 when none could be; 2 for a mistyped command.`,
  ],
  examples: [
    'npm run rollup -- --trackers-file trackers.txt --out rose-summary.csv',
    'npm run rollup -- --tracker 1AbC… --tracker 1DeF… --new-spreadsheet "ROSE roll-up 2026"',
    'npm run rollup -- --trackers-file trackers.txt --spreadsheet https://docs.google.com/spreadsheets/d/1XyZ…/edit',
  ],
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let session: Session | undefined;
  return runCommand(ROLLUP, argv, io, async (options) => {
    const resolve = (path: string) => (isAbsolute(path) ? path : join(io.cwd, path));
    const trackers = [...listOption(options, 'tracker')];
    const file = stringOption(options, 'trackers-file');
    if (file) {
      if (!existsSync(resolve(file))) throw new UsageError(`The file ${resolve(file)} does not exist; check the path given to --trackers-file`);
      trackers.push(...trackersFromFile(readFileSync(resolve(file), 'utf8')));
    }
    if (!trackers.length) throw new UsageError('Name at least one tracker with --tracker or --trackers-file; run npm run rollup -- --help to see the options');
    const unique = [...new Set(trackers)];
    const out = stringOption(options, 'out');
    const target = stringOption(options, 'spreadsheet');
    const title = stringOption(options, 'new-spreadsheet');
    const dryRun = options['dry-run'] === true;
    const destinations = [out, target, title].filter((d) => d !== undefined).length;
    if (destinations !== 1 && !(dryRun && destinations === 0)) throw new UsageError('Give exactly one of --out, --spreadsheet or --new-spreadsheet; run npm run rollup -- --help to see the options');
    const targetId = target === undefined ? undefined : trackerId(target);
    const asOf = stringOption(options, 'as-of');
    if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of must be a date written yyyy-mm-dd, not "${String(asOf)}"`);

    session = await signIn(signInOptions(options, io, [SCOPES.spreadsheets]), io);
    const { sheets } = googleApis(session);
    const progress = createProgress(io, 'Reading trackers', unique.length);
    const now = new Date();
    const { organizations, failed, notes } = await readOrganizations(sheets, unique, { asOf, now, progress });
    for (const f of failed) io.err(`Could not include ${f.tracker}: ${f.reason}`);
    for (const note of notes) io.err(note);
    if (!organizations.length) {
      throw new UserFacingError(`None of the ${unique.length} tracker(s) could be read (reasons above); nothing was written`);
    }
    const rollup = buildRollup(organizations, failed, asOf ?? `${now.toISOString().slice(0, 10)} (today in each tracker's time zone)`);
    const rows = rollupRows(rollup);

    if (dryRun) {
      io.out(`Dry run: nothing is written. The summary of ${organizations.length} organization(s):`);
      for (const row of rows) io.out(row.join('\t').replace(/\t+$/, ''));
    } else if (out !== undefined) {
      writeFileSync(resolve(out), toCsv(rows, { excel: options.excel === true }));
      io.out(`Wrote the summary of ${organizations.length} organization(s) to ${resolve(out)}.`);
    } else if (targetId !== undefined) {
      await writeRollupTab(sheets, targetId, rows);
      io.out(`Wrote the summary of ${organizations.length} organization(s) to the "${ROLLUP_TAB}" tab of https://docs.google.com/spreadsheets/d/${targetId}/edit`);
    } else {
      const created = await sheets.spreadsheets.create({
        requestBody: { properties: { title }, sheets: [{ properties: { title: ROLLUP_TAB, gridProperties: gridFor(rows) } }] },
      });
      const id = created.data.spreadsheetId!;
      await writeRows(sheets, id, rows);
      io.out(`Wrote the summary of ${organizations.length} organization(s) to a new spreadsheet: https://docs.google.com/spreadsheets/d/${id}/edit`);
    }
    if (failed.length) {
      throw new UserFacingError(`${failed.length} of ${unique.length} tracker(s) could not be read and are listed as Failed in the summary`, SOME_FAILED);
    }
  }, () => ({ tokenCache: session?.tokenCache }));
}

if (require.main === module) runMain(main);
