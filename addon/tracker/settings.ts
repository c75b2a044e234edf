// Reads the Settings tab into typed settings, with the declared defaults where a value is blank.
import { SETTINGS, type SettingKey } from './schema';
import { isBlank, num, type Table } from './table';
import { isIsoDate } from '../core/dates';

export interface Settings {
  organizationName: string;
  address: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  locale: string;
  livingWage: number | null;
  livingWageAsOf: string;
  livingWageSource: string;
  coordinatorEmails: string[];
  coordinatorName: string;
  documentsFolder: string;
  reminderLeadDays: number;
  minimumGroupSize: number;
  /** The follow-up wave opens this many months after a site's first baseline answer. */
  followUpAfterMonths: number;
  /** Days the follow-up stays open before it is overdue. */
  followUpOpenDays: number;
  /** The Systems Navigator and Peer Supporter: the people besides the coordinators who may read support requests. */
  supportTeamEmails: string[];
  /** The Support requests workbook's link, as Set up private workbooks wrote it. */
  supportRequestsWorkbook: string;
  /** The evaluator: besides the coordinators, the one who may read survey rows and raw evaluation answers. */
  evaluatorEmails: string[];
  /** The Evaluation workbook's link, as Set up private workbooks wrote it. */
  evaluationWorkbook: string;
  /** Earnings income assistance leaves out of the payment, a calendar month (Payments → Track earnings exemption). */
  incomeAssistanceExemption: number;
  /** Earnings disability assistance leaves out of the payment, a calendar year. */
  disabilityAssistanceExemption: number;
  /** When the two exemption figures were checked (yyyy-mm-dd), '' when not said. */
  exemptionsAsOf: string;
  exemptionsSource: string;
  /** Settings rows whose value could not be used, for Check data. */
  problems: { key: SettingKey; row: number; message: string }[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The numbers a numeric setting may take (Check data and the Settings tab's dropdown checks): reminders look at most a quarter ahead. */
export const SETTING_BOUNDS: Partial<Record<SettingKey, { min: number; max?: number }>> = {
  'Living wage per hour': { min: 0 },
  'Reminder lead days': { min: 0, max: 90 },
  // The floor of the threshold rule: a count of people below it is an unsafe cell. Statistical agencies
  // require at least three or at least five respondents a cell (OECD Glossary of Statistical Disclosure
  // Control, "threshold rule", stats.oecd.org/glossary/detail.asp?ID=7010; Hundepool et al., Handbook on
  // Statistical Disclosure Control, 2nd ed. 2024, ch. 5, sdctools.github.io/HandbookSDC); these are small
  // groups of people who face criminalization, so the stricter five. Raising it is anyone's choice.
  'Minimum group size for reports': { min: 5 },
  'Follow-up after months': { min: 1 },
  'Follow-up open days': { min: 1 },
  'Earnings exemption, income assistance (a month)': { min: 0 },
  'Earnings exemption, disability assistance (a year)': { min: 0 },
};

/** Why a bound is where it is, said when a value past it is ignored. */
const BOUND_REASONS: Partial<Record<SettingKey, string>> = {
  'Minimum group size for reports': 'A figure about fewer than 5 people can point to one of them, so no report shows one, whatever this row says (disclosure-control practice: the threshold rule).',
};

export function readSettings(table: Table<'Settings'> | undefined): Settings {
  const raw = new Map<string, { value: unknown; row: number }>();
  for (const record of table?.records ?? []) {
    const key = record.values.setting;
    if (typeof key === 'string') raw.set(key, { value: record.values.value, row: record.row });
  }
  const problems: Settings['problems'] = [];
  const text = (key: SettingKey): string => {
    const entry = raw.get(key);
    if (!entry || isBlank(entry.value as string)) return String(SETTINGS.find((s) => s.key === key)!.defaultValue);
    return String(entry.value).trim();
  };
  const number = (key: SettingKey): number => {
    const entry = raw.get(key);
    const fallback = Number(SETTINGS.find((s) => s.key === key)!.defaultValue);
    if (!entry || isBlank(entry.value as string)) return fallback;
    const n = num(entry.value as string | number);
    const { min, max } = SETTING_BOUNDS[key] ?? { min: 0 };
    const whole = SETTINGS.find((s) => s.key === key)!.type === 'integer';
    if (n === null || n < min || (max !== undefined && n > max) || (whole && !Number.isInteger(n))) {
      const kind = whole ? 'a whole number' : 'a number';
      const what = max !== undefined ? `${kind} from ${min} to ${max}` : `${kind} of at least ${min}`;
      problems.push({ key, row: entry.row, message: `"${key}" should be ${what}; using ${fallback} until it is fixed.${BOUND_REASONS[key] ? ` ${BOUND_REASONS[key]}` : ''}` });
      return fallback;
    }
    return n;
  };
  const wageEntry = raw.get('Living wage per hour');
  const livingWage = wageEntry && isBlank(wageEntry.value as string) ? null : number('Living wage per hour');
  const coordinatorEmails = text('Coordinator emails').split(/[,;\s]+/).map((e) => e.trim()).filter(Boolean);
  const badEmail = coordinatorEmails.find((e) => !EMAIL.test(e));
  if (badEmail) {
    problems.push({ key: 'Coordinator emails', row: raw.get('Coordinator emails')?.row ?? 0, message: `"${badEmail}" is not an email address.` });
  }
  const emails = (key: SettingKey): string[] => {
    const list = text(key).split(/[,;\s]+/).map((e) => e.trim()).filter(Boolean);
    const bad = list.find((e) => !EMAIL.test(e));
    if (bad) problems.push({ key, row: raw.get(key)?.row ?? 0, message: `"${bad}" is not an email address.` });
    return list.filter((e) => EMAIL.test(e));
  };
  let timeZone = text('Time zone');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    problems.push({ key: 'Time zone', row: raw.get('Time zone')?.row ?? 0, message: `"${timeZone}" is not a time zone name such as America/Vancouver.` });
    timeZone = 'America/Vancouver';
  }
  const asOf = text('Living wage as of');
  if (asOf && !isIsoDate(asOf)) {
    problems.push({ key: 'Living wage as of', row: raw.get('Living wage as of')?.row ?? 0, message: `"${asOf}" is not a date (use yyyy-mm-dd).` });
  }
  const exemptionsAsOf = text('Earnings exemptions as of');
  if (exemptionsAsOf && !isIsoDate(exemptionsAsOf)) {
    problems.push({ key: 'Earnings exemptions as of', row: raw.get('Earnings exemptions as of')?.row ?? 0, message: `"${exemptionsAsOf}" is not a date (use yyyy-mm-dd).` });
  }
  return {
    organizationName: text('Organization name'),
    address: text('Address'),
    phone: text('Phone'),
    email: text('Email'),
    timeZone,
    currency: text('Currency').toUpperCase(),
    locale: text('Locale'),
    livingWage,
    livingWageAsOf: asOf,
    livingWageSource: text('Living wage source'),
    coordinatorEmails: coordinatorEmails.filter((e) => EMAIL.test(e)),
    supportTeamEmails: emails('Support team emails'),
    supportRequestsWorkbook: text('Support requests workbook'),
    evaluatorEmails: emails('Evaluator emails'),
    evaluationWorkbook: text('Evaluation workbook'),
    coordinatorName: text('Coordinator name'),
    documentsFolder: text('Documents folder'),
    reminderLeadDays: number('Reminder lead days'),
    minimumGroupSize: number('Minimum group size for reports'),
    followUpAfterMonths: number('Follow-up after months'),
    followUpOpenDays: number('Follow-up open days'),
    incomeAssistanceExemption: number('Earnings exemption, income assistance (a month)'),
    disabilityAssistanceExemption: number('Earnings exemption, disability assistance (a year)'),
    exemptionsAsOf: isIsoDate(exemptionsAsOf) ? exemptionsAsOf : '',
    exemptionsSource: text('Earnings exemptions source'),
    problems,
  };
}
