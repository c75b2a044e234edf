// After the first Set up tracker, confidential tabs are editable by coordinators only, whoever the Sheet is shared with later: a new protection mirrors the spreadsheet's editors until setup changes the list.
import { openAddon, type Harness } from '../support/addon';
import { asUser, setSetting } from '../support/tracker';
import { trackerWithForms, evaluationForm, rawSheet } from '../surveys/forms-support';

const COORDINATOR = 'coordinator@example.org';
const SECOND_COORDINATOR = 'bo.coordinator@example.org';
const SITE_LEAD = 'cy.sitelead@example.org';
const CONFIDENTIAL = ['Staff', 'Support Requests', 'Survey Responses'];

function writeAs(h: Harness, tab: string, person: string): void {
  asUser(h, (ss) => ss.getSheetByName(tab)!.getRange('B2').setValue(`written by ${person}`), person);
}

describe('Confidential tabs after the first setup', () => {
  it('a person the Sheet is shared with afterwards, who is no coordinator, cannot edit them', () => {
    const h = openAddon({ user: COORDINATOR });
    h.addon.call('setupTracker');
    h.ws.share(h.spreadsheetId, SITE_LEAD);
    for (const tab of CONFIDENTIAL) {
      expect(() => writeAs(h, tab, SITE_LEAD)).toThrow('You are trying to edit a protected cell or object.');
    }
    // The site lead still edits the tabs that are not confidential.
    writeAs(h, 'Sites', SITE_LEAD);
    writeAs(h, 'Staff', COORDINATOR);
  });

  it('a site lead the Sheet was already shared with is left out, and a coordinator named in Settings is let in', () => {
    const h = openAddon({ user: COORDINATOR });
    h.ws.share(h.spreadsheetId, SITE_LEAD);
    h.ws.share(h.spreadsheetId, SECOND_COORDINATOR);
    h.addon.call('setupTracker');
    setSetting(h, 'Coordinator emails', `${COORDINATOR}, ${SECOND_COORDINATOR}`);
    h.addon.call('setupTracker');
    for (const tab of CONFIDENTIAL) {
      expect(() => writeAs(h, tab, SITE_LEAD)).toThrow('You are trying to edit a protected cell or object.');
      writeAs(h, tab, SECOND_COORDINATOR);
    }
  });

  it('a form\'s raw responses tab stays closed to a site lead the Sheet is shared with after the forms were made', () => {
    const h = trackerWithForms();
    h.ws.share(h.spreadsheetId, SITE_LEAD);
    const tab = rawSheet(h, evaluationForm(h)).name;
    expect(() => writeAs(h, tab, SITE_LEAD)).toThrow('You are trying to edit a protected cell or object.');
  });
});
