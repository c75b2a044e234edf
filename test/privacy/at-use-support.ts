// Shared set-up for the checks at use: a tracker a coordinator set up and confirmed, a site lead editing it, and a way to play the Settings attack (a row's protection removed, then something typed there by someone who is not a coordinator).
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, setSetting, sheetApp } from '../support/tracker';

export const COORDINATOR = 'ada.coordinator@example.org';
export const SITE_LEAD = 'cy.sitelead@example.org';
export const OUTSIDER = 'someone@elsewhere.example';

/** Set up, coordinators named and confirmed by a second setup, one site and topic, the site lead sharing the Sheet as editor. */
export function confirmedTracker(): Harness {
  const h = openAddon({ user: COORDINATOR });
  expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
  setSetting(h, 'Coordinator emails', COORDINATOR);
  expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
  appendRecords(h, 'Sites', [{ Name: 'Harbour Lights Drop-in', Active: 'Yes' }]);
  appendRecords(h, 'Training Topics', [{ Topic: 'Naloxone administration' }]);
  h.ws.share(h.spreadsheetId, SITE_LEAD, 'editor');
  return h;
}

/** A person types a Settings value (through SpreadsheetApp, as in the Sheets UI: Google refuses a protected cell). */
export function settingAs(h: Harness, key: string, value: string | number, person: string): void {
  asUser(h, (ss) => {
    const sheet = ss.getSheetByName('Settings')!;
    const row = sheet.getDataRange().getValues().findIndex((r) => r[0] === key);
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row + 1, 2).setValue(value);
  }, person);
}

/** The coordinator removes a Settings row's protection (by mistake, or to let someone help). */
export function removeRowProtection(h: Harness, setting: string, person = COORDINATOR): void {
  asUser(h, (ss) => {
    const ours = ss.getSheetByName('Settings')!.getProtections(sheetApp(h).ProtectionType.RANGE).filter((p) => p.getDescription().indexOf(`(Settings: ${setting})`) >= 0);
    expect(ours).toHaveLength(1);
    ours[0].remove();
  }, person);
}

/** Whether `person` may write into a tab: Google refuses a protected cell with its own text. */
export function canEdit(h: Harness, tab: string, a1: string, person: string): boolean {
  try {
    asUser(h, (ss) => ss.getSheetByName(tab)!.getRange(a1).setValue(`written by ${person}`), person);
    return true;
  } catch (error) {
    if (/protected cell/.test((error as Error).message)) return false;
    throw error;
  }
}
