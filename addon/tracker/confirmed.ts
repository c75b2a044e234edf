// Reads what a coordinator confirmed (coordinators.ts) from the spreadsheet's developer metadata, for the uses that run through SpreadsheetApp (Apps Script edge).
import { METADATA_KEYS } from '../core/keys';
import {
  checkCoordinators, confirmSetting, confirmedFromJson, mayConfirm, settingRefusal, settingsFromJson, settingsToJson,
  type ConfirmedCoordinators, type ConfirmedSettings, type CoordinatorCheck,
} from './coordinators';

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

function settingsEntry(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined {
  return ss.getDeveloperMetadata().filter((m) => m.getKey() === METADATA_KEYS.confirmedSettings)[0];
}

/** The access-widening Settings values a coordinator confirmed (one call), or null when none were kept. */
export function confirmedSettingsIn(ss: Spreadsheet): ConfirmedSettings | null {
  const entry = settingsEntry(ss);
  return settingsFromJson(entry ? entry.getValue() : null);
}

/** Why this Settings value is refused where it is used (naming the row and what to do), or null when a coordinator confirmed it. */
export function settingRefusalIn(ss: Spreadsheet, setting: string, cell: string, consequence: string): string | null {
  return settingRefusal(setting, cell, confirmedSettingsIn(ss), consequence);
}

/** May the person running this set an access-widening value themselves (a confirmed coordinator, or the one who confirmed the list)? */
export function mayConfirmHere(ss: Spreadsheet): boolean {
  return mayConfirm(Session.getEffectiveUser().getEmail(), confirmedCoordinatorsIn(ss), false);
}

/** Records a value ROSE Tracker itself wrote for a coordinator (the folder it made) as confirmed by them. */
export function confirmSettingHere(ss: Spreadsheet, setting: string, value: string): void {
  const entry = settingsEntry(ss);
  const record = confirmSetting(settingsFromJson(entry ? entry.getValue() : null), setting, value, Session.getEffectiveUser().getEmail(), new Date());
  if (entry) entry.setValue(settingsToJson(record));
  else ss.addDeveloperMetadata(METADATA_KEYS.confirmedSettings, settingsToJson(record), SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}
