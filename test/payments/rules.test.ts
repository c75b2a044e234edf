// Fair-pay records on tables built in memory: calendar-year totals and the tax-slip flag across year boundaries, the opt-in earnings exemption running total and its 75 % warning, and Check data's messages about payments.
import { exemptionChoices, exemptionStandings, exemptionWarning, paymentColumns, taxSlipsFor, yearTotals } from '../../addon/payments/rules';
import { checkTables } from '../../addon/tracker/check';
import { computeAll } from '../../addon/tracker/computed';
import { tabSpec, type TabName } from '../../addon/tracker/schema';
import { readSettings, type Settings } from '../../addon/tracker/settings';
import { toTable, type Plain, type Table, type Tables } from '../../addon/tracker/table';

const TODAY = '2026-03-16';

function table<N extends TabName>(name: N, rows: Record<string, Plain>[]): Table<N> {
  const header = tabSpec(name).columns.map((c) => c.header);
  return toTable(name, header, rows.map((r) => header.map((h) => (r[h] === undefined ? '' : r[h]))));
}

const AVERY = 'STAFF-0001 · Avery Lin';
const SAM = 'STAFF-0002 · Sam Ortiz';

function pay(person: string, date: string, amount: Plain, more: Record<string, Plain> = {}): Record<string, Plain> {
  return { Person: person, Date: date, Amount: amount, 'Agreed up front': 'Yes', ...more };
}

function settingsWith(values: Record<string, Plain> = {}): { settings: Settings; table: Table<'Settings'> } {
  const t = table('Settings', Object.entries(values).map(([Setting, Value]) => ({ Setting, Value })));
  return { settings: readSettings(t), table: t };
}

const defaults = readSettings(undefined);

describe('the tax-slip flag', () => {
  it('totals each person per calendar year: December and January payments fall in different years', () => {
    const payments = table('Payments', [
      pay(AVERY, '2025-12-31', 300),
      pay(AVERY, '2026-01-01', 250),
      pay(AVERY, '2026-06-10', 260.5),
      pay(SAM, '2025-12-15', 120),
    ]);
    expect(Object.fromEntries(yearTotals(payments))).toEqual({ 'STAFF-0001\n2025': 300, 'STAFF-0001\n2026': 510.5, 'STAFF-0002\n2025': 120 });
    expect(taxSlipsFor(payments, '2026')).toEqual([{ person: 'STAFF-0001', total: 510.5 }]);
    expect(taxSlipsFor(payments, '2025')).toEqual([]);
    const columns = paymentColumns(payments, defaults);
    expect(columns.yearTotal).toEqual([300, 510.5, 510.5, 120]);
    expect(columns.taxSlip).toEqual(['No', 'Yes', 'Yes', 'No']);
  });

  it('flags only above $500: exactly $500.00 in a year needs no slip, $500.01 does', () => {
    const exactly = table('Payments', [pay(AVERY, '2026-02-01', 200), pay(AVERY, '2026-03-01', 300)]);
    expect(paymentColumns(exactly, defaults).taxSlip).toEqual(['No', 'No']);
    // Ten cents a hundred times in floating point is not exactly 10: the sum is kept in cents.
    const cents = table('Payments', [pay(AVERY, '2026-02-01', 490.01), ...Array.from({ length: 100 }, () => pay(AVERY, '2026-02-02', 0.1))]);
    expect(paymentColumns(cents, defaults).yearTotal![0]).toBe(500.01);
    expect(paymentColumns(cents, defaults).taxSlip![0]).toBe('Yes');
  });

  it('leaves out a payment without a day, an amount above zero or a person, and fills nothing on its row', () => {
    const payments = table('Payments', [pay(AVERY, '', 400), pay(AVERY, '2026-01-05', -50), pay('', '2026-01-05', 700), pay(AVERY, '2026-01-06', 450)]);
    const columns = paymentColumns(payments, defaults);
    expect(columns.yearTotal).toEqual(['', '', '', 450]);
    expect(columns.taxSlip).toEqual(['', '', '', 'No']);
  });
});

describe('the earnings exemption running total (opt-in)', () => {
  it('warns from 75 % and over 100 % of a disability assistance year, counting from January 1', () => {
    const { settings } = settingsWith({ 'Earnings exemption, disability assistance (a year)': 10000 });
    const payments = table('Payments', [
      pay(AVERY, '2025-12-20', 9000, { 'Track earnings exemption': 'Disability assistance' }),
      pay(AVERY, '2026-01-10', 7000),
      pay(AVERY, '2026-02-10', 499.99),
      pay(AVERY, '2026-03-01', 0.01),
      pay(AVERY, '2026-03-05', 2500),
      pay(AVERY, '2026-03-06', 0.01),
    ]);
    const columns = paymentColumns(payments, settings);
    // 2025's 9,000 is 90 % of 2025; 2026 starts again at 0. 7,499.99 shows as 75 % but is not yet 75 %.
    expect(columns.exemptionUsed).toEqual([0.9, 0.7, 0.75, 0.75, 1, 1]);
    expect(columns.exemptionWarning).toEqual(['Near the limit', '', '', 'Near the limit', 'Near the limit', 'Over the limit']);
    expect(exemptionWarning(7499.99, 10000)).toBe('');
    expect(exemptionWarning(7500, 10000)).toBe('Near the limit');
    expect(exemptionWarning(10000, 10000)).toBe('Near the limit');
    expect(exemptionWarning(10000.01, 10000)).toBe('Over the limit');
  });

  it('counts income assistance by calendar month, in the order payments were received, whatever the row order', () => {
    const { settings } = settingsWith({ 'Earnings exemption, income assistance (a month)': 500 });
    const payments = table('Payments', [
      pay(SAM, '2026-03-20', 200, { 'Track earnings exemption': 'Income assistance' }),
      pay(SAM, '2026-03-02', 200),
      pay(SAM, '2026-04-01', 100),
    ]);
    const columns = paymentColumns(payments, settings);
    expect(columns.exemptionUsed).toEqual([0.8, 0.4, 0.2]);
    expect(columns.exemptionWarning).toEqual(['Near the limit', '', '']);
    expect(exemptionStandings(payments, settings, '2026-03-25')).toEqual([
      { person: 'STAFF-0002', assistance: 'Income assistance', period: '2026-03', paid: 400, limit: 500, warning: 'Near the limit' },
    ]);
  });

  it('leaves out whoever did not opt in or opted out: nothing computed, no standing', () => {
    const payments = table('Payments', [
      pay(AVERY, '2026-01-10', 14000),
      pay(SAM, '2026-01-10', 14000, { 'Track earnings exemption': 'Disability assistance' }),
      // Sam later says stop: the latest answer decides, and the earlier rows are cleared too.
      pay(SAM, '2026-02-10', 50, { 'Track earnings exemption': 'No' }),
    ]);
    const columns = paymentColumns(payments, defaults);
    expect(columns.exemptionUsed).toEqual(['', '', '']);
    expect(columns.exemptionWarning).toEqual(['', '', '']);
    expect(exemptionChoices(payments, defaults).size).toBe(0);
    expect(exemptionStandings(payments, defaults, TODAY)).toEqual([]);
    // The tax slip is everyone's, tracked or not.
    expect(columns.taxSlip).toEqual(['Yes', 'Yes', 'Yes']);
  });

  it('takes the person\'s own limit from the row that says which assistance, else the Settings figure for it', () => {
    const payments = table('Payments', [
      pay(AVERY, '2026-01-10', 9000, { 'Track earnings exemption': 'Disability assistance', 'Own exemption limit': 18000 }),
      pay(SAM, '2026-01-10', 9000, { 'Track earnings exemption': 'Disability assistance' }),
    ]);
    expect(paymentColumns(payments, defaults).exemptionUsed).toEqual([0.5, 0.6]);
    expect(defaults.disabilityAssistanceExemption).toBe(15000);
  });

  it('is written by the refresh\'s computeAll with the Settings it read', () => {
    const { settings } = settingsWith({ 'Earnings exemption, disability assistance (a year)': 1000 });
    const payments = table('Payments', [pay(AVERY, '2026-01-10', 800, { 'Track earnings exemption': 'Disability assistance' })]);
    expect(computeAll({ Payments: payments } as Tables, settings, TODAY).Payments).toMatchObject({ exemptionUsed: [0.8], exemptionWarning: ['Near the limit'], taxSlip: ['Yes'] });
  });
});

describe('Check data on payments', () => {
  const staff = table('Staff', [{ ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Worker' }]);

  function problems(rows: Record<string, Plain>[], settings = settingsWith()) {
    const tables = { Staff: staff, Payments: table('Payments', rows.map((r, i) => ({ ID: `PAY-${String(i + 1).padStart(4, '0')}`, ...r }))), Settings: settings.table } as Tables;
    return checkTables(tables, settings.settings, TODAY).filter((p) => p.tab === 'Payments' || (p.tab === 'Settings' && /exemption/i.test(p.message)));
  }

  it('names tab, row, column and person for a payment without amount or date, an amount of zero or less, an unknown person, "agreed up front" blank — and checks every row', () => {
    const found = problems([
      { Person: AVERY, Date: '2026-03-01', 'Agreed up front': 'Yes' },
      { Person: AVERY, Amount: 40, 'Agreed up front': 'Yes' },
      { Person: AVERY, Date: '2026-03-02', Amount: 0, 'Agreed up front': 'Yes' },
      { Person: AVERY, Date: '2026-03-03', Amount: -25, 'Agreed up front': 'Yes' },
      { Person: 'STAFF-0099 · Jordan Vale', Date: '2026-03-04', Amount: 60, 'Agreed up front': 'Yes' },
      { Person: AVERY, Date: '2026-03-05', Amount: 60 },
      pay(AVERY, '2026-03-06', 80, { Receipt: 'given' }),
    ]);
    expect(found.map((p) => [p.row, p.column, p.cell, p.message])).toEqual([
      [2, 'Amount', 'D2', 'Payments row 2 (Avery Lin, 2026-03-01): Amount is required.'],
      [3, 'Date', 'C3', 'Payments row 3 (Avery Lin): Date is required.'],
      [6, 'Person', 'B6', 'Payments row 6 (Jordan Vale, 2026-03-04): "STAFF-0099 · Jordan Vale" does not match any row of Staff. Choose one from the dropdown.'],
      [7, 'Agreed up front', 'G7', 'Payments row 7 (Avery Lin, 2026-03-05): Agreed up front is required.'],
      [4, 'Amount', 'D4', 'Payments row 4 (Avery Lin, 2026-03-02): Amount is $0.00: a payment is more than $0. Correct it, or delete the row if nothing was paid.'],
      [5, 'Amount', 'D5', 'Payments row 5 (Avery Lin, 2026-03-03): Amount is -$25.00: a payment is more than $0. Correct it, or delete the row if nothing was paid.'],
    ]);
    expect(found.every((p) => p.severity === 'error')).toBe(true);
  });

  it('warns about a receipt that is neither a link nor "given"', () => {
    const found = problems([pay(AVERY, '2026-03-06', 80, { Receipt: 'in the drawer' }), pay(AVERY, '2026-03-07', 80, { Receipt: 'https://drive.google.com/file/d/abc' })]);
    expect(found.map((p) => [p.row, p.column, p.severity])).toEqual([[2, 'Receipt', 'warning']]);
  });

  it('asks for the exemption figures\' date only while someone is tracked, and again after a year, without naming anyone', () => {
    const tracked = [pay(AVERY, '2026-03-06', 80, { 'Track earnings exemption': 'Income assistance' })];
    expect(problems([pay(AVERY, '2026-03-06', 80)])).toEqual([]);
    const undated = problems(tracked);
    expect(undated.map((p) => [p.tab, p.column, p.severity])).toEqual([['Settings', 'Value', 'warning']]);
    expect(undated[0].message).toMatch(/^Earnings exemptions as of: the earnings exemption figures in Settings have no date/);
    expect(undated[0].message).not.toMatch(/Avery/);
    expect(problems(tracked, settingsWith({ 'Earnings exemptions as of': '2026-01-05' }))).toEqual([]);
    expect(problems(tracked, settingsWith({ 'Earnings exemptions as of': '2025-01-05' }))[0].message).toMatch(/were checked on 2025-01-05, more than a year ago/);
  });
});
