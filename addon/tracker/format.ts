// Sheet-side presentation of the schema: number formats, dropdowns, conditional formats and the protections' descriptions, for the Sheets API.
import { TYPE_WIDTHS, type ColumnSpec, type TabSpec } from './schema';
import { columnToLetters } from './a1';
import { LISTS_TAB, listColumnLetter } from './lists';
import type { Settings } from './settings';

/** Marks our conditional-format rules so a re-run replaces them and keeps the user's own. N("…") is 0 in Sheets. */
export const RULE_MARK = 'N("ROSE Tracker")=0';
export const HEADER_PROTECTION = 'ROSE Tracker: header row';
export const COMPUTED_PROTECTION = 'ROSE Tracker: computed column';
export const CONFIDENTIAL_PROTECTION = 'ROSE Tracker: confidential';
export const COORDINATORS_ONLY_PROTECTION = 'ROSE Tracker: coordinators only';

const CURRENCY_SYMBOL: Record<string, string> = { CAD: '$', USD: '$', AUD: '$', NZD: '$', EUR: '€', GBP: '£' };

export function numberFormat(column: ColumnSpec, settings: Settings): string | null {
  switch (column.type) {
    case 'date': return 'yyyy-mm-dd';
    case 'datetime': return 'yyyy-mm-dd hh:mm';
    case 'money': {
      const symbol = CURRENCY_SYMBOL[settings.currency];
      return symbol ? `"${symbol}"#,##0.00` : `#,##0.00 "${settings.currency}"`;
    }
    case 'percent': return '0%';
    case 'integer': return '0';
    case 'number': return '0.##';
    // Plain text keeps IDs, phone numbers and codes exactly as typed (no lost leading zeros).
    case 'id': case 'phone': return '@';
    default: return null;
  }
}


interface RuleSpec { formula: string; background: string; fontColor?: string; column: string }

/** Highlight rules that Sheets evaluates live (TODAY() keeps them current between recomputes). */
export function ruleSpecs(spec: TabSpec, header: string[], settings: Settings): RuleSpec[] {
  const col = (h: string) => (header.indexOf(h) >= 0 ? `$${columnToLetters(header.indexOf(h) + 1)}2` : null);
  const lead = settings.reminderLeadDays;
  const rules: RuleSpec[] = [];
  const red = '#f4c7c3';
  const amber = '#fce8b2';
  if (spec.name === 'Milestones') {
    const due = col('Due'); const done = col('Completed');
    if (due && done) {
      rules.push({ column: 'Due', background: red, formula: `=AND(${due}<>"",${done}="",${due}<TODAY(),${RULE_MARK})` });
      rules.push({ column: 'Due', background: amber, formula: `=AND(${due}<>"",${done}="",${due}>=TODAY(),${due}<=TODAY()+${lead},${RULE_MARK})` });
    }
  }
  if (spec.name === 'Training Log') {
    const until = col('Valid until');
    if (until) {
      rules.push({ column: 'Valid until', background: red, formula: `=AND(${until}<>"",${until}<TODAY(),${RULE_MARK})` });
      rules.push({ column: 'Valid until', background: amber, formula: `=AND(${until}<>"",${until}>=TODAY(),${until}<=TODAY()+${lead},${RULE_MARK})` });
    }
  }
  if (spec.name === 'Staff pay and contacts') {
    const below = col('Below living wage');
    if (below) rules.push({ column: 'Hourly wage', background: red, formula: `=AND(${below}="Yes",${RULE_MARK})` });
  }
  if (spec.name === 'Staff') {
    const end = col('Contract end');
    if (end) rules.push({ column: 'Contract end', background: amber, formula: `=AND(${end}<>"",${end}>=TODAY(),${end}<=TODAY()+${lead},${RULE_MARK})` });
  }
  if (spec.name === 'Action Plan') {
    // Blocked work, and work past its End that is neither done nor cancelled, stand out until someone acts.
    const status = col('Status'); const end = col('End');
    if (status) rules.push({ column: 'Status', background: red, formula: `=AND(${status}="Blocked",${RULE_MARK})` });
    if (status && end) rules.push({ column: 'End', background: red, formula: `=AND(${end}<>"",${end}<TODAY(),${status}<>"Done",${status}<>"Cancelled",${RULE_MARK})` });
  }
  if (spec.name === 'Budget') {
    const spent = col('Spent'); const allocated = col('Allocated');
    if (spent && allocated) rules.push({ column: 'Remaining', background: red, formula: `=AND(ISNUMBER(${spent}),ISNUMBER(${allocated}),${spent}>${allocated},${RULE_MARK})` });
  }
  return rules.filter((r) => header.includes(r.column));
}

/** A number format as the Sheets API writes it (CellFormat.numberFormat: "When writing, this field [type] must be set"). */
export function numberFormatSpec(column: ColumnSpec, settings: Settings): { type: string; pattern: string } | null {
  const pattern = numberFormat(column, settings);
  if (!pattern) return null;
  const type: Record<string, string> = { date: 'DATE', datetime: 'DATE_TIME', money: 'CURRENCY', percent: 'PERCENT', integer: 'NUMBER', number: 'NUMBER', id: 'TEXT', phone: 'TEXT' };
  return { type: column.type === 'money' && !CURRENCY_SYMBOL[settings.currency] ? 'NUMBER' : type[column.type], pattern };
}

/** A column's dropdown or check as a Sheets API DataValidationRule (…/spreadsheets/other#DataValidationRule), the same rules as validationFor. */
export function validationRule(column: ColumnSpec): Record<string, unknown> | null {
  const values = (list: readonly (string | number)[]) => list.map((v) => ({ userEnteredValue: String(v) }));
  if (column.type === 'choice' && column.choices && !column.computed) {
    return {
      condition: { type: 'ONE_OF_LIST', values: values(column.choices) }, strict: !column.allowOther, showCustomUi: true,
      inputMessage: column.allowOther ? 'Choose from the list or type your own.' : `Choose one of: ${column.choices.join(', ')}`,
    };
  }
  const letter = column.type === 'ref' && column.ref ? listColumnLetter(column.ref) : null;
  if (letter) {
    return { condition: { type: 'ONE_OF_RANGE', values: values([`='${LISTS_TAB}'!${letter}2:${letter}`]) }, strict: false, showCustomUi: true, inputMessage: `Choose from ${column.ref}.` };
  }
  if (column.type === 'date') return { condition: { type: 'DATE_IS_VALID' }, strict: false, inputMessage: 'A date, e.g. 2026-04-30.' };
  if ((column.type === 'integer' || column.type === 'number' || column.type === 'money') && column.min !== undefined && !column.computed) {
    return {
      condition: { type: 'NUMBER_BETWEEN', values: values([column.min, column.max ?? 1e9]) }, strict: false,
      inputMessage: column.max === undefined ? `A number, at least ${column.min}.` : `A number from ${column.min} to ${column.max}.`,
    };
  }
  return null;
}

/** Whether a conditional-format formula is one of ours (the marker RULE_MARK is in it). */
export function isOurFormula(formula: string): boolean {
  return formula.indexOf(RULE_MARK) >= 0;
}

/** The width spreadsheets.get reports (columnMetadata.pixelSize) for a column nobody has sized: setup sizes such a column, never one a person sized. */
export const SHEETS_DEFAULT_COLUMN_PX = 100;
/** A bold header character at Sheets' default 10 pt Arial is at most about 8 px wide; cells pad about 6 px a side. */
const HEADER_CHAR_PX = 8;
const CELL_PADDING_PX = 12;

/** A dropdown is as wide as its longest choice (about 7 px a character), up to this. */
const WIDEST_CHOICE_PX = 300;
const CHOICE_CHAR_PX = 7;

/** A column's width: its declared one, else its type's (a dropdown's widened to its longest choice), and never narrower than its header's text on one line. */
export function columnWidth(column: ColumnSpec): number {
  const longest = Math.max(0, ...(column.choices ?? []).map((c) => c.length));
  const byType = Math.max(TYPE_WIDTHS[column.type], Math.min(WIDEST_CHOICE_PX, longest * CHOICE_CHAR_PX + CELL_PADDING_PX));
  return Math.max(column.width ?? byType, column.header.length * HEADER_CHAR_PX + CELL_PADDING_PX);
}
