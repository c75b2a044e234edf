// The raw form-responses tabs are protected to the confirmed coordinators only: an address typed into Coordinator emails while its row was unprotected gets no editing there, and Create or update forms names it.
import { confirmedTracker, removeRowProtection, settingAs, canEdit, COORDINATOR, SITE_LEAD, OUTSIDER } from './at-use-support';
import { asUser, sheetApp } from '../support/tracker';
import type { FormsResult } from '../../addon/surveys/forms';
import { RAW_RESPONSES_PROTECTION } from '../../addon/surveys/forms';
import type { Harness } from '../support/addon';

function rawTabs(h: Harness): string[] {
  return asUser(h, (ss) => ss.getSheets()
    .filter((s) => s.getProtections(sheetApp(h).ProtectionType.SHEET).some((p) => p.getDescription() === RAW_RESPONSES_PROTECTION))
    .map((s) => s.getName()));
}

describe('Create or update forms protects the raw answers to confirmed coordinators', () => {
  it('an address typed in while the row was unprotected cannot edit the raw responses tabs, and is named with what to do', () => {
    const h = confirmedTracker();
    removeRowProtection(h, 'Coordinator emails');
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${SITE_LEAD}, ${OUTSIDER}`, SITE_LEAD);

    const result = h.addon.call<FormsResult>('createOrUpdateForms');
    const tabs = rawTabs(h);
    expect(tabs.length).toBe(result.forms.length);
    expect(tabs.length).toBeGreaterThan(0);
    for (const tab of tabs) {
      expect(canEdit(h, tab, 'A1', SITE_LEAD)).toBe(false);
      expect(canEdit(h, tab, 'A1', COORDINATOR)).toBe(true);
    }
    const said = result.problems.join('\n');
    for (const address of [SITE_LEAD, OUTSIDER]) expect(said).toContain(`"Coordinator emails": ${address} is not a confirmed coordinator (last confirmed by ${COORDINATOR}`);
    expect(said).toContain('a coordinator runs ROSE Tracker → Set up tracker to confirm it');
  });

  it('a coordinator confirmed by setup can edit them after the forms are updated', () => {
    const h = confirmedTracker();
    const second = 'bo.coordinator@example.org';
    h.ws.share(h.spreadsheetId, second, 'editor');
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${second}`, COORDINATOR);
    h.addon.call('setupTracker');
    const result = h.addon.call<FormsResult>('createOrUpdateForms');
    expect(result.problems).toEqual([]);
    for (const tab of rawTabs(h)) expect(canEdit(h, tab, 'A1', second)).toBe(true);
  });
});
