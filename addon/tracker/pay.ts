// Pure: a person's pay and contacts (the Staff pay and contacts tab, keyed by Staff ID) joined to their roster row.
import { indexById, type Table, type Tables, type TrackerRecord } from './table';

export const PAY_TAB = 'Staff pay and contacts' as const;

export type PayRecord = TrackerRecord<typeof PAY_TAB>;

/** Each person's pay and contacts by Staff ID (the first row wins; Check data names a second one). */
export function payByStaffId(table: Table<typeof PAY_TAB> | undefined): Map<string, PayRecord> {
  return indexById(table);
}

/** The pay and contacts of a roster row, or undefined when the tab has no row for them (or was not read). */
export function payOf(tables: Tables, staff: TrackerRecord<'Staff'>, index: Map<string, PayRecord> = payByStaffId(tables[PAY_TAB])): PayRecord | undefined {
  return index.get(String(staff.values.id ?? '').trim());
}
