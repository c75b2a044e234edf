// export-survey: the evaluation survey of one tracker as an anonymous CSV (one row per response) and its codebook, for R, SPSS or Excel.
import { join } from 'node:path';
import { answerFields, type AnswerField, type SurveyDefinition } from '../../addon/surveys/definition';
import { itemIdFromHeader, responseRecords, responseValue, scaleIdFromHeader, type ResponseRecord } from '../../addon/surveys/row';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain } from '../../addon/tracker/table';
import { loadSurveyDefinitions } from '../templates/surveys';
import type { CsvCell } from './csv';
import { UserFacingError } from './errors';
import { PROCESS_SURVEY_ID, mergedSitesFor } from './export-evaluation';
import type { CellData, TrackerTabs } from './tracker-read';

/**
 * The only tabs export reads: Settings for the minimum group size, and the answers (from the Evaluation
 * workbook the tracker links to, once there is one). Staff, Support Requests and the rest are never
 * requested, so nothing that names a person can reach the file.
 */
export const EXPORT_TABS = ['Settings', 'Survey Responses'] as const;

export const SURVEYS_DIR = join(__dirname, '..', '..', 'templates', 'surveys');

/** The leading columns of the export, in this order. */
export const LEADING_COLUMNS = ['Survey', 'Survey version', 'Wave', 'Site', 'Participant code', 'Submitted'] as const;

export interface ExportOptions {
  /** Which survey, when the tab holds more than one; else the one it holds. */
  surveyId?: string;
  includeFreeText: boolean;
  /** Overrides the tracker's "Minimum group size for reports". */
  minGroupSize?: number;
}

export interface CodebookEntry {
  column: string;
  question: string;
  type: string;
  values: string;
  scaleItems: string;
  reverseItems: string;
}

export interface SurveyExport {
  definition: SurveyDefinition;
  header: string[];
  rows: CsvCell[][];
  codebook: CodebookEntry[];
  minGroupSize: number;
  /** Sites whose responses were too few to name, and any merged with them so none is named by elimination. */
  mergedSites: string[];
  otherSitesLabel: string;
  /** Answers that matched none of an item's options (kept as typed), per column. */
  unmatched: Record<string, number>;
  /** Free-text columns left out (empty when --include-free-text). */
  freeTextLeftOut: string[];
}

const FREE_TEXT = new Set(['short_text', 'long_text']);
const LEADING_ROLES = new Set(['wave', 'site', 'participantCode']);

/** The surveys whose answers land in Survey Responses, from the same files the build embeds. */
export function evaluationDefinitions(dir = SURVEYS_DIR): SurveyDefinition[] {
  return loadSurveyDefinitions(dir).filter((d) => d.targetTab === 'Survey Responses');
}

/** How an answer field is written: choices as their 1-based position (labels in the codebook), others as stored. */
function fieldType(field: AnswerField): string {
  const item = field.item;
  if (item.type === 'grid') return 'grid row (code)';
  if (item.type === 'choice') return 'choice (code)';
  if (item.type === 'checkbox') return 'checkbox (text, answers joined by ", ")';
  if (item.type === 'scale') return 'number';
  if (item.type === 'date') return 'date (yyyy-mm-dd)';
  return item.type === 'long_text' ? 'free text (long)' : 'free text (short)';
}

function optionsOf(field: AnswerField): string[] | null {
  const item = field.item;
  if (item.type === 'choice' && !item.optionsFrom) return item.options;
  if (item.type === 'grid') return item.columns;
  return null;
}

function valuesText(field: AnswerField): string {
  const item = field.item;
  const options = optionsOf(field);
  if (options) {
    const scoring = item.type === 'choice' ? item.optionValues : item.type === 'grid' ? item.columnValues : undefined;
    return options.map((label, i) => {
      const counts = scoring ? (scoring[i] === null ? ' (not scored)' : scoring[i] !== i + 1 ? ` (scores ${scoring[i]})` : '') : '';
      return `${i + 1}=${label}${counts}`;
    }).join('; ');
  }
  if (item.type === 'scale') return `${item.min} to ${item.max}${item.minLabel ? ` (${item.min}=${item.minLabel}` : ''}${item.minLabel && item.maxLabel ? `; ${item.max}=${item.maxLabel})` : item.minLabel ? ')' : ''}`;
  if (item.type === 'checkbox') return item.options.join('; ');
  return '';
}

function questionText(field: AnswerField): string {
  return field.row ? `${field.item.title} [${field.row.label}]` : field.item.title;
}

/** The submission day only: a time next to a small site could point to whoever filled in the form. */
function submittedDay(value: Plain): string {
  if (value === null) return '';
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value));
  return match ? match[1] : '';
}

function pickDefinition(definitions: SurveyDefinition[], surveyIdsInTab: string[], wanted: string | undefined): SurveyDefinition {
  // Rows of surveys this command does not export (the implementation survey shares the tab) do not make the choice ambiguous.
  const known = surveyIdsInTab.filter((id) => definitions.some((d) => d.id === id));
  const ids = wanted ? [wanted] : known.length ? known : surveyIdsInTab.length ? surveyIdsInTab : definitions.map((d) => d.id);
  if (ids.length === 1 && ids[0] === PROCESS_SURVEY_ID && !definitions.some((d) => d.id === ids[0])) {
    throw new UserFacingError(`The answers to "${PROCESS_SURVEY_ID}" (the implementation survey) are exported by npm run export-evaluation -- --process <file.csv>`);
  }
  if (ids.length > 1) {
    throw new UserFacingError(`The tracker holds answers to more than one survey (${ids.join(', ')}); choose one with --survey <id>`);
  }
  const definition = definitions.find((d) => d.id === ids[0]);
  if (!definition) {
    throw new UserFacingError(`No evaluation survey "${ids[0]}" in templates/surveys (known: ${definitions.map((d) => d.id).join(', ') || 'none'}); check --survey or update this copy of ROSE Tracker`);
  }
  if (!definition.anonymous || definition.collectEmail) {
    throw new UserFacingError(`The survey "${definition.id}" is not marked anonymous, so export-survey will not write it out; only anonymous surveys can be exported for analysis`);
  }
  return definition;
}

/**
 * Builds the export from the tracker's Settings and Survey Responses values (header row first):
 * one row per response of the chosen survey, leading columns, item columns by item id, then each
 * scale's score and band as the tracker stored them. Sites with fewer responses than the minimum
 * group size lose their name (merged as "Other sites (fewer than N)").
 */
export function buildSurveyExport(tracker: Pick<TrackerTabs, 'tabs'>, definitions: SurveyDefinition[], options: ExportOptions): SurveyExport {
  const grid = tracker.tabs.get('Survey Responses');
  if (!grid) throw new UserFacingError('This spreadsheet has no Survey Responses tab; is it a ROSE tracker that has been set up?');
  const settingsGrid = tracker.tabs.get('Settings') ?? [];
  const settings = readSettings(settingsGrid.length ? toTable('Settings', plainRow(settingsGrid[0]), settingsGrid.slice(1).map(plainRow)) : undefined);
  const minGroupSize = options.minGroupSize ?? settings.minimumGroupSize;
  // Read by header: the answer, score and band columns are the survey's, not the schema's.
  const table = responseRecords(plainRow(grid[0] ?? []), grid.slice(1).map(plainRow));
  const surveyOf = (record: ResponseRecord): string => String(responseValue(record, 'survey') ?? '');

  const inTab = [...new Set(table.records.map(surveyOf).filter(Boolean))];
  const definition = pickDefinition(definitions, inTab, options.surveyId);
  const records = table.records.filter((r) => surveyOf(r) === definition.id);

  // Columns of the tab by item id and scale id: headers carry the question text, which may change.
  const itemColumn = new Map<string, string>();
  const scoreColumn = new Map<string, { score?: string; band?: string }>();
  for (const header of table.headers) {
    const scale = scaleIdFromHeader(header);
    if (scale) {
      const entry = scoreColumn.get(scale.scaleId) ?? {};
      entry[scale.kind] = header;
      scoreColumn.set(scale.scaleId, entry);
      continue;
    }
    const id = itemIdFromHeader(header);
    if (id && !itemColumn.has(id)) itemColumn.set(id, header);
  }

  const fields = answerFields(definition).filter((f) => !f.item.role || !LEADING_ROLES.has(f.item.role));
  const freeTextLeftOut = options.includeFreeText ? [] : fields.filter((f) => FREE_TEXT.has(f.item.type)).map((f) => f.id);
  const exported = fields.filter((f) => !f.item.identifying && (options.includeFreeText || !FREE_TEXT.has(f.item.type)));

  const header: string[] = [...LEADING_COLUMNS, ...exported.map((f) => f.id)];
  const codebook: CodebookEntry[] = [
    { column: 'Survey', question: `Survey id (${definition.title})`, type: 'text', values: definition.id, scaleItems: '', reverseItems: '' },
    { column: 'Survey version', question: 'Version of the survey definition the response was given to', type: 'number', values: '', scaleItems: '', reverseItems: '' },
    { column: 'Wave', question: 'Which survey this was for the person', type: 'text', values: 'baseline; follow-up', scaleItems: '', reverseItems: '' },
    { column: 'Site', question: 'Where the person works', type: 'text', values: `Site name; sites with fewer than ${minGroupSize} responses are merged as "${otherSites(minGroupSize)}", with the smallest other site when one small site alone (or fewer than ${minGroupSize} responses) would be left there`, scaleItems: '', reverseItems: '' },
    { column: 'Participant code', question: 'Self-made code that links a person\'s baseline and follow-up answers without naming them', type: 'text', values: '', scaleItems: '', reverseItems: '' },
    { column: 'Submitted', question: 'Day the response was sent (no time of day, to protect anonymity)', type: 'date (yyyy-mm-dd)', values: '', scaleItems: '', reverseItems: '' },
    ...exported.map((f) => ({ column: f.id, question: questionText(f), type: fieldType(f), values: valuesText(f), scaleItems: '', reverseItems: '' })),
  ];
  for (const scale of definition.scales) {
    header.push(`${scale.id}_score`);
    codebook.push({
      column: `${scale.id}_score`, question: `Score: ${scale.title}`, type: 'number',
      values: `${scale.scoring} of items scored ${scale.min} to ${scale.max}; empty when fewer than ${scale.minAnswered} items were answered`,
      scaleItems: scale.items.join(' '), reverseItems: scale.reverse.join(' '),
    });
    if (scale.cutPoints.length) {
      header.push(`${scale.id}_band`);
      let from = '';
      codebook.push({
        column: `${scale.id}_band`, question: `Band: ${scale.title}`, type: 'text',
        values: scale.cutPoints.map((c) => {
          const text = `${c.label} (${from ? `above ${from}` : 'lowest'}${c.upTo === null ? '' : ` up to ${c.upTo}`})`;
          from = c.upTo === null ? from : String(c.upTo);
          return text;
        }).join('; '),
        scaleItems: scale.items.join(' '), reverseItems: scale.reverse.join(' '),
      });
    }
  }

  const perSite = new Map<string, number>();
  for (const r of records) {
    const site = String(responseValue(r, 'site') ?? '');
    perSite.set(site, (perSite.get(site) ?? 0) + 1);
  }
  // A lone small site merged on its own would still be named by elimination: mergedSitesFor merges the next smallest with it.
  const mergedSites = mergedSitesFor(new Map([...perSite].filter(([site]) => site !== '')), minGroupSize);
  const otherSitesLabel = otherSites(minGroupSize);

  const unmatched: Record<string, number> = {};
  const rows: CsvCell[][] = records.map((v) => {
    const site = String(responseValue(v, 'site') ?? '');
    const row: CsvCell[] = [
      definition.id, responseValue(v, 'surveyVersion'), responseValue(v, 'wave'), mergedSites.includes(site) ? otherSitesLabel : site,
      responseValue(v, 'participantCode'), submittedDay(responseValue(v, 'submitted')),
    ];
    for (const field of exported) {
      const column = itemColumn.get(field.id);
      const value = column === undefined ? null : v[column] ?? null;
      const options = optionsOf(field);
      if (options && value !== null) {
        const code = options.indexOf(String(value));
        if (code >= 0) { row.push(code + 1); continue; }
        unmatched[field.id] = (unmatched[field.id] ?? 0) + 1;
      }
      row.push(value);
    }
    for (const scale of definition.scales) {
      const columns = scoreColumn.get(scale.id) ?? {};
      row.push(columns.score === undefined ? null : v[columns.score] ?? null);
      if (scale.cutPoints.length) row.push(columns.band === undefined ? null : v[columns.band] ?? null);
    }
    return row;
  });

  return { definition, header, rows, codebook, minGroupSize, mergedSites, otherSitesLabel, unmatched, freeTextLeftOut };
}

export function otherSites(minGroupSize: number): string {
  return `Other sites (fewer than ${minGroupSize})`;
}

export function codebookRows(entries: CodebookEntry[]): CsvCell[][] {
  return [
    ['column', 'question text', 'type', 'values / labels', 'scale items', 'reverse items'],
    ...entries.map((e) => [e.column, e.question, e.type, e.values, e.scaleItems, e.reverseItems]),
  ];
}

/** The codebook sits beside the data: answers.csv → answers.codebook.csv. */
export function codebookPath(out: string): string {
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}.codebook.csv` : `${out}.codebook.csv`;
}

function plainRow(row: CellData[]): Plain[] {
  return row.map((cell) => (cell === undefined ? null : cell));
}
