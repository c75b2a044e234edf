// The merge fields a document template may use, and the values they take for one person.
//
// Field names are what coordinators see: tracker column headers, Settings names, or a computed
// name. The list is data so that the build-time template check, the "Check template" action and
// the merge all agree on it.

import {
  DEFAULT_CURRENCY,
  DEFAULT_LOCALE,
  formatDate,
  formatMoney,
  formatNumber,
} from '../core/format';
import { calendarDate, daysBetween, isDate, isoDateIn } from '../core/dates';
import { LABEL_SEPARATOR, type Plain, type RowValues, type Table } from '../tracker/table';
import { headerOf, ROLES, tabSpec, type ColumnKey, type ColumnSpec, type SettingKey, type TabName } from '../tracker/schema';

export type FieldSource = 'Staff' | 'Site' | 'Settings' | 'Computed' | 'Training';
export type FieldKind = 'text' | 'date' | 'money' | 'number' | 'flag' | 'list';

export interface MergeField {
  name: string;
  source: FieldSource;
  kind: FieldKind;
  description: string;
  /** For a list: the fields each item has, usable inside its repeating table row. */
  itemFields?: readonly string[];
}

export const TRAINING_ITEM_FIELDS: readonly string[] = ['Topic', 'Date', 'Provider', 'Certificate', 'Expiry'];

/** Someone is a new hire from before they start until this many days after (a usual probation). */
export const NEW_HIRE_DAYS = 90;

/**
 * Plain words for the Staff columns people use most in templates, where the schema's header note is
 * missing or written for the sheet rather than for a template author; other columns fall back to
 * that note, then to their header.
 */
const STAFF_DESCRIPTIONS: Partial<Record<ColumnKey<'Staff'>, string>> = {
  id: 'The staff member’s ID in the tracker',
  fullName: 'Legal or full name',
  preferredName: 'The name they go by',
  pronouns: 'Pronouns',
  role: 'Peer Worker, Peer Supporter, Systems Navigator…',
  site: 'The site they work at',
  email: 'Email address',
  phone: 'Phone number',
  start: 'First day of work',
  end: 'Last day of work, if they have left',
  employmentType: 'Casual, part-time, full-time…',
  hourlyWage: 'Pay per hour',
  hoursPerWeek: 'Usual hours per week',
  contractStatus: 'Where the contract stands',
  contractEnd: 'When the current contract ends',
};

function kindOf(column: ColumnSpec): FieldKind {
  if (column.type === 'date') return 'date';
  if (column.type === 'money') return 'money';
  if (column.type === 'number' || column.type === 'integer') return 'number';
  return 'text';
}

/** Every Staff column the schema declares (computed ones aside) is a merge field: one schema, no second list. */
const STAFF_FIELDS: readonly MergeField[] = tabSpec('Staff').columns
  .filter((column) => !column.computed || column.type === 'id')
  .map((column) => ({
    name: column.header, source: 'Staff' as const, kind: kindOf(column),
    description: STAFF_DESCRIPTIONS[column.key as ColumnKey<'Staff'>] ?? column.help ?? column.header,
  }));

/**
 * A certificate is about one Training Log row: these fields are that row's, blank in documents made
 * for a person rather than for a training. A function, so it can sit below the Staff fields it follows.
 */
function trainingFields(): MergeField[] {
  return [
    { name: 'Training ID', source: 'Training', kind: 'text', description: 'The Training Log row a certificate is for (TRN-…)' },
    { name: 'Training topic', source: 'Training', kind: 'text', description: 'What the training was about' },
    { name: 'Training date', source: 'Training', kind: 'date', description: 'The day the training was given' },
    { name: 'Training hours', source: 'Training', kind: 'number', description: 'How many hours it took' },
    { name: 'Facilitator', source: 'Training', kind: 'text', description: 'Who gave the training' },
  ];
}

export const MERGE_FIELDS: readonly MergeField[] = [
  ...STAFF_FIELDS,
  { name: 'Site name', source: 'Site', kind: 'text', description: 'Name of their site' },
  { name: 'Site address', source: 'Site', kind: 'text', description: 'Street address of their site' },
  { name: 'Site city', source: 'Site', kind: 'text', description: 'City of their site' },
  { name: 'Organization name', source: 'Settings', kind: 'text', description: 'Your organization’s name' },
  { name: 'Organization address', source: 'Settings', kind: 'text', description: 'Your organization’s address' },
  { name: 'Organization phone', source: 'Settings', kind: 'text', description: 'Your organization’s phone' },
  { name: 'Organization email', source: 'Settings', kind: 'text', description: 'Your organization’s email' },
  { name: 'Living wage', source: 'Settings', kind: 'money', description: 'The living wage for your region' },
  { name: 'Living wage as of', source: 'Settings', kind: 'date', description: 'When that living wage was published' },
  { name: 'Coordinator name', source: 'Settings', kind: 'text', description: 'Who signs for the organization' },
  { name: 'Today', source: 'Computed', kind: 'date', description: 'The day the document is made' },
  { name: 'Display name', source: 'Computed', kind: 'text', description: 'Preferred name, or full name if none' },
  {
    name: 'Is new hire',
    source: 'Computed',
    kind: 'flag',
    description: `Yes when they start in the future or started within the last ${NEW_HIRE_DAYS} days`,
  },
  {
    name: 'Wage vs living wage',
    source: 'Computed',
    kind: 'text',
    description: 'e.g. "$1.20 above the living wage"',
  },
  { name: 'Weekly pay', source: 'Computed', kind: 'money', description: 'Hourly wage × hours per week' },
  {
    name: 'Trainings',
    source: 'Computed',
    kind: 'list',
    description: 'Completed trainings, oldest first (for a repeating table row)',
    itemFields: TRAINING_ITEM_FIELDS,
  },
  { name: 'Completed trainings', source: 'Computed', kind: 'text', description: 'Completed training topics, comma separated' },
  { name: 'Time with us', source: 'Computed', kind: 'text', description: 'How long they have worked here (to their end date if they left), e.g. "1 year and 3 months"' },
  { name: 'Role duties', source: 'Computed', kind: 'text', description: 'What their role does, in a few words, for a reference letter (blank for other roles)' },
  ...trainingFields(),
];

/**
 * A reference letter names the work itself, not generic praise: what each peer role does, as a
 * phrase that reads after "The work means …". Written from the job description templates.
 */
const ROLE_DUTIES: Partial<Record<(typeof ROLES)[number], string>> = {
  'Peer Worker': 'responding to overdoses with naloxone and oxygen, staying with people until they are safe, and connecting them with health care and housing',
  'Peer Supporter': 'leading debriefs after overdose responses, checking in with each team member, and helping coworkers find rest and support',
  'Systems Navigator': 'helping coworkers get ID, find housing, keep income assistance and open bank accounts, and writing letters for them',
  'Peer Research Assistant': 'asking people survey questions, keeping their answers private, and sharing what peers said with the research team',
  Coordinator: 'planning shifts, supporting the peer team, and keeping the budget and records of the program',
};

export const MERGE_FIELD_NAMES: readonly string[] = MERGE_FIELDS.map((field) => field.name);

/**
 * The known field a mistyped name most likely meant: an exact match ignoring case first, then the
 * nearest by edit distance if it is close enough to be a plausible typo. Undefined otherwise.
 */
export function suggestField(name: string, known: readonly string[] = MERGE_FIELD_NAMES): string | undefined {
  const wanted = name.trim().toLowerCase();
  const sameButCase = known.find((field) => field.toLowerCase() === wanted);
  if (sameButCase !== undefined) return sameButCase;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const field of known) {
    const distance = editDistance(wanted, field.toLowerCase());
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
    }
  }
  // Beyond about a third of the word the "suggestion" is a different field, not a typo.
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/** What a sheet cell or setting can hold once read: Sheets gives Dates, numbers, booleans, strings. */
export type CellValue = string | number | boolean | Date | null | undefined;
export type PlainRecord = Record<string, CellValue>;

export interface MergeInput {
  /** One Staff row keyed by column header. */
  staff: PlainRecord;
  /** Their row of the Sites tab (Name, Address, Region / city), or keyed by the merge names. */
  site?: PlainRecord;
  /**
   * The Settings tab as setting → value ("Organization name", "Address", "Phone", "Email",
   * "Living wage per hour", "Living wage as of", "Coordinator name", "Locale", "Currency"), or
   * keyed by the merge names ("Organization address", "Living wage", …).
   */
  settings: PlainRecord;
  /** Their Training Log rows: Topic, Date, Provider, Certified, Certificate number, Expiry, Valid until. */
  trainings?: readonly PlainRecord[];
  /** For a certificate: the one Training Log row it is for, keyed by header. */
  training?: PlainRecord;
  now: Date;
  /** The spreadsheet's time zone. */
  timeZone: string;
  /** Default: the Locale setting, else en-CA. */
  locale?: string;
  /** Default: the Currency setting, else CAD. */
  currency?: string;
}

/** A tracker row as the merge reads it: keyed by header, the names templates use ({{Full name}}). */
export function byHeader<N extends TabName>(tab: N, values: RowValues<N>): PlainRecord {
  const record: PlainRecord = {};
  for (const column of tabSpec(tab).columns) record[column.header] = (values as Record<string, Plain>)[column.key];
  return record;
}

/**
 * The Settings tab as setting → value, exactly as typed. Not the defaults the rest of the add-on
 * falls back to: a template that requires "Living wage as of" must say it is blank rather than
 * print a default date into a contract.
 */
export function settingsByName(table: Table<'Settings'> | undefined): PlainRecord {
  const settings: PlainRecord = {};
  for (const record of table?.records ?? []) {
    if (typeof record.values.setting === 'string') settings[record.values.setting] = record.values.value;
  }
  return settings;
}

// The headers the merge reads by meaning, from the schema, so a renamed column is renamed here too.
const STAFF_SITE = headerOf('Staff', 'site');
const STAFF_START = headerOf('Staff', 'start');
const STAFF_END = headerOf('Staff', 'end');
const STAFF_ROLE = headerOf('Staff', 'role');
const STAFF_HOURLY_WAGE = headerOf('Staff', 'hourlyWage');
const STAFF_HOURS_PER_WEEK = headerOf('Staff', 'hoursPerWeek');
const STAFF_FULL_NAME = headerOf('Staff', 'fullName');
const STAFF_PREFERRED_NAME = headerOf('Staff', 'preferredName');
const SITE_LIVING_WAGE = headerOf('Sites', 'livingWagePerHour');
const TRAINING_TOPIC = headerOf('Training Log', 'topic');
const TRAINING_DATE = headerOf('Training Log', 'date');
const TRAINING_PROVIDER = headerOf('Training Log', 'provider');
const setting = (key: SettingKey): string => key;

/**
 * Where each field that does not share its name with a column or setting is read from, first
 * match wins: the merge name itself (or, for a site, "City"), then the tracker's header or setting key.
 */
const READ_FROM: Record<string, readonly string[]> = {
  'Site name': ['Site name', headerOf('Sites', 'name')],
  'Site address': ['Site address', headerOf('Sites', 'address')],
  'Site city': ['Site city', 'City', headerOf('Sites', 'regionCity')],
  'Organization address': ['Organization address', setting('Address')],
  'Organization phone': ['Organization phone', setting('Phone')],
  'Organization email': ['Organization email', setting('Email')],
  'Living wage': ['Living wage', setting('Living wage per hour')],
  Certificate: ['Certificate', headerOf('Training Log', 'certificateNumber'), headerOf('Training Log', 'certified')],
  Expiry: ['Expiry', headerOf('Training Log', 'expiry'), headerOf('Training Log', 'validUntil')],
  'Training ID': ['Training ID', headerOf('Training Log', 'id')],
  'Training topic': ['Training topic', headerOf('Training Log', 'topic')],
  'Training date': ['Training date', headerOf('Training Log', 'date')],
  'Training hours': ['Training hours', headerOf('Training Log', 'hours')],
  Facilitator: ['Facilitator', headerOf('Training Log', 'facilitator')],
};

export interface MergeValues {
  /** Text for every non-list field ('' when blank), ready to put in a document. */
  values: Record<string, string>;
  /** Items of each list field, each item's fields as text. */
  lists: Record<string, Record<string, string>[]>;
  /** Yes/no fields, for {{#if}} and {{#unless}}. */
  flags: Record<string, boolean>;
}

interface Formatting {
  timeZone: string;
  locale: string;
  currency: string;
}

/** For reading the Locale and Currency settings themselves, which are plain text. */
const fallbackFormatting: Formatting = { timeZone: 'UTC', locale: DEFAULT_LOCALE, currency: DEFAULT_CURRENCY };

function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function asText(value: CellValue, formatting: Formatting): string {
  if (isBlank(value)) return '';
  if (isDate(value)) return formatDate(value, formatting);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value).trim();
}

/** A number from a cell that may hold 27.85, "27.85", "$27.85" or "27,85 $". */
function asAmount(value: CellValue): number | null {
  if (typeof value === 'number') return isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  let text = value.replace(/[\s\u00a0\u202f$]/g, '');
  if (text.indexOf('.') < 0) text = text.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function asDate(value: CellValue, formatting: Formatting): string {
  if (isBlank(value)) return '';
  if (isDate(value) || typeof value === 'string') {
    // A date typed as text the sheet did not recognise is shown as typed rather than mangled.
    return calendarDate(value, formatting.timeZone) === null ? String(value).trim() : formatDate(value, formatting);
  }
  return asText(value, formatting);
}

function asMoney(value: CellValue, formatting: Formatting): string {
  const amount = asAmount(value);
  return amount === null ? asText(value, formatting) : formatMoney(amount, formatting);
}

function asNumber(value: CellValue, formatting: Formatting): string {
  const amount = asAmount(value);
  return amount === null ? asText(value, formatting) : formatNumber(amount, formatting);
}

function dayOf(value: CellValue, timeZone: string): string | null {
  return isDate(value) || typeof value === 'string' ? calendarDate(value, timeZone) : null;
}

/** A reference cell reads "SITE-0001 · Harbour Lights"; a document wants "Harbour Lights". */
function nameInReference(label: string): string {
  const cut = label.indexOf(LABEL_SEPARATOR);
  return (cut >= 0 ? label.slice(cut + LABEL_SEPARATOR.length) : label).trim();
}

function firstPresent(record: PlainRecord | undefined, keys: readonly string[]): CellValue {
  if (!record) return undefined;
  for (const key of keys) if (!isBlank(record[key])) return record[key];
  return undefined;
}

/** Everything a template can say about one person, formatted for their organization's locale. */
export function buildMergeValues(input: MergeInput): MergeValues {
  const { staff, site, settings } = input;
  const formatting: Formatting = {
    timeZone: input.timeZone,
    locale: input.locale ?? (asText(settings[setting('Locale')], fallbackFormatting) || DEFAULT_LOCALE),
    currency: input.currency ?? (asText(settings[setting('Currency')], fallbackFormatting).toUpperCase() || DEFAULT_CURRENCY),
  };
  const today = isoDateIn(input.now, input.timeZone);
  const values: Record<string, string> = {};
  const sources: Partial<Record<FieldSource, PlainRecord>> = { Staff: staff, Site: site, Settings: settings, Training: input.training };

  for (const field of MERGE_FIELDS) {
    if (field.source === 'Computed') continue;
    const raw = firstPresent(sources[field.source], READ_FROM[field.name] ?? [field.name]);
    if (field.kind === 'date') values[field.name] = asDate(raw, formatting);
    else if (field.kind === 'money') values[field.name] = asMoney(raw, formatting);
    else if (field.kind === 'number') values[field.name] = asNumber(raw, formatting);
    else values[field.name] = asText(raw, formatting);
  }

  values['Site name'] = values['Site name'] || nameInReference(asText(staff[STAFF_SITE], formatting));
  // A topic cell is a reference ("Naloxone administration" or with an ID before it): the certificate prints the name.
  values['Training topic'] = nameInReference(values['Training topic'] ?? '');
  values[STAFF_SITE] = values['Site name'];

  values['Today'] = formatDate(today, formatting);
  values['Display name'] = values[STAFF_PREFERRED_NAME] || values[STAFF_FULL_NAME];

  const start = dayOf(staff[STAFF_START], input.timeZone);
  const isNewHire = start !== null && daysBetween(start, today) < NEW_HIRE_DAYS;
  values['Is new hire'] = isNewHire ? 'Yes' : 'No';

  const wage = asAmount(staff[STAFF_HOURLY_WAGE]);
  // The site's own living wage (Sites → Living wage per hour) first: living wages differ by region.
  const livingWage = asAmount(site ? site[SITE_LIVING_WAGE] : undefined) ?? asAmount(firstPresent(settings, READ_FROM['Living wage']));
  values['Living wage'] = livingWage === null ? values['Living wage'] : asMoney(livingWage, formatting);
  values['Wage vs living wage'] = wage === null || livingWage === null ? '' : compareToLivingWage(wage, livingWage, formatting);
  const hours = asAmount(staff[STAFF_HOURS_PER_WEEK]);
  values['Weekly pay'] = wage === null || hours === null ? '' : formatMoney(wage * hours, formatting);

  const trainings = completedTrainings(input.trainings ?? [], today, formatting);
  const end = dayOf(staff[STAFF_END], input.timeZone);
  values['Time with us'] = start === null ? '' : timeBetween(start, end !== null && end < today ? end : today);
  values['Role duties'] = ROLE_DUTIES[asText(staff[STAFF_ROLE], formatting) as (typeof ROLES)[number]] ?? '';

  values['Completed trainings'] = uniqueInOrder(trainings.map((training) => training['Topic']).filter((topic) => topic !== '')).join(', ');

  return { values, lists: { Trainings: trainings }, flags: { 'Is new hire': isNewHire } };
}

/** Whole years and months from one day to a later one, in words: "2 years and 1 month", "5 months"; blank before the start. */
function timeBetween(fromIso: string, toIso: string): string {
  if (toIso < fromIso) return '';
  const [fromYear, fromMonth, fromDay] = fromIso.split('-').map(Number);
  const [toYear, toMonth, toDay] = toIso.split('-').map(Number);
  const months = (toYear - fromYear) * 12 + (toMonth - fromMonth) - (toDay < fromDay ? 1 : 0);
  if (months < 1) return 'less than a month';
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (years === 0) return unit(rest, 'month');
  return rest === 0 ? unit(years, 'year') : `${unit(years, 'year')} and ${unit(rest, 'month')}`;
}

function compareToLivingWage(wage: number, livingWage: number, formatting: Formatting): string {
  // Compare whole cents so that 27.85 - 27.8 is never "$0.00 above".
  const cents = Math.round(wage * 100) - Math.round(livingWage * 100);
  if (cents === 0) return 'equal to the living wage';
  const difference = formatMoney(Math.abs(cents) / 100, formatting);
  return cents > 0 ? `${difference} above the living wage` : `${difference} below the living wage`;
}

/** Trainings done on or before today, oldest first; planned or undated ones are not claimed. */
function completedTrainings(records: readonly PlainRecord[], today: string, formatting: Formatting): Record<string, string>[] {
  const dated: { day: string; item: Record<string, string> }[] = [];
  for (const record of records) {
    const day = dayOf(record[TRAINING_DATE], formatting.timeZone);
    if (day === null || day > today) continue;
    dated.push({
      day,
      item: {
        Topic: asText(record[TRAINING_TOPIC], formatting),
        Date: formatDate(day, formatting),
        Provider: asText(record[TRAINING_PROVIDER], formatting),
        Certificate: asText(firstPresent(record, READ_FROM['Certificate']), formatting),
        Expiry: asDate(firstPresent(record, READ_FROM['Expiry']), formatting),
      },
    });
  }
  // Array.prototype.sort is stable in V8, so same-day trainings keep the sheet's order.
  dated.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return dated.map((entry) => entry.item);
}

function uniqueInOrder(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item) ? false : (seen.add(item), true)));
}

/**
 * The required fields that are blank for this person (an empty list counts as blank), in the
 * template's order, so the coordinator is told what to fill in before anything is generated.
 */
export function missingRequired(template: { requires: readonly string[] }, merge: MergeValues): string[] {
  return template.requires.filter((name) => {
    if (Array.isArray(merge.lists[name])) return merge.lists[name].length === 0;
    if (name in merge.flags) return false;
    return (merge.values[name] ?? '').trim() === '';
  });
}
