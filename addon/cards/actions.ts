// Cards behind the menu, the Generate documents sidebar and the photo dialog: cards for the Staff rows selected, cards for the people ticked in the sidebar, and choosing a person's photo with the Google Picker.
import { TrackerStore } from '../tracker/store';
import { refId } from '../tracker/table';
import { PROPERTY_KEYS } from '../core/keys';
import { fileLink } from '../documents/jobs';
import { makeCards, type CardsOutcome } from './make';
import { cardName } from './fields';
import type { CardKind } from './layout';

const KINDS: readonly CardKind[] = ['id-card', 'business-card'];

/** The Staff IDs of the rows selected in the Staff tab, or a sentence saying what to select. */
function selectedStaff(store: TrackerStore): { staffIds: string[]; message: string } {
  const ss = store.ss;
  const sheet = ss.getActiveSheet();
  const staffSheet = store.sheet('Staff');
  if (!staffSheet || sheet.getSheetId() !== staffSheet.getSheetId()) {
    return { staffIds: [], message: 'Select the people\'s rows in the Staff tab first (for a whole site, filter the Staff tab by Site and select the rows, or use Generate documents).' };
  }
  const rows = new Set<number>();
  for (const range of ss.getActiveRangeList()?.getRanges() ?? []) {
    for (let row = range.getRow(); row < range.getRow() + range.getNumRows(); row++) rows.add(row);
  }
  const staff = store.table('Staff');
  const staffIds = (staff?.records ?? []).filter((r) => rows.has(r.row) && refId(r.values.id)).map((r) => refId(r.values.id));
  return { staffIds, message: staffIds.length ? '' : 'The rows selected hold no one with a Staff ID: select people\'s rows in the Staff tab.' };
}

/** Menu: ROSE Tracker → Make ID cards / Make business cards, for the Staff rows selected. */
export function makeCardsForSelectionAction(kind: CardKind): CardsOutcome {
  const ui = SpreadsheetApp.getUi();
  const title = kind === 'id-card' ? 'Make ID cards' : 'Make business cards';
  const { staffIds, message } = selectedStaff(TrackerStore.open());
  if (!staffIds.length) {
    ui.alert(title, message, ui.ButtonSet.OK);
    return { kind, ok: false, templateLink: '', results: [], lines: [message] };
  }
  const outcome = makeCards(kind, staffIds);
  ui.alert(title, outcome.lines.join('\n\n'), ui.ButtonSet.OK);
  return outcome;
}

/** Sidebar: cards for the people ticked (one person, or everyone shown for a site). */
export function makeCardsFor(kind: string, staffIds: string[]): CardsOutcome {
  const which = KINDS.find((k) => k === kind);
  if (!which) throw new Error(`"${String(kind)}" is not a kind of card: choose ID cards or business cards.`);
  return makeCards(which, Array.isArray(staffIds) ? staffIds : []);
}

// ---- choosing a photo ---------------------------------------------------------------------------

export interface PhotoPickerSetup {
  ok: boolean;
  message: string;
  appId: string;
  developerKey: string;
  token: string;
  staffId: string;
  name: string;
}

/** Menu: ROSE Tracker → Choose a staff photo, for the person in the selected Staff row. */
export function showPhotoPickerAction(): void {
  const page = HtmlService.createHtmlOutputFromFile('photo').setWidth(640).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(page, 'Choose a staff photo');
}

/**
 * The photo dialog's first call: whose photo, and the Picker's settings. A photo picked with the
 * Picker under setAppId(<Cloud project number>) is one file drive.file then reaches for this person
 * (developers.google.com/workspace/drive/picker/reference/picker.pickerbuilder.setappid).
 */
export function photoPickerSetup(): PhotoPickerSetup {
  const script = PropertiesService.getScriptProperties();
  const appId = (script.getProperty(PROPERTY_KEYS.pickerProjectNumber) ?? '').trim();
  const developerKey = (script.getProperty(PROPERTY_KEYS.pickerApiKey) ?? '').trim();
  const empty = { appId, developerKey, token: '', staffId: '', name: '' };
  if (!/^\d+$/.test(appId) || !developerKey) {
    return { ...empty, ok: false, message: `This ROSE Tracker deployment has no Google Picker settings: the person who deployed it sets the script properties ${PROPERTY_KEYS.pickerProjectNumber} and ${PROPERTY_KEYS.pickerApiKey}, as the README's Documents section says.` };
  }
  const store = TrackerStore.open();
  const { staffIds, message } = selectedStaff(store);
  if (staffIds.length !== 1) return { ...empty, ok: false, message: staffIds.length ? 'Select one person\'s row in the Staff tab: a photo is chosen for one person at a time.' : message };
  const record = store.table('Staff')?.records.find((r) => refId(r.values.id) === staffIds[0]);
  const name = cardName({ preferredName: String(record?.values.preferredName ?? ''), fullName: String(record?.values.fullName ?? '') });
  return { ok: true, message: `Choose the photo for ${name} (${staffIds[0]}): a JPEG or PNG, head and shoulders, taller than wide.`, appId, developerKey, token: ScriptApp.getOAuthToken(), staffId: staffIds[0], name };
}

/** The dialog's last call: the picked file's link goes in the person's Staff → Photo cell, found by Staff ID. */
export function photoPickedAction(staffId: string, fileId: string): { ok: boolean; message: string } {
  const id = String(fileId ?? '');
  if (!/^[\w-]{10,}$/.test(id)) return { ok: false, message: 'Nothing was picked.' };
  const store = TrackerStore.open();
  const staff = store.table('Staff');
  const index = staff?.records.findIndex((r) => refId(r.values.id) === String(staffId)) ?? -1;
  if (!staff || index < 0) return { ok: false, message: `No one in the Staff tab has the ID ${String(staffId)}.` };
  if (staff.columnOf.photo === undefined) return { ok: false, message: 'The Staff tab has no "Photo" column: run ROSE Tracker → Set up tracker to add it.' };
  store.writeRows('Staff', [{ index, cells: { photo: fileLink(id) } }]);
  store.changed('Staff');
  return { ok: true, message: `Saved the photo for ${String(staffId)} in Staff → Photo. Make the ID card again to use it.` };
}
