// Set up private workbooks shares the workbooks with confirmed coordinators only: an address typed into Coordinator emails while its row was unprotected is named and given nothing, and cannot run it.
import { confirmedTracker, removeRowProtection, settingAs, COORDINATOR, SITE_LEAD, OUTSIDER } from './at-use-support';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';

describe('Set up private workbooks honours only confirmed coordinators', () => {
  it('shares no workbook with an unconfirmed address, names it, and refuses to run for it', () => {
    const h = confirmedTracker();
    removeRowProtection(h, 'Coordinator emails');
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${SITE_LEAD}, ${OUTSIDER}`, SITE_LEAD);

    expect(() => h.addon.call('setUpPrivateWorkbooks', [], { user: SITE_LEAD }))
      .toThrow(`Only a coordinator can set up the private workbooks. Settings, "Coordinator emails": ${SITE_LEAD} is not a confirmed coordinator`);

    const result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    expect(result.workbooks.map((w) => w.name)).toEqual(['Support requests', 'Evaluation', 'Staff records']);
    for (const workbook of result.workbooks) {
      const file = h.ws.host.files.get(workbook.workbookId)!;
      for (const address of [SITE_LEAD, OUTSIDER]) {
        expect(file.editors.has(address)).toBe(false);
        expect(h.ws.host.canRead(file, address)).toBe(false);
      }
    }
    const said = result.problems.join('\n');
    for (const address of [SITE_LEAD, OUTSIDER]) expect(said).toContain(`${address} is not a confirmed coordinator`);
  });
});
