// Which Training Log rows earn a certificate: completed trainings the organization gave itself, each with a facilitator and hours.
import { calendarDate } from '../core/dates';
import { headerOf } from '../tracker/schema';
import { isBlank, refId, type Plain, type Table } from '../tracker/table';

/** One Training Log row a certificate can be made for. */
export interface CertificateItem {
  trainingId: string;
  staffId: string;
  /** The sheet row, for messages. */
  row: number;
  topic: string;
  /** Blank when the row is complete; otherwise what to fill in, naming the row. */
  problem: string;
}

/** A topic cell may hold "ID · name" or just the name: the certificate says the name. */
function topicName(value: Plain): string {
  const text = isBlank(value) ? '' : String(value).trim();
  const cut = text.indexOf(' · ');
  return cut >= 0 ? text.slice(cut + 3).trim() : text;
}

function positive(value: Plain): boolean {
  const amount = typeof value === 'number' ? value : Number(String(value ?? '').replace(',', '.'));
  return !isBlank(value) && isFinite(amount) && amount > 0;
}

/**
 * The rows a certificate is offered for: Internal training = Yes, Completed = Yes and a date on or
 * before today. Outside providers give their own certificates and a training not finished earns
 * none, so those rows are not offered at all. An offered row without a facilitator or hours carries
 * a message naming the row, so the job says what to fill in instead of printing a blank.
 */
export function certificateItems(trainings: Table<'Training Log'> | undefined, names: ReadonlyMap<string, string>, today: string, timeZone: string): CertificateItem[] {
  const items: CertificateItem[] = [];
  for (const record of trainings?.records ?? []) {
    const values = record.values;
    const trainingId = refId(values.id);
    const staffId = refId(values.staff);
    if (!trainingId || !staffId) continue;
    if (String(values.internal ?? '').trim() !== 'Yes' || String(values.completed ?? '').trim() !== 'Yes') continue;
    const day = typeof values.date === 'string' ? calendarDate(values.date, timeZone) : null;
    if (day === null || day > today) continue;
    const missing: string[] = [];
    if (isBlank(values.facilitator)) missing.push(headerOf('Training Log', 'facilitator'));
    if (!positive(values.hours)) missing.push(headerOf('Training Log', 'hours'));
    const topic = topicName(values.topic);
    const who = names.get(staffId) ?? staffId;
    const problem = missing.length
      ? `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} blank for ${who}'s ${topic || 'training'} (Training Log, row ${record.row}, ${trainingId}). Fill ${missing.length === 1 ? 'it' : 'them'} in, then make the certificate again.`
      : '';
    items.push({ trainingId, staffId, row: record.row, topic, problem });
  }
  return items;
}
