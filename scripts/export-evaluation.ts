// `npm run export-evaluation -- --tracker <id|link> --process process.csv --index index.csv`: the process evaluation and the implementation index for analysis, each with a codebook.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isIsoDate, isoDateIn } from '../addon/core/dates';
import { readSettings } from '../addon/tracker/settings';
import { tablesFromGrids, type Plain } from '../addon/tracker/table';
import type { TabName } from '../addon/tracker/schema';
import type { IndicatorName } from '../addon/evaluation/implementation';
import { CONNECTION_OPTIONS, SCOPES, SIGN_IN_NOTE, signIn, signInOptions, type Session } from './lib/auth';
import { type CommandIO, type CommandSpec, runCommand, runMain, stringOption } from './lib/cli';
import { codebookPathFor, codebookRows } from './lib/codebook';
import { toCsv } from './lib/csv';
import { UsageError } from './lib/errors';
import { readEvaluationSources } from './lib/evaluation-source';
import {
  INDEX_TABS, NO_FIGURE, PROCESS_SURVEY_ID, SUPPRESSED_NUMBER, UNAVAILABLE_NUMBER, baselineDatesFrom, buildIndexExport, buildProcessExport, defaultFrom, indexPeriods, processDefinition,
} from './lib/export-evaluation';
import { positiveWholeNumber } from './export-survey';
import { googleApis } from './lib/google';

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const EXPORT_EVALUATION: CommandSpec = {
  name: 'export-evaluation',
  summary: 'Writes the process evaluation of one tracker for R, SPSS or Excel. --process: one row per answer to the implementation '
    + `survey (${PROCESS_SURVEY_ID}): site, respondent group (implementer or recipient), period, wave, the day sent, each item coded `
    + '1 to 5 with the "not relevant" answers as codes of their own, and each NPT construct\'s score. --index: the ROSE implementation '
    + 'index, one row per site and quarter: each indicator\'s baseline, target, figure and traffic light, and the share of the model in '
    + 'place, computed from the tracker\'s tabs. Beside each file a codebook (<file>.codebook.csv) explains every column. Survey answers '
    + 'are read from the Evaluation workbook the tracker links to (Set up private workbooks), or from the tracker before there is one.',
  options: [
    { name: 'tracker', kind: 'string', placeholder: 'id|link', required: true, description: 'The tracker spreadsheet (its link, or the long ID in it), or its Evaluation workbook: the evaluator, who cannot open the tracker, gives the workbook and --min-group-size.' },
    { name: 'process', kind: 'string', placeholder: 'file.csv', description: 'Write the implementation survey\'s answers here.' },
    { name: 'index', kind: 'string', placeholder: 'file.csv', description: 'Write the implementation index per site and quarter here.' },
    { name: 'from', kind: 'string', placeholder: 'yyyy-mm-dd', description: 'The index\'s first quarter holds this day (default: the first baseline survey answer, else a year before --as-of).' },
    { name: 'as-of', kind: 'string', placeholder: 'yyyy-mm-dd', description: 'The index\'s last day (default: today in the tracker\'s time zone).' },
    { name: 'include-free-text', kind: 'boolean', description: 'Also write answers typed in words (left out by default: people may name themselves or others there).' },
    { name: 'min-group-size', kind: 'string', placeholder: 'n', description: 'Groups smaller than this are suppressed (default: the tracker\'s "Minimum group size for reports").' },
    { name: 'excel', kind: 'boolean', description: 'For Excel: add a byte order mark so accents show. (Text starting with = + - @ is always written behind an apostrophe.)' },
    { name: 'dry-run', kind: 'boolean', description: 'Read the tracker and say what would be written, and write no file.' },
    ...CONNECTION_OPTIONS,
  ],
  notes: [
    SIGN_IN_NOTE,
    `No name, email or time of day is written. The index reads Staff to count, and writes only shares and counts: a share resting on fewer staff than the minimum group size is written as ${SUPPRESSED_NUMBER} (${NO_FIGURE} = nothing to count).`,
  ],
  examples: [
    'npm run export-evaluation -- --tracker https://docs.google.com/spreadsheets/d/1AbC…/edit --process process.csv --index index.csv',
    'npm run export-evaluation -- --tracker 1AbC… --index index.csv --from 2025-04-01 --as-of 2026-03-31',
  ],
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let session: Session | undefined;
  return runCommand(EXPORT_EVALUATION, argv, io, async (options) => {
    const resolve = (path: string) => (isAbsolute(path) ? path : join(io.cwd, path));
    const processOut = stringOption(options, 'process');
    const indexOut = stringOption(options, 'index');
    if (processOut === undefined && indexOut === undefined) throw new UsageError('Give --process <file.csv>, --index <file.csv> or both; run npm run export-evaluation -- --help to see the options');
    const minOption = positiveWholeNumber(stringOption(options, 'min-group-size'), 'min-group-size');
    for (const name of ['from', 'as-of']) {
      const value = stringOption(options, name);
      if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} must be a date written yyyy-mm-dd, not "${String(value)}"`);
    }
    const excel = options.excel === true;
    const dryRun = options['dry-run'] === true;
    session = await signIn(signInOptions(options, io, [SCOPES.spreadsheets]), io);
    const sources = await readEvaluationSources(googleApis(session).sheets, stringOption(options, 'tracker')!, indexOut === undefined ? ['Settings'] : INDEX_TABS, { minGroupSizeGiven: minOption !== undefined });
    const tables = tablesFromGrids(sources.tracker.tabs as ReadonlyMap<string, Plain[][]>, INDEX_TABS as readonly TabName[]);
    const settings = readSettings(tables.Settings);
    const minGroupSize = minOption ?? settings.minimumGroupSize;

    const files: { path: string; rows: (string | number | boolean | null | undefined)[][]; what: string }[] = [];
    if (processOut !== undefined) {
      if (sources.rows.from === 'tracker') io.err('The tracker links no Evaluation workbook yet, so survey answers are read from its own Survey Responses tab.');
      const result = buildProcessExport(sources.rows.grid, processDefinition(), { minGroupSize, includeFreeText: options['include-free-text'] === true });
      if (result.mergedSites.length) io.err(`${result.mergedSites.length} site(s) are written as "Other sites (fewer than ${minGroupSize})" so that no group of fewer than ${minGroupSize} respondents is named.`);
      if (result.groupsSuppressedAt.length) io.err(`The respondent group is written as "suppressed" for ${result.groupsSuppressedAt.join(', ')}: fewer than ${minGroupSize} implementers or recipients there.`);
      if (result.freeTextLeftOut.length) io.err(`Free-text answers left out (${result.freeTextLeftOut.join(', ')}); add --include-free-text to write them.`);
      for (const [column, n] of Object.entries(result.unmatched)) io.err(`${n} answer(s) in ${column} match none of its options (the wording may have changed); they are written as typed.`);
      const path = resolve(processOut);
      files.push({ path, rows: [result.header, ...result.rows], what: `${result.rows.length} answer(s) to the implementation survey (${result.header.length} columns)` });
      files.push({ path: codebookPathFor(path), rows: codebookRows(result.codebook), what: 'its codebook' });
    }
    if (indexOut !== undefined) {
      const asOf = stringOption(options, 'as-of') ?? isoDateIn(new Date(), settings.timeZone || sources.tracker.timeZone || 'UTC');
      const baselineDates = baselineDatesFrom(sources.rows.grid, tables, settings, asOf);
      const periods = indexPeriods(stringOption(options, 'from') ?? defaultFrom(baselineDates, asOf), asOf);
      const unavailable = new Set<IndicatorName>(sources.unreadable.length ? ['Paid at or above the living wage'] : []);
      if (sources.unreadable.length) io.err(`${capitalized(sources.unreadable[0].reason)}; "Paid at or above the living wage" is written as ${UNAVAILABLE_NUMBER} (unavailable), not counted.`);
      const result = buildIndexExport(tables, settings, { periods, baselineDates, minGroupSize, unavailable });
      for (const problem of result.problems) io.err(problem);
      if (result.suppressedCells) io.err(`${result.suppressedCells} figure(s) rest on fewer than ${minGroupSize} staff and are written as ${SUPPRESSED_NUMBER} (suppressed).`);
      const path = resolve(indexOut);
      files.push({ path, rows: [result.header, ...result.rows], what: `the implementation index for ${result.rows.length / periods.periodEnds.length} site(s) over ${periods.periodEnds.length} period(s), ${periods.periodEnds[0]} to ${periods.asOf}` });
      files.push({ path: codebookPathFor(path), rows: codebookRows(result.codebook), what: 'its codebook' });
    }
    for (const file of files) {
      if (dryRun) io.out(`Dry run: would write ${file.what} to ${file.path}.`);
      else {
        writeFileSync(file.path, toCsv(file.rows, { excel }));
        io.out(`Wrote ${file.what} to ${file.path}.`);
      }
    }
  }, () => ({ tokenCache: session?.tokenCache }));
}

if (require.main === module) runMain(main);
