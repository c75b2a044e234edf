// Finding the Staff row a form answer names: by full or preferred name, only when exactly one person has it.
import { guardText } from './normalize';
import { label } from '../tracker/table';

/** A Staff row as intake needs it: to link a training record to the person named in the form. */
export interface StaffEntry {
  id: string;
  fullName: string;
  preferredName: string;
}

/** Links a training record to a Staff row when exactly one person has that name; otherwise keeps the name and says why. */
export function matchStaff(name: string, staff: StaffEntry[]): { value: string; flag: string | null } {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (wanted === '') return { value: '', flag: null };
  const matches = staff.filter((s) => [s.fullName, s.preferredName].some((n) => n.trim().toLowerCase().replace(/\s+/g, ' ') === wanted));
  if (matches.length === 1) return { value: label(matches[0].id, matches[0].fullName), flag: null };
  const shown = guardText(name.trim());
  if (matches.length === 0) return { value: shown, flag: `No one on the Staff tab is called "${name.trim()}": pick the right person in the Staff column.` };
  return { value: shown, flag: `${matches.length} people on the Staff tab are called "${name.trim()}": pick the right one in the Staff column.` };
}
