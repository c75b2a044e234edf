// Fair-pay records, pure: each person's calendar-year total and tax-slip flag, the opt-in running total against an assistance earnings exemption, and what Check data says about a payment.
//
// Everything here takes the Payments table as rows, wherever the tab lives (the tracker now, a
// coordinators-only workbook later): the edge reads it once and hands it over.
import { daysBetween, isIsoDate } from '../core/dates';
import { isBlank, num, refId, type Plain, type Table, type TrackerRecord } from '../tracker/table';
import type { ColumnKey } from '../tracker/schema';
import type { Settings } from '../tracker/settings';

/**
 * CRA: a T4A slip is filled out for fees or other amounts for services when "the total of all
 * payments in the calendar year was more than $500" or tax was deducted (guide RC4157, Deducting
 * Income Tax on Pension and Other Income, and Filing the T4A Slip and Summary,
 * canada.ca/en/revenue-agency/services/forms-publications/publications/rc4157). An employee's pay
 * goes on a T4, with the same $500 line when nothing was deducted (guide RC4120). Strictly more than.
 */
export const TAX_SLIP_THRESHOLD = 500;

/**
 * The share of an earnings exemption from which a payment warns. The ministry sends a person on
 * disability assistance a letter at 75 % of their annual earnings exemption (gov.bc.ca, "Annual
 * Earnings Exemption", family-social-supports/services-for-people-with-disabilities/disability-assistance).
 */
export const NEAR_EXEMPTION = 0.75;

/** A Settings figure over a year old is asked about again: the ministry has changed the limits in January before. */
export const EXEMPTION_FIGURES_STALE_DAYS = 365;

export type Assistance = 'Income assistance' | 'Disability assistance';
export type ExemptionWarning = '' | 'Near the limit' | 'Over the limit';

type Payment = TrackerRecord<'Payments'>;

/** A payment that counts: a person, a day and an amount above zero, in cents so sums stay exact. */
interface Counted { person: string; date: string; cents: number }

function counted(record: Payment): Counted | null {
  const person = refId(record.values.person ?? null);
  const date = record.values.date ?? null;
  const amount = num(record.values.amount ?? null);
  if (!person || !isIsoDate(date) || amount === null || amount <= 0) return null;
  return { person, date, cents: Math.round(amount * 100) };
}

/** Earlier day first, then the higher row: the order payments were made in, as far as the sheet says. */
function byDay(a: { date: string; row: number }, b: { date: string; row: number }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row;
}

// ---------------------------------------------------------------------------------------------
// Tax slips

/** Each person's total per calendar year, in dollars: "STAFF-0001\n2026" → 620. */
export function yearTotals(payments: Table<'Payments'> | undefined): Map<string, number> {
  const cents = new Map<string, number>();
  for (const record of payments?.records ?? []) {
    const payment = counted(record);
    if (!payment) continue;
    const key = `${payment.person}\n${payment.date.slice(0, 4)}`;
    cents.set(key, (cents.get(key) ?? 0) + payment.cents);
  }
  return new Map([...cents].map(([key, total]) => [key, total / 100]));
}

/** Whether a calendar year's total needs a tax slip: more than $500. */
export function needsTaxSlip(total: number): boolean {
  return Math.round(total * 100) > TAX_SLIP_THRESHOLD * 100;
}

/** The people who need a slip for a year, with their totals, by person ID. */
export function taxSlipsFor(payments: Table<'Payments'> | undefined, year: string): { person: string; total: number }[] {
  const out: { person: string; total: number }[] = [];
  for (const [key, total] of yearTotals(payments)) {
    const [person, of] = key.split('\n');
    if (of === year && needsTaxSlip(total)) out.push({ person, total });
  }
  return out.sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Earnings exemption (opt-in)

export interface ExemptionChoice {
  assistance: Assistance;
  /** The limit in dollars: the person's own when the deciding row gives one, else Settings'. */
  limit: number;
  /** Income assistance's exemption is monthly, disability assistance's is for the calendar year (BCEA Policy and Procedure Manual, Income Treatment and Exemptions). */
  period: 'month' | 'year';
  /** Sheet row of the payment whose answer decides. */
  row: number;
}

/**
 * Who asked for a running total, and against what: each person's latest payment (by day, then row)
 * whose "Track earnings exemption" is filled decides. Only the two assistance answers opt in; No, or
 * anything else, leaves the person out, so no one is tracked without saying so.
 */
export function exemptionChoices(payments: Table<'Payments'> | undefined, settings: Settings): Map<string, ExemptionChoice> {
  const latest = new Map<string, Payment>();
  for (const record of payments?.records ?? []) {
    const person = refId(record.values.person ?? null);
    if (!person || isBlank(record.values.exemptionTracking ?? null)) continue;
    const before = latest.get(person);
    const day = (r: Payment) => ({ date: isIsoDate(r.values.date) ? r.values.date : '', row: r.row });
    if (!before || byDay(day(before), day(record)) < 0) latest.set(person, record);
  }
  const choices = new Map<string, ExemptionChoice>();
  for (const [person, record] of latest) {
    const answer = String(record.values.exemptionTracking).trim();
    if (answer !== 'Income assistance' && answer !== 'Disability assistance') continue;
    const own = num(record.values.exemptionLimit ?? null);
    const monthly = answer === 'Income assistance';
    const fallback = monthly ? settings.incomeAssistanceExemption : settings.disabilityAssistanceExemption;
    choices.set(person, { assistance: answer, limit: own !== null && own >= 0 ? own : fallback, period: monthly ? 'month' : 'year', row: record.row });
  }
  return choices;
}

/** The exemption period a day falls in: "2026-03" for a month, "2026" for a year. */
export function periodOf(date: string, period: ExemptionChoice['period']): string {
  return period === 'month' ? date.slice(0, 7) : date.slice(0, 4);
}

/** Near the limit from 75 % of it, over the limit above it (amounts in dollars). */
export function exemptionWarning(paid: number, limit: number): ExemptionWarning {
  const p = Math.round(paid * 100);
  const l = Math.round(limit * 100);
  if (p > l) return 'Over the limit';
  return p > 0 && p >= l * NEAR_EXEMPTION ? 'Near the limit' : '';
}

/** The computed columns of Payments, aligned with its records (computed.ts writes them). */
export function paymentColumns(payments: Table<'Payments'>, settings: Settings): Partial<Record<ColumnKey<'Payments'>, Plain[]>> {
  const records = payments.records;
  const paid = records.map(counted);
  const totals = yearTotals(payments);
  const choices = exemptionChoices(payments, settings);
  const used: Plain[] = records.map(() => '');
  const warnings: Plain[] = records.map(() => '');
  const tracked = paid.map((payment, i) => ({ payment, i, date: payment?.date ?? '', row: records[i].row }))
    .filter((x) => x.payment && choices.has(x.payment.person))
    .sort(byDay);
  const running = new Map<string, number>();
  for (const { payment, i } of tracked) {
    const choice = choices.get(payment!.person)!;
    const key = `${payment!.person}\n${periodOf(payment!.date, choice.period)}`;
    const sum = (running.get(key) ?? 0) + payment!.cents;
    running.set(key, sum);
    used[i] = choice.limit > 0 ? Math.round((sum / 100 / choice.limit) * 10000) / 10000 : '';
    warnings[i] = exemptionWarning(sum / 100, choice.limit);
  }
  return {
    yearTotal: paid.map((p) => (p ? totals.get(`${p.person}\n${p.date.slice(0, 4)}`) ?? '' : '')),
    taxSlip: paid.map((p) => (p ? (needsTaxSlip(totals.get(`${p.person}\n${p.date.slice(0, 4)}`) ?? 0) ? 'Yes' : 'No') : '')),
    exemptionUsed: used,
    exemptionWarning: warnings,
  };
}

export interface ExemptionStanding {
  person: string;
  assistance: Assistance;
  /** The period `today` is in ("2026-03" or "2026"). */
  period: string;
  paid: number;
  limit: number;
  warning: ExemptionWarning;
}

/** Each tracked person's total in the period today falls in, against their limit. */
export function exemptionStandings(payments: Table<'Payments'> | undefined, settings: Settings, today: string): ExemptionStanding[] {
  const choices = exemptionChoices(payments, settings);
  const sums = new Map<string, number>();
  for (const record of payments?.records ?? []) {
    const payment = counted(record);
    const choice = payment ? choices.get(payment.person) : undefined;
    if (!payment || !choice || periodOf(payment.date, choice.period) !== periodOf(today, choice.period)) continue;
    sums.set(payment.person, (sums.get(payment.person) ?? 0) + payment.cents);
  }
  return [...choices].map(([person, choice]) => {
    const paid = (sums.get(person) ?? 0) / 100;
    return { person, assistance: choice.assistance, period: periodOf(today, choice.period), paid, limit: choice.limit, warning: exemptionWarning(paid, choice.limit) };
  });
}

// ---------------------------------------------------------------------------------------------
// Check data

export interface PaymentProblem {
  tab: 'Payments' | 'Settings';
  /** The row the problem is on (Payments, or the Settings row of the figure); null for none. */
  record: { row: number } | null;
  key: ColumnKey<'Payments'> | 'value' | null;
  severity: 'error' | 'warning';
  message: string;
}

const RECEIPT_LINK = /^(https?:\/\/)\S+$/i;

/**
 * What the generic checks (required, dropdowns, references) do not say about payments: an amount of
 * $0 or less, a receipt that is neither a link nor "given", a limit without an assistance, and
 * exemption figures nobody dated while someone is tracked. Messages never say who is tracked.
 */
export function paymentProblems(payments: Table<'Payments'> | undefined, settingsTable: Table<'Settings'> | undefined, settings: Settings, today: string): PaymentProblem[] {
  const problems: PaymentProblem[] = [];
  for (const record of payments?.records ?? []) {
    const amount = num(record.values.amount ?? null);
    if (amount !== null && amount <= 0) {
      problems.push({ tab: 'Payments', record, key: 'amount', severity: 'error', message: `Amount is ${amount < 0 ? '-' : ''}$${Math.abs(amount).toFixed(2)}: a payment is more than $0. Correct it, or delete the row if nothing was paid.` });
    }
    const receipt = record.values.receipt ?? null;
    if (!isBlank(receipt) && !RECEIPT_LINK.test(String(receipt).trim()) && String(receipt).trim().toLowerCase() !== 'given') {
      problems.push({ tab: 'Payments', record, key: 'receipt', severity: 'warning', message: `Receipt "${String(receipt)}" is neither a link (https://…) nor "given": put the link to the receipt, or "given" when the person has a paper copy.` });
    }
    if (!isBlank(record.values.exemptionLimit ?? null) && isBlank(record.values.exemptionTracking ?? null)) {
      problems.push({ tab: 'Payments', record, key: 'exemptionLimit', severity: 'warning', message: 'Own exemption limit is read only from a row that says which assistance (Track earnings exemption): choose it on this row, or clear the limit.' });
    }
  }
  if (exemptionChoices(payments, settings).size) {
    const asOf = settings.exemptionsAsOf;
    const row = settingsTable?.records.find((r) => r.values.setting === 'Earnings exemptions as of') ?? null;
    const stale = asOf && daysBetween(asOf, today) > EXEMPTION_FIGURES_STALE_DAYS;
    if (!asOf || stale) {
      const when = asOf ? `were checked on ${asOf}, more than a year ago` : 'have no date';
      problems.push({ tab: 'Settings', record: row, key: 'value', severity: 'warning', message: `Earnings exemptions as of: the earnings exemption figures in Settings ${when}, and payments are counted against them. Check the current figures on gov.bc.ca (BCEA Policy and Procedure Manual, Income Treatment and Exemptions), update them and set this date.` });
    }
  }
  return problems;
}
