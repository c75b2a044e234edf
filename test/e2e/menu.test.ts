// The built add-on opens like it does in Sheets: the menu appears, and AuthMode.NONE touches nothing else.
import { openAddon } from '../support/addon';
import { MENU } from '../../addon/menu';

describe('opening a Sheet with ROSE Tracker', () => {
  it('builds the ROSE Tracker menu in AuthMode.NONE and makes no other call', () => {
    const { ws, addon } = openAddon();
    const mark = ws.ledger.mark();
    addon.call('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    const calls = ws.ledger.since(mark);
    expect(ws.host.menus).toHaveLength(1);
    expect(ws.host.menus[0].title).toBe('ROSE Tracker');
    expect(ws.host.menus[0].items.map((i) => i.caption)).toEqual(MENU.map((m) => (m ? m.caption : '')));
    for (const call of calls) expect(call).toMatch(/^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.(addItem|addSeparator|addSubMenu|addToUi))$/);
    expect(calls.filter((c) => c === 'Menu.addToUi')).toHaveLength(1);
  });

  it('builds the same menu when the add-on is installed', () => {
    const { ws, addon } = openAddon();
    addon.call('onInstall', [{ authMode: 'FULL' }]);
    expect(ws.host.menus[0].items.length).toBe(MENU.length);
  });

  it('names only functions that exist in the bundle in its menu', () => {
    const { ws, addon } = openAddon();
    addon.call('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
    const names = ws.host.menus[0].items.filter((i) => !i.separator).map((i) => i.functionName!);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(addon.has(name)).toBe(true);
  });

  it('cannot reach Node from inside the bundle, as in Apps Script', () => {
    const { addon } = openAddon();
    expect(addon.names).not.toContain('require');
    expect(() => addon.call('doesNotExist')).toThrow('Script function not found: doesNotExist');
  });
});
