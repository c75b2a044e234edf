// Reads what a coordinator confirmed (coordinators.ts) from the spreadsheet's developer metadata, for the uses that run through SpreadsheetApp (Apps Script edge).
import { METADATA_KEYS } from '../core/keys';
import { checkCoordinators, confirmedFromJson, type ConfirmedCoordinators, type CoordinatorCheck } from './coordinators';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The confirmed coordinator list kept on the spreadsheet (one call), or null when none was kept. */
export function confirmedCoordinatorsIn(ss: Spreadsheet): ConfirmedCoordinators | null {
  const entry = ss.getDeveloperMetadata().filter((m) => m.getKey() === METADATA_KEYS.confirmedCoordinators)[0];
  return confirmedFromJson(entry ? entry.getValue() : null);
}

/** The Settings cell's coordinators split into the confirmed ones, to honour, and the rest, each named with what to do. */
export function checkedCoordinatorsIn(ss: Spreadsheet, cell: readonly string[]): CoordinatorCheck {
  return checkCoordinators(cell, confirmedCoordinatorsIn(ss));
}
