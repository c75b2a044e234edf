// Survey definitions: the shape every survey file follows once the build has checked it, and helpers to read one.

/** The tracker tab a survey's answers land in. */
export type TargetTab = 'Survey Responses' | 'Training Log' | 'Support Requests';
export const TARGET_TABS: readonly TargetTab[] = ['Survey Responses', 'Training Log', 'Support Requests'];

export type ItemType = 'choice' | 'checkbox' | 'scale' | 'grid' | 'short_text' | 'long_text' | 'date';
export const ITEM_TYPES: readonly ItemType[] = ['choice', 'checkbox', 'scale', 'grid', 'short_text', 'long_text', 'date'];

/**
 * What an item means to the rest of the tool. The evaluation survey's wave, site and participant code
 * fill the leading columns of Survey Responses; the two self-rated health items feed the report.
 */
export type ItemRole = 'wave' | 'site' | 'participantCode' | 'selfRatedHealth' | 'selfRatedMentalHealth';
export const ITEM_ROLES: readonly ItemRole[] = ['wave', 'site', 'participantCode', 'selfRatedHealth', 'selfRatedMentalHealth'];

/** Lists the form builder fills from the tracker when it creates the form. */
export type OptionsSource = 'sites' | 'trainingTopics';
export const OPTIONS_SOURCES: readonly OptionsSource[] = ['sites', 'trainingTopics'];

export type Wave = 'baseline' | 'follow-up';
export const WAVES: readonly Wave[] = ['baseline', 'follow-up'];

export interface ItemBase {
  /** Stable id (lower case, digits, underscores): column headers and scales refer to it, so never reuse one. */
  id: string;
  /** The question as staff read it. Google Forms keys answers by this text, so it is unique in a survey. */
  title: string;
  help?: string;
  required: boolean;
  /** Asks for something that names the person (name, contact). Never allowed in an anonymous survey. */
  identifying?: boolean;
  role?: ItemRole;
  /** Starts a new page with this title: long forms are easier on a phone in short pages. */
  section?: string;
}

export interface ChoiceItem extends ItemBase {
  type: 'choice';
  /** Empty when `optionsFrom` is set: the form builder fills the list from the tracker. */
  options: string[];
  optionsFrom?: OptionsSource;
  /** The number each option counts as in a scale (same order as options); null = not counted, e.g. "Does not apply". */
  optionValues?: (number | null)[];
  /** A stable code per option, stored instead of the wording where the tool needs one (the wave). */
  optionKeys?: string[];
}

export interface CheckboxItem extends ItemBase {
  type: 'checkbox';
  options: string[];
  optionsFrom?: OptionsSource;
}

/** A Google Forms linear scale: whole numbers from min (0 or 1) to max (2 to 10). */
export interface ScaleItem extends ItemBase {
  type: 'scale';
  min: number;
  max: number;
  minLabel?: string;
  maxLabel?: string;
}

export interface GridRow {
  /** Each row is answered (and stored, and scored) under its own id. */
  id: string;
  label: string;
}

/** A Google Forms multiple-choice grid: one answer per row, picked from the columns. */
export interface GridItem extends ItemBase {
  type: 'grid';
  rows: GridRow[];
  columns: string[];
  columnValues?: (number | null)[];
}

export interface ShortTextItem extends ItemBase {
  type: 'short_text';
  /** A regular expression the answer must match; answers that do not are kept as typed and flagged. */
  pattern?: string;
}

export interface LongTextItem extends ItemBase {
  type: 'long_text';
}

export interface DateItem extends ItemBase {
  type: 'date';
}

export type SurveyItem = ChoiceItem | CheckboxItem | ScaleItem | GridItem | ShortTextItem | LongTextItem | DateItem;

/** A band of scores: every score up to and including `upTo` (null = no upper limit) that no earlier band took. */
export interface CutPoint {
  upTo: number | null;
  label: string;
}

export interface ScaleDefinition {
  id: string;
  title: string;
  /** Answer ids (items, or grid rows) that make up the scale. */
  items: string[];
  /** Items worded the other way round: they count min + max − answer. */
  reverse: string[];
  /** The lowest and highest answer value of one item. */
  min: number;
  max: number;
  scoring: 'sum' | 'mean';
  /** Below this many answered items the score is left empty rather than guessed. */
  minAnswered: number;
  cutPoints: CutPoint[];
  /** Where the scale or its cut-points come from, shown to whoever edits the file. */
  note?: string;
}

export interface SurveyDefinition {
  id: string;
  version: number;
  title: string;
  description: string;
  targetTab: TargetTab;
  anonymous: boolean;
  collectEmail: boolean;
  items: SurveyItem[];
  scales: ScaleDefinition[];
  /** Intake forms only: answer id (or SUBMITTED_SOURCE) → header of the target tab's column. */
  mapping?: Record<string, string>;
  /** Intake forms only: columns filled with the same text on every new row, e.g. Status: New. */
  newRowValues?: Record<string, string>;
}

/** A mapping key that stands for the moment the form was submitted rather than for an answer. */
export const SUBMITTED_SOURCE = '@submitted';

/** The column where every target tab keeps the submission key that drops a repeated form-submit delivery. */
export const SUBMISSION_KEY_HEADER = 'Submission key';

/** One stored answer: an item, or one row of a grid. */
export interface AnswerField {
  id: string;
  item: SurveyItem;
  row?: GridRow;
}

/** Every answer a survey stores, in form order: one per item, one per grid row. */
export function answerFields(definition: SurveyDefinition): AnswerField[] {
  const fields: AnswerField[] = [];
  for (const item of definition.items) {
    if (item.type === 'grid') for (const row of item.rows) fields.push({ id: row.id, item, row });
    else fields.push({ id: item.id, item });
  }
  return fields;
}

/**
 * The numbers an answer field can count as in a scale, or null when it is not numeric
 * (text, dates, checkboxes, choices without optionValues).
 */
export function numericValues(field: AnswerField): number[] | null {
  const item = field.item;
  if (item.type === 'scale') {
    const values: number[] = [];
    for (let v = item.min; v <= item.max; v++) values.push(v);
    return values;
  }
  if (item.type === 'choice' && item.optionValues) return item.optionValues.filter((v): v is number => v !== null);
  if (item.type === 'grid' && item.columnValues) return item.columnValues.filter((v): v is number => v !== null);
  return null;
}

/** The item that plays a role (wave, site, …), if the survey has one. */
export function itemWithRole(definition: SurveyDefinition, role: ItemRole): SurveyItem | undefined {
  return definition.items.find((item) => item.role === role);
}
