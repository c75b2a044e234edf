// Build time: reads and checks every survey definition in templates/surveys, for the build to embed in the bundle.
import * as fs from 'fs';
import * as nodePath from 'path';
import {
  ITEM_ROLES,
  ITEM_TYPES,
  OPTIONS_SOURCES,
  SUBMISSION_KEY_HEADER,
  SUBMITTED_SOURCE,
  TARGET_TABS,
  WAVES,
  numericValues,
  type AnswerField,
  type CheckboxItem,
  type ChoiceItem,
  type CutPoint,
  type GridItem,
  type GridRow,
  type ItemBase,
  type ItemRole,
  type ItemType,
  type OptionsSource,
  type ScaleDefinition,
  type ScaleItem,
  type ShortTextItem,
  type SurveyDefinition,
  type SurveyItem,
  type TargetTab,
  type Wave,
} from '../../addon/surveys/definition';
import { INSTRUMENT_NAMES, InstrumentName, instrumentScales } from './instruments';

/**
 * Loads every *.json in `dir` (sorted by file name, so the bundle is the same on every machine),
 * validates each, and checks that no two surveys share an id. Throws with the file name on the first
 * file that cannot be read or is not coherent.
 */
export function loadSurveyDefinitions(dir = 'templates/surveys'): SurveyDefinition[] {
  const folder = nodePath.resolve(dir);
  if (!fs.existsSync(folder)) throw new Error(`Survey definitions folder not found: ${folder}`);
  const files = fs.readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  const definitions: SurveyDefinition[] = [];
  const idsSeen = new Map<string, string>();
  for (const file of files) {
    const text = fs.readFileSync(nodePath.join(folder, file), 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: is not valid JSON (${(error as Error).message})`);
    }
    const definition = validateSurveyDefinition(raw, file);
    const other = idsSeen.get(definition.id);
    if (other) throw new Error(`${file}: id "${definition.id}" is already the id of ${other}`);
    idsSeen.set(definition.id, file);
    definitions.push(definition);
  }
  return definitions;
}

const ITEM_ID = /^[a-z][a-z0-9_]*$/;
const SURVEY_ID = /^[a-z][a-z0-9-]*$/;
// Google Forms adds these to every response sheet, so a question with the same title would be overwritten.
const RESERVED_TITLES = ['timestamp', 'email address', 'score'];
const IDENTIFYING_ID_WORDS = ['name', 'email', 'mail', 'phone', 'address'];
const IDENTIFYING_TITLE = /\b(e-?mail|your name|full name|phone number|home address)\b/i;

const BASE_KEYS = ['id', 'type', 'title', 'help', 'required', 'identifying', 'role', 'section'];
const KEYS_BY_TYPE: Record<ItemType, string[]> = {
  choice: [...BASE_KEYS, 'options', 'answerSet', 'optionsFrom', 'optionValues', 'optionKeys'],
  checkbox: [...BASE_KEYS, 'options', 'answerSet', 'optionsFrom'],
  scale: [...BASE_KEYS, 'min', 'max', 'minLabel', 'maxLabel'],
  grid: [...BASE_KEYS, 'rows', 'columns', 'answerSet', 'columnValues'],
  short_text: [...BASE_KEYS, 'pattern'],
  long_text: BASE_KEYS,
  date: BASE_KEYS,
};
const DEFINITION_KEYS = [
  'id', 'version', 'title', 'description', 'targetTab', 'anonymous', 'collectEmail',
  'answerSets', 'items', 'scales', 'instruments', 'mapping', 'newRowValues',
];
const SCALE_KEYS = ['id', 'title', 'items', 'reverse', 'min', 'max', 'scoring', 'minAnswered', 'cutPoints', 'note'];

type Raw = Record<string, unknown>;

/** Collects every problem in a file, so that whoever edits it can fix them all in one go. */
class Problems {
  readonly list: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(path ? `${path} ${problem}` : problem);
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  return JSON.stringify(value);
}

function checkKeys(raw: Raw, allowed: string[], path: string, problems: Problems): void {
  for (const key of Object.keys(raw)) {
    if (allowed.indexOf(key) < 0) problems.add(path || 'the survey', `has an unknown property ${quote(key)}`);
  }
}

function text(raw: Raw, key: string, path: string, problems: Problems, required: boolean): string | undefined {
  const value = raw[key];
  if (value === undefined) {
    if (required) problems.add(join(path, key), 'is missing');
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(join(path, key), 'must be a non-empty text');
    return undefined;
  }
  return value;
}

function flag(raw: Raw, key: string, path: string, problems: Problems, required: boolean): boolean | undefined {
  const value = raw[key];
  if (value === undefined) {
    if (required) problems.add(join(path, key), 'is missing (true or false)');
    return undefined;
  }
  if (typeof value !== 'boolean') {
    problems.add(join(path, key), 'must be true or false');
    return undefined;
  }
  return value;
}

function wholeNumber(raw: Raw, key: string, path: string, problems: Problems): number | undefined {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.add(join(path, key), value === undefined ? 'is missing' : 'must be a whole number');
    return undefined;
  }
  return value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function textList(value: unknown, path: string, problems: Problems, what: string): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, `must list at least one ${what}`);
    return undefined;
  }
  const seen = new Set<string>();
  const list: string[] = [];
  value.forEach((entry, i) => {
    if (typeof entry !== 'string' || entry.trim() === '') {
      problems.add(`${path}[${i}]`, `must be a non-empty text`);
      return;
    }
    // Stored answers are text in a Sheet: an option that Sheets would read as a formula cannot be kept as is.
    if (/^[=+\-@]/.test(entry.trim())) problems.add(`${path}[${i}]`, `${quote(entry)} must not start with =, +, - or @ (Sheets reads that as a formula)`);
    // Answers are matched without regard to case or surrounding spaces, so these would be indistinguishable.
    const key = entry.trim().toLowerCase();
    if (seen.has(key)) problems.add(`${path}[${i}]`, `${quote(entry)} appears twice`);
    seen.add(key);
    list.push(entry.trim());
  });
  return list;
}

function valueList(value: unknown, length: number, path: string, problems: Problems): (number | null)[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== length) {
    problems.add(path, `must give one number (or null) for each of the ${length} answers`);
    return undefined;
  }
  const list: (number | null)[] = [];
  value.forEach((entry, i) => {
    if (entry !== null && (typeof entry !== 'number' || !Number.isFinite(entry))) {
      problems.add(`${path}[${i}]`, 'must be a number or null');
    }
    list.push(typeof entry === 'number' ? entry : null);
  });
  return list;
}

interface AnswerSetRaw {
  options: string[];
  optionValues?: (number | null)[];
}

function readAnswerSets(raw: unknown, problems: Problems): Record<string, AnswerSetRaw> {
  const sets: Record<string, AnswerSetRaw> = {};
  if (raw === undefined) return sets;
  if (!isObject(raw)) {
    problems.add('answerSets', 'must be an object of named answer lists');
    return sets;
  }
  for (const name of Object.keys(raw)) {
    const path = `answerSets.${name}`;
    const set = raw[name];
    if (!isObject(set)) {
      problems.add(path, 'must be an object with options');
      continue;
    }
    checkKeys(set, ['options', 'optionValues'], path, problems);
    const options = textList(set.options, `${path}.options`, problems, 'option');
    if (!options) continue;
    sets[name] = { options, optionValues: valueList(set.optionValues, options.length, `${path}.optionValues`, problems) };
  }
  return sets;
}

/** Options for a choice, checkbox or grid: written out, or taken from a named answer set. */
function resolveOptions(
  raw: Raw,
  listKey: 'options' | 'columns',
  valuesKey: 'optionValues' | 'columnValues',
  sets: Record<string, AnswerSetRaw>,
  path: string,
  problems: Problems,
): { options: string[]; values?: (number | null)[] } | undefined {
  if (raw.answerSet !== undefined) {
    if (raw[listKey] !== undefined) {
      problems.add(path, `gives both ${listKey} and answerSet: keep one`);
      return undefined;
    }
    const set = typeof raw.answerSet === 'string' ? sets[raw.answerSet] : undefined;
    if (!set) {
      problems.add(`${path}.answerSet`, `${quote(raw.answerSet)} is not one of the answerSets of this survey`);
      return undefined;
    }
    if (raw[valuesKey] !== undefined) {
      return { options: set.options, values: valueList(raw[valuesKey], set.options.length, `${path}.${valuesKey}`, problems) };
    }
    return { options: set.options.slice(), values: set.optionValues && set.optionValues.slice() };
  }
  const options = textList(raw[listKey], `${path}.${listKey}`, problems, listKey === 'options' ? 'option' : 'column');
  if (!options) return undefined;
  return { options, values: valueList(raw[valuesKey], options.length, `${path}.${valuesKey}`, problems) };
}

function readItem(raw: unknown, path: string, sets: Record<string, AnswerSetRaw>, problems: Problems): SurveyItem | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be an object');
    return undefined;
  }
  const type = raw.type;
  if (typeof type !== 'string' || ITEM_TYPES.indexOf(type as ItemType) < 0) {
    problems.add(`${path}.type`, `${quote(type)} is not a known type (${ITEM_TYPES.join(', ')})`);
    return undefined;
  }
  checkKeys(raw, KEYS_BY_TYPE[type as ItemType], path, problems);
  const id = text(raw, 'id', path, problems, true);
  if (id !== undefined && !ITEM_ID.test(id)) {
    problems.add(`${path}.id`, `${quote(id)} must be lower-case letters, digits and _ (starting with a letter)`);
  }
  const title = text(raw, 'title', path, problems, true);
  const help = text(raw, 'help', path, problems, false);
  const required = flag(raw, 'required', path, problems, true);
  const identifying = flag(raw, 'identifying', path, problems, false);
  const section = text(raw, 'section', path, problems, false);
  let role: ItemRole | undefined;
  if (raw.role !== undefined) {
    if (ITEM_ROLES.indexOf(raw.role as ItemRole) < 0) problems.add(`${path}.role`, `${quote(raw.role)} is not a known role (${ITEM_ROLES.join(', ')})`);
    else role = raw.role as ItemRole;
  }
  if (id === undefined || title === undefined || required === undefined) return undefined;

  const base: ItemBase = { id, title: title.trim(), required };
  if (help !== undefined) base.help = help;
  if (identifying !== undefined) base.identifying = identifying;
  if (role !== undefined) base.role = role;
  if (section !== undefined) base.section = section;

  switch (type as ItemType) {
    case 'choice':
    case 'checkbox': {
      let optionsFrom: OptionsSource | undefined;
      let options: string[] = [];
      let values: (number | null)[] | undefined;
      if (raw.optionsFrom !== undefined) {
        if (OPTIONS_SOURCES.indexOf(raw.optionsFrom as OptionsSource) < 0) {
          problems.add(`${path}.optionsFrom`, `${quote(raw.optionsFrom)} is not a list the tracker provides (${OPTIONS_SOURCES.join(', ')})`);
        } else optionsFrom = raw.optionsFrom as OptionsSource;
        // An empty list is what a validated definition carries, so validating it again stays quiet.
        const hasOptions = Array.isArray(raw.options) ? raw.options.length > 0 : raw.options !== undefined;
        if (hasOptions || raw.answerSet !== undefined) {
          problems.add(path, 'gives both optionsFrom and options: the tracker fills the options, so keep only optionsFrom');
        }
      } else {
        const resolved = resolveOptions(raw, 'options', 'optionValues', sets, path, problems);
        if (!resolved) return undefined;
        options = resolved.options;
        values = resolved.values;
      }
      if (type === 'checkbox') {
        if (values) problems.add(path, 'is a checkbox: checked boxes cannot be scored, so remove optionValues');
        const item: CheckboxItem = { ...base, type: 'checkbox', options };
        if (optionsFrom) item.optionsFrom = optionsFrom;
        return item;
      }
      const item: ChoiceItem = { ...base, type: 'choice', options };
      if (optionsFrom) item.optionsFrom = optionsFrom;
      if (values) item.optionValues = values;
      if (raw.optionKeys !== undefined) {
        const keys = textList(raw.optionKeys, `${path}.optionKeys`, problems, 'key');
        if (keys && keys.length !== options.length) problems.add(`${path}.optionKeys`, `must give one key for each of the ${options.length} options`);
        else if (keys) item.optionKeys = keys;
      }
      return item;
    }
    case 'scale': {
      const min = wholeNumber(raw, 'min', path, problems);
      const max = wholeNumber(raw, 'max', path, problems);
      if (min === undefined || max === undefined) return undefined;
      // Google Forms linear scales start at 0 or 1 and end at 2 to 10.
      if (min !== 0 && min !== 1) problems.add(`${path}.min`, 'must be 0 or 1 (what Google Forms allows)');
      if (max < 2 || max > 10) problems.add(`${path}.max`, 'must be between 2 and 10 (what Google Forms allows)');
      const item: ScaleItem = { ...base, type: 'scale', min, max };
      const minLabel = text(raw, 'minLabel', path, problems, false);
      const maxLabel = text(raw, 'maxLabel', path, problems, false);
      if (minLabel !== undefined) item.minLabel = minLabel;
      if (maxLabel !== undefined) item.maxLabel = maxLabel;
      return item;
    }
    case 'grid': {
      const rows = readGridRows(raw.rows, `${path}.rows`, problems);
      const resolved = resolveOptions(raw, 'columns', 'columnValues', sets, path, problems);
      if (!rows || !resolved) return undefined;
      const item: GridItem = { ...base, type: 'grid', rows, columns: resolved.options };
      if (resolved.values) item.columnValues = resolved.values;
      return item;
    }
    case 'short_text': {
      const item: ShortTextItem = { ...base, type: 'short_text' };
      const pattern = text(raw, 'pattern', path, problems, false);
      if (pattern !== undefined) {
        try {
          new RegExp(pattern);
          item.pattern = pattern;
        } catch (error) {
          problems.add(`${path}.pattern`, `is not a valid regular expression (${(error as Error).message})`);
        }
      }
      return item;
    }
    case 'long_text':
      return { ...base, type: 'long_text' };
    case 'date':
      return { ...base, type: 'date' };
  }
  return undefined;
}

function readGridRows(raw: unknown, path: string, problems: Problems): GridRow[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(path, 'must list at least one row ({ "id": …, "label": … })');
    return undefined;
  }
  const rows: GridRow[] = [];
  const labels = new Set<string>();
  raw.forEach((entry, i) => {
    const rowPath = `${path}[${i}]`;
    if (!isObject(entry)) {
      problems.add(rowPath, 'must be an object with id and label');
      return;
    }
    checkKeys(entry, ['id', 'label'], rowPath, problems);
    const id = text(entry, 'id', rowPath, problems, true);
    const label = text(entry, 'label', rowPath, problems, true);
    if (id === undefined || label === undefined) return;
    if (!ITEM_ID.test(id)) problems.add(`${rowPath}.id`, `${quote(id)} must be lower-case letters, digits and _ (starting with a letter)`);
    if (labels.has(label.trim().toLowerCase())) problems.add(`${rowPath}.label`, `${quote(label)} appears twice`);
    labels.add(label.trim().toLowerCase());
    rows.push({ id, label: label.trim() });
  });
  return rows;
}

function checkRole(item: SurveyItem, path: string, problems: Problems): void {
  switch (item.role) {
    case 'wave':
      if (item.type !== 'choice' || !item.optionKeys) {
        problems.add(path, 'is the wave: it must be a choice with optionKeys "baseline" and "follow-up"');
        return;
      }
      for (const wave of WAVES) {
        if (item.optionKeys.indexOf(wave) < 0) problems.add(`${path}.optionKeys`, `must include ${quote(wave)}`);
      }
      item.optionKeys.forEach((key, i) => {
        if (WAVES.indexOf(key as Wave) < 0) problems.add(`${path}.optionKeys[${i}]`, `${quote(key)} is not a wave (baseline, follow-up)`);
      });
      return;
    case 'site':
    case 'selfRatedHealth':
    case 'selfRatedMentalHealth':
      if (item.type !== 'choice') problems.add(path, `has role ${item.role}: it must be a choice`);
      return;
    case 'participantCode':
      if (item.type !== 'short_text' || !item.pattern) {
        problems.add(path, 'is the participant code: it must be a short_text with a pattern, so that unreadable codes can be flagged');
      }
      return;
    case undefined:
      return;
  }
}

function looksIdentifying(item: SurveyItem): boolean {
  if (item.identifying) return true;
  const words = item.id.split('_');
  if (IDENTIFYING_ID_WORDS.some((word) => words.indexOf(word) >= 0)) return true;
  return IDENTIFYING_TITLE.test(item.title);
}

function readScale(
  raw: unknown,
  path: string,
  fields: Map<string, AnswerField>,
  problems: Problems,
): ScaleDefinition | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be an object');
    return undefined;
  }
  checkKeys(raw, SCALE_KEYS, path, problems);
  const id = text(raw, 'id', path, problems, true);
  if (id !== undefined && !ITEM_ID.test(id)) problems.add(`${path}.id`, `${quote(id)} must be lower-case letters, digits and _ (starting with a letter)`);
  const title = text(raw, 'title', path, problems, true);
  const note = text(raw, 'note', path, problems, false);
  const min = typeof raw.min === 'number' && Number.isFinite(raw.min) ? raw.min : undefined;
  const max = typeof raw.max === 'number' && Number.isFinite(raw.max) ? raw.max : undefined;
  if (min === undefined) problems.add(`${path}.min`, 'must be a number (the lowest answer value)');
  if (max === undefined) problems.add(`${path}.max`, 'must be a number (the highest answer value)');
  if (min !== undefined && max !== undefined && min >= max) problems.add(`${path}.max`, `(${max}) must be above min (${min})`);
  const scoring = raw.scoring;
  if (scoring !== 'sum' && scoring !== 'mean') problems.add(`${path}.scoring`, `${quote(scoring)} must be "sum" or "mean"`);

  const items = idList(raw.items, `${path}.items`, problems);
  if (items) {
    items.forEach((itemId, i) => {
      const field = fields.get(itemId);
      if (!field) {
        problems.add(`${path}.items[${i}]`, `${quote(itemId)} is not an item of this survey`);
        return;
      }
      const values = numericValues(field);
      if (!values) {
        problems.add(`${path}.items[${i}]`, `${quote(itemId)} cannot be scored: use a scale item, or a choice or grid with optionValues/columnValues`);
        return;
      }
      if (min !== undefined && max !== undefined && values.some((v) => v < min || v > max)) {
        problems.add(`${path}.items[${i}]`, `${quote(itemId)} has answer values outside ${min}–${max}`);
      }
    });
  }
  const reverse = raw.reverse === undefined ? [] : idList(raw.reverse, `${path}.reverse`, problems, true);
  if (reverse && items) {
    reverse.forEach((itemId, i) => {
      if (items.indexOf(itemId) < 0) {
        problems.add(`${path}.reverse[${i}]`, `${quote(itemId)} is not one of this scale's items`);
        return;
      }
      // Reverse scoring mirrors an answer around the middle of min–max, so the item must use the whole range.
      const field = fields.get(itemId);
      const values = field && numericValues(field);
      if (values && min !== undefined && max !== undefined && (Math.min(...values) !== min || Math.max(...values) !== max)) {
        problems.add(`${path}.reverse[${i}]`, `${quote(itemId)} must have answer values from ${min} to ${max} to be reverse-scored`);
      }
    });
  }
  const minAnswered = raw.minAnswered;
  if (typeof minAnswered !== 'number' || !Number.isInteger(minAnswered) || minAnswered < 1) {
    problems.add(`${path}.minAnswered`, 'must be a whole number of at least 1');
  } else if (items && minAnswered > items.length) {
    problems.add(`${path}.minAnswered`, `(${minAnswered}) is more than the scale's ${items.length} items`);
  }
  const cutPoints = readCutPoints(raw.cutPoints, `${path}.cutPoints`, problems);

  if (id === undefined || title === undefined || min === undefined || max === undefined || !items || !reverse || !cutPoints) return undefined;
  if (scoring !== 'sum' && scoring !== 'mean') return undefined;
  if (typeof minAnswered !== 'number') return undefined;
  const scale: ScaleDefinition = { id, title: title.trim(), items, reverse, min, max, scoring, minAnswered, cutPoints };
  if (note !== undefined) scale.note = note;
  return scale;
}

function idList(raw: unknown, path: string, problems: Problems, allowEmpty = false): string[] | undefined {
  if (!Array.isArray(raw)) {
    problems.add(path, 'must be a list of item ids');
    return undefined;
  }
  const seen = new Set<string>();
  const list: string[] = [];
  raw.forEach((entry, i) => {
    if (typeof entry !== 'string') {
      problems.add(`${path}[${i}]`, 'must be an item id');
      return;
    }
    if (seen.has(entry)) problems.add(`${path}[${i}]`, `${quote(entry)} appears twice`);
    seen.add(entry);
    list.push(entry);
  });
  if (list.length === 0 && !allowEmpty) problems.add(path, 'must list at least one item');
  return list;
}

function readCutPoints(raw: unknown, path: string, problems: Problems): CutPoint[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(path, 'must be a list of { "upTo": number or null, "label": text }');
    return undefined;
  }
  const cutPoints: CutPoint[] = [];
  let previous = -Infinity;
  raw.forEach((entry, i) => {
    const cutPath = `${path}[${i}]`;
    if (!isObject(entry)) {
      problems.add(cutPath, 'must be an object with upTo and label');
      return;
    }
    checkKeys(entry, ['upTo', 'label'], cutPath, problems);
    const label = text(entry, 'label', cutPath, problems, true);
    const upTo = entry.upTo === undefined ? null : entry.upTo;
    if (upTo === null) {
      if (i !== raw.length - 1) problems.add(`${cutPath}.upTo`, 'may be left open (null) only on the last cut-point');
    } else if (typeof upTo !== 'number' || !Number.isFinite(upTo)) {
      problems.add(`${cutPath}.upTo`, 'must be a number (or null on the last cut-point)');
      return;
    } else {
      if (upTo <= previous) problems.add(`${cutPath}.upTo`, `(${upTo}) must be higher than the cut-point before it (${previous})`);
      previous = upTo;
    }
    if (label !== undefined) cutPoints.push({ upTo: upTo, label: label.trim() });
  });
  return cutPoints;
}

function readStringRecord(raw: unknown, path: string, problems: Problems): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    problems.add(path, 'must be an object');
    return undefined;
  }
  const record: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (typeof value !== 'string' || value.trim() === '') problems.add(`${path}.${key}`, 'must be a non-empty column header');
    else record[key] = value.trim();
  }
  return record;
}

/**
 * Reads a survey file and checks that it is coherent. Returns the definition with answer sets written
 * out into each item and instrument scales added, so that nothing downstream needs to resolve anything.
 * Throws one Error listing every problem, each line starting with the file name and the path, e.g.
 * `rose-evaluation.json: scales[2].items[1] "pay_3" is not an item of this survey`.
 */
export function validateSurveyDefinition(raw: unknown, source: string): SurveyDefinition {
  const problems = new Problems();
  const definition = readDefinition(raw, problems);
  if (problems.list.length > 0 || !definition) {
    throw new Error(problems.list.map((problem) => `${source}: ${problem}`).join('\n'));
  }
  return definition;
}

function readDefinition(raw: unknown, problems: Problems): SurveyDefinition | undefined {
  if (!isObject(raw)) {
    problems.add('', 'must hold one survey definition (a JSON object)');
    return undefined;
  }
  checkKeys(raw, DEFINITION_KEYS, '', problems);
  const id = text(raw, 'id', '', problems, true);
  if (id !== undefined && !SURVEY_ID.test(id)) problems.add('id', `${quote(id)} must be lower-case letters, digits and - (starting with a letter)`);
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) problems.add('version', 'must be a whole number of at least 1');
  const title = text(raw, 'title', '', problems, true);
  const description = text(raw, 'description', '', problems, true);
  const targetTab = raw.targetTab as TargetTab;
  if (TARGET_TABS.indexOf(targetTab) < 0) problems.add('targetTab', `${quote(raw.targetTab)} must be one of ${TARGET_TABS.map(quote).join(', ')}`);
  const anonymous = flag(raw, 'anonymous', '', problems, true);
  const collectEmail = flag(raw, 'collectEmail', '', problems, true);
  if (anonymous && collectEmail) problems.add('collectEmail', 'must be false: the survey is anonymous');

  const sets = readAnswerSets(raw.answerSets, problems);
  // Kept aligned with the file (undefined where an item could not be read) so messages name the right index.
  const readItems: (SurveyItem | undefined)[] = [];
  if (!Array.isArray(raw.items) || raw.items.length === 0) problems.add('items', 'must list at least one question');
  else raw.items.forEach((entry, i) => readItems.push(readItem(entry, `items[${i}]`, sets, problems)));

  // Ids and titles must be unique: ids name columns and scale items; Google Forms keys answers by title.
  const fields = new Map<string, AnswerField>();
  const usedIds = new Map<string, string>();
  const claimId = (answerId: string, path: string): void => {
    if (usedIds.has(answerId)) problems.add(path, `${quote(answerId)} is also the id of ${usedIds.get(answerId)}`);
    else usedIds.set(answerId, path);
  };
  const titles = new Map<string, number>();
  const roles = new Map<ItemRole, number>();
  readItems.forEach((item, i) => {
    if (!item) return;
    const path = `items[${i}]`;
    claimId(item.id, `${path}.id`);
    if (item.type === 'grid') {
      item.rows.forEach((row, r) => {
        claimId(row.id, `${path}.rows[${r}].id`);
        fields.set(row.id, { id: row.id, item, row });
      });
    } else {
      fields.set(item.id, { id: item.id, item });
    }
    const titleKey = item.title.toLowerCase();
    if (titles.has(titleKey)) problems.add(`${path}.title`, `${quote(item.title)} is also the title of items[${titles.get(titleKey)}]: Google Forms keys answers by title`);
    titles.set(titleKey, i);
    if (RESERVED_TITLES.indexOf(titleKey) >= 0) problems.add(`${path}.title`, `${quote(item.title)} is a name Google Forms uses itself`);
    if (item.role) {
      if (roles.has(item.role)) problems.add(`${path}.role`, `${item.role} is already the role of items[${roles.get(item.role)}]`);
      roles.set(item.role, i);
    }
    checkRole(item, path, problems);
    if (anonymous && looksIdentifying(item)) {
      problems.add(path, `${quote(item.id)} asks for something that identifies a person: an anonymous survey must not ask for a name, email or phone`);
    }
  });
  const items = readItems.filter((item): item is SurveyItem => item !== undefined);

  const scales: ScaleDefinition[] = [];
  if (raw.scales !== undefined && !Array.isArray(raw.scales)) problems.add('scales', 'must be a list');
  const rawScales: unknown[] = Array.isArray(raw.scales) ? raw.scales.slice() : [];
  const instrumentStart = rawScales.length;
  const instruments: InstrumentName[] = [];
  if (raw.instruments !== undefined) {
    if (!Array.isArray(raw.instruments)) problems.add('instruments', `must be a list of ${INSTRUMENT_NAMES.map(quote).join(', ')}`);
    else raw.instruments.forEach((name, i) => {
      if (INSTRUMENT_NAMES.indexOf(name as InstrumentName) < 0) problems.add(`instruments[${i}]`, `${quote(name)} is not a known instrument (${INSTRUMENT_NAMES.join(', ')})`);
      else instruments.push(name as InstrumentName);
    });
  }
  for (const name of instruments) rawScales.push(...instrumentScales(name));
  const scaleIds = new Set<string>();
  rawScales.forEach((entry, i) => {
    // Scales added by an instrument are reported by their own id, since they are not in the file.
    const path = i < instrumentStart ? `scales[${i}]` : `instrument scale ${quote((entry as ScaleDefinition).id)}`;
    const scale = readScale(entry, path, fields, problems);
    if (!scale) return;
    if (scaleIds.has(scale.id)) problems.add(`${path}.id`, `${quote(scale.id)} is used by another scale`);
    if (usedIds.has(scale.id)) problems.add(`${path}.id`, `${quote(scale.id)} is also an item id: scale and item ids share the column headers`);
    scaleIds.add(scale.id);
    scales.push(scale);
  });

  let mapping: Record<string, string> | undefined;
  let newRowValues: Record<string, string> | undefined;
  if (targetTab === 'Survey Responses') {
    if (raw.mapping !== undefined || raw.newRowValues !== undefined) {
      problems.add('mapping', 'is only for Training Log and Support Requests: Survey Responses keeps one column per question');
    }
  } else if (TARGET_TABS.indexOf(targetTab) >= 0) {
    mapping = readStringRecord(raw.mapping, 'mapping', problems);
    newRowValues = readStringRecord(raw.newRowValues, 'newRowValues', problems);
    if (!mapping) problems.add('mapping', `is missing: say which ${targetTab} column each answer goes to`);
    else checkMapping(mapping, newRowValues || {}, fields, targetTab, problems);
  }

  if (id === undefined || title === undefined || description === undefined || typeof version !== 'number') return undefined;
  if (anonymous === undefined || collectEmail === undefined) return undefined;
  const definition: SurveyDefinition = {
    id, version, title: title.trim(), description, targetTab, anonymous, collectEmail, items, scales,
  };
  if (mapping) definition.mapping = mapping;
  if (newRowValues) definition.newRowValues = newRowValues;
  return definition;
}

function checkMapping(
  mapping: Record<string, string>,
  newRowValues: Record<string, string>,
  fields: Map<string, AnswerField>,
  targetTab: TargetTab,
  problems: Problems,
): void {
  const headers = new Map<string, string>();
  for (const source of Object.keys(mapping)) {
    if (source !== SUBMITTED_SOURCE && !fields.has(source)) {
      problems.add(`mapping.${source}`, `${quote(source)} is not an item of this survey`);
    }
    const header = mapping[source].toLowerCase();
    if (headers.has(header)) problems.add(`mapping.${source}`, `column ${quote(mapping[source])} is also the column of ${quote(headers.get(header))}`);
    headers.set(header, source);
  }
  if (headers.has(SUBMISSION_KEY_HEADER.toLowerCase())) {
    problems.add('mapping', `must not fill ${quote(SUBMISSION_KEY_HEADER)}: the tool keeps it to drop repeated deliveries`);
  }
  for (const header of Object.keys(newRowValues)) {
    if (headers.has(header.trim().toLowerCase())) problems.add(`newRowValues.${header}`, 'is a column that an answer already fills');
  }
  // An answer with no column would be collected from staff and then thrown away.
  fields.forEach((field, answerId) => {
    if (!(answerId in mapping)) problems.add('mapping', `does not say which ${targetTab} column holds ${quote(answerId)} (${quote(field.row ? field.row.label : field.item.title)})`);
  });
}
