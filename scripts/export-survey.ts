// `npm run export-survey -- --tracker <id|link> --out answers.csv`: the evaluation survey of one tracker as an anonymous CSV and codebook.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CONNECTION_OPTIONS, SCOPES, SIGN_IN_NOTE, signIn, signInOptions, type Session } from './lib/auth';
import { type CommandIO, type CommandSpec, runCommand, runMain, stringOption } from './lib/cli';
import { toCsv } from './lib/csv';
import { UsageError } from './lib/errors';
import { EXPORT_TABS, buildSurveyExport, codebookPath, codebookRows, evaluationDefinitions } from './lib/export-survey';
import { googleApis } from './lib/google';
import { RESPONSES_TAB, readEvaluationSources } from './lib/evaluation-source';
import { trackerId } from './lib/tracker-read';

export const EXPORT_SURVEY: CommandSpec = {
  name: 'export-survey',
  summary: 'Writes the evaluation survey of one tracker as a CSV file for R, SPSS or Excel: one row per response, with wave, site, '
    + 'participant code, the day it was sent, each answer by item id and each scale\'s score and band. Beside it, a codebook '
    + '(<out>.codebook.csv) gives every column\'s question, type, answer codes and the items of each scale. Nothing that names '
    + 'staff is read: only the tracker\'s Settings and the Survey Responses tab of the Evaluation workbook it links to (Set up private '
    + 'workbooks), or of the tracker before there is one.',
  options: [
    { name: 'tracker', kind: 'string', placeholder: 'id|link', required: true, description: 'The tracker spreadsheet (its link, or the long ID in it), or its Evaluation workbook: the evaluator, who cannot open the tracker, gives the workbook and --min-group-size.' },
    { name: 'out', kind: 'string', placeholder: 'file.csv', required: true, description: 'Where to write the CSV; the codebook goes beside it.' },
    { name: 'survey', kind: 'string', placeholder: 'id', description: 'Which survey, when the tracker holds answers to more than one (e.g. rose-evaluation).' },
    { name: 'include-free-text', kind: 'boolean', description: 'Also write the answers typed in words (left out by default: people may name themselves or others there).' },
    { name: 'min-group-size', kind: 'string', placeholder: 'n', description: 'Sites with fewer responses than this lose their name (default: the tracker\'s "Minimum group size for reports").' },
    { name: 'excel', kind: 'boolean', description: 'For Excel: add a byte order mark so accents show. (Text starting with = + - @ is always written behind an apostrophe, so it cannot run as a formula.)' },
    { name: 'dry-run', kind: 'boolean', description: 'Read the tracker and say what would be written, and write no file.' },
    ...CONNECTION_OPTIONS,
  ],
  notes: [
    SIGN_IN_NOTE,
    'Only surveys marked anonymous in templates/surveys can be exported. Answers to choice questions are written as numbers '
      + '(1 = the first option); the codebook lists what each number means.',
  ],
  examples: [
    'npm run export-survey -- --tracker https://docs.google.com/spreadsheets/d/1AbC…/edit --out rose-survey.csv',
    'npm run export-survey -- --tracker 1AbC… --out rose-survey.csv --excel --min-group-size 8',
  ],
};

export function positiveWholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--${option} must be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let session: Session | undefined;
  return runCommand(EXPORT_SURVEY, argv, io, async (options) => {
    const tracker = trackerId(stringOption(options, 'tracker')!);
    const outOption = stringOption(options, 'out')!;
    const out = isAbsolute(outOption) ? outOption : join(io.cwd, outOption);
    const minGroupSize = positiveWholeNumber(stringOption(options, 'min-group-size'), 'min-group-size');
    const excel = options.excel === true;
    // One sign-in scope for every command, so the saved sign-in of one serves the others.
    session = await signIn(signInOptions(options, io, [SCOPES.spreadsheets]), io);
    // The answers are in the Evaluation workbook once Set up private workbooks ran: found through the tracker's link.
    const sources = await readEvaluationSources(googleApis(session).sheets, tracker, EXPORT_TABS.filter((tab) => tab !== RESPONSES_TAB), { minGroupSizeGiven: minGroupSize !== undefined });
    if (sources.rows.from === 'tracker') io.err('The tracker links no Evaluation workbook yet, so survey answers are read from its own Survey Responses tab.');
    const tabs = { tabs: new Map([['Settings', sources.tracker.tabs.get('Settings') ?? []], [RESPONSES_TAB, sources.rows.grid]]) };
    const result = buildSurveyExport(tabs, evaluationDefinitions(), {
      surveyId: stringOption(options, 'survey'), includeFreeText: options['include-free-text'] === true, minGroupSize,
    });

    if (result.mergedSites.length) {
      io.err(`${result.mergedSites.length} site(s) are written as "${result.otherSitesLabel}" so that no site with fewer than ${result.minGroupSize} responses is named.`);
    }
    if (result.freeTextLeftOut.length) io.err(`Free-text answers left out (${result.freeTextLeftOut.join(', ')}); add --include-free-text to write them.`);
    for (const [column, n] of Object.entries(result.unmatched)) {
      io.err(`${n} answer(s) in ${column} match none of its options (the wording may have changed); they are written as typed.`);
    }
    const codebook = codebookPath(out);
    const what = `${result.rows.length} response(s) to "${result.definition.title}" (${result.header.length} columns)`;
    if (options['dry-run'] === true) {
      io.out(`Dry run: nothing is written. Would write ${what} to ${out} and the codebook to ${codebook}.`);
      return;
    }
    writeFileSync(out, toCsv([result.header, ...result.rows], { excel }));
    writeFileSync(codebook, toCsv(codebookRows(result.codebook), { excel }));
    io.out(`Wrote ${what} to ${out}.`);
    io.out(`Wrote the codebook to ${codebook}.`);
  }, () => ({ tokenCache: session?.tokenCache }));
}

if (require.main === module) runMain(main);
