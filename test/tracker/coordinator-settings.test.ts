// The Settings attack: an editor who is not a coordinator types an address into "Coordinator emails"; the protection refuses the write, and if the protection is gone the digest and setup refuse the unconfirmed address, naming it.
import { openAddon, type Harness } from '../support/addon';
import { asUser, setSetting, sheetApp } from '../support/tracker';
import type { SendNowResult } from '../../addon/reminders/types';
import { checkCoordinators, confirmCoordinators, confirmedFromJson, confirmedToJson, mayConfirm } from '../../addon/tracker/coordinators';

const COORDINATOR = 'coordinator@example.org';
const SITE_LEAD = 'cy.sitelead@example.org';
const OUTSIDER = 'someone@elsewhere.example';

function coordinatorsSetUp(): Harness {
  const h = openAddon({ user: COORDINATOR });
  expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
  setSetting(h, 'Coordinator emails', COORDINATOR);
  expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
  h.ws.share(h.spreadsheetId, SITE_LEAD);
  return h;
}

function settingAs(h: Harness, key: string, value: string, person: string): void {
  asUser(h, (ss) => {
    const sheet = ss.getSheetByName('Settings')!;
    const row = sheet.getDataRange().getValues().findIndex((r) => r[0] === key);
    sheet.getRange(row + 1, 2).setValue(value);
  }, person);
}

function removeRowProtection(h: Harness, setting: string, person: string): void {
  asUser(h, (ss) => {
    const type = sheetApp(h).ProtectionType.RANGE;
    const ours = ss.getSheetByName('Settings')!.getProtections(type).filter((p) => p.getDescription().indexOf(`(Settings: ${setting})`) >= 0);
    expect(ours).toHaveLength(1);
    ours[0].remove();
  }, person);
}

function canEditStaff(h: Harness, person: string): boolean {
  try {
    asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2').setValue(`written by ${person}`), person);
    return true;
  } catch (error) {
    if (/protected cell/.test((error as Error).message)) return false;
    throw error;
  }
}

describe('Settings that widen access', () => {
  it('a site lead who edits the Sheet cannot write their own or an outside address into Coordinator emails', () => {
    const h = coordinatorsSetUp();
    for (const value of [`${COORDINATOR}, ${SITE_LEAD}`, `${COORDINATOR}, ${OUTSIDER}`]) {
      expect(() => settingAs(h, 'Coordinator emails', value, SITE_LEAD)).toThrow('You are trying to edit a protected cell or object.');
    }
    // The Documents folder and the minimum group size are the coordinators' too; the organization's name is anyone's.
    expect(() => settingAs(h, 'Documents folder', 'https://drive.google.com/drive/folders/site-lead-folder', SITE_LEAD)).toThrow('protected cell');
    expect(() => settingAs(h, 'Minimum group size for reports', '1', SITE_LEAD)).toThrow('protected cell');
    settingAs(h, 'Organization name', 'Harbour Lights', SITE_LEAD);
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, bo.coordinator@example.org`, COORDINATOR);
  });

  it('with the protection removed by mistake, the digest and setup refuse addresses no coordinator confirmed, naming each', () => {
    const h = coordinatorsSetUp();
    removeRowProtection(h, 'Coordinator emails', COORDINATOR);
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${SITE_LEAD}, ${OUTSIDER}`, SITE_LEAD);

    // Sent by the coordinator: only a confirmed coordinator sends the digest (test/privacy/digest-sender.test.ts).
    const sent = h.addon.call<SendNowResult>('sendRemindersNow', [], { user: COORDINATOR });
    expect(sent.recipients).toEqual([COORDINATOR]);
    for (const address of [SITE_LEAD, OUTSIDER]) {
      expect(sent.refused!.join('\n')).toContain(`${address} is not a confirmed coordinator`);
      expect(sent.message).toContain(address);
    }
    expect(sent.message).toContain('a coordinator runs ROSE Tracker → Set up tracker to confirm it');

    // The site lead's own setup confirms nothing and changes nothing: the coordinators' protections refuse it.
    const setup = h.addon.call<{ ok: boolean; lines: string[]; problems: string[] }>('setupTracker', [], { user: SITE_LEAD });
    expect(setup.ok).toBe(false);
    expect(setup.problems.join('\n')).toContain('"ROSE Tracker: confidential (Staff)"');
    expect(canEditStaff(h, SITE_LEAD)).toBe(false);

    // A coordinator's setup does not take what was typed while the protection was off: it names each address and protects the row again.
    const again = h.addon.call<{ ok: boolean; lines: string[]; problems: string[] }>('setupTracker');
    expect(again.problems).toEqual([]);
    const said = again.lines.join('\n');
    expect(said).toContain(`${SITE_LEAD} is not a confirmed coordinator (last confirmed by ${COORDINATOR}`);
    expect(said).toContain(`${OUTSIDER} is not a confirmed coordinator`);
    expect(said).toContain(`"Coordinator emails" changed while its protection was removed or loosened, so anyone who edits the Sheet may have typed ${SITE_LEAD}, ${OUTSIDER}.`);
    expect(canEditStaff(h, SITE_LEAD)).toBe(false);
    expect(canEditStaff(h, COORDINATOR)).toBe(true);
    expect(() => settingAs(h, 'Coordinator emails', SITE_LEAD, SITE_LEAD)).toThrow('protected cell');

    // The next digest still goes to the confirmed coordinator alone.
    expect(h.addon.call<SendNowResult>('sendRemindersNow').recipients).toEqual([COORDINATOR]);
  });

  it('a coordinator running setup confirms the list, and says whom it let in', () => {
    const h = coordinatorsSetUp();
    const second = 'bo.coordinator@example.org';
    h.ws.share(h.spreadsheetId, second);
    setSetting(h, 'Coordinator emails', `${COORDINATOR}, ${second}`);
    expect(canEditStaff(h, second)).toBe(false);
    const setup = h.addon.call<{ ok: boolean; lines: string[] }>('setupTracker');
    expect(setup.lines).toContain(`You confirmed ${second} as coordinator: they can now edit the confidential tabs and receive the digest.`);
    expect(canEditStaff(h, second)).toBe(true);
    expect(h.addon.call<SendNowResult>('sendRemindersNow').refused).toBeUndefined();
  });
});

describe('the confirmed coordinator list', () => {
  const record = confirmCoordinators(['Coordinator@Example.org', 'bo@example.org'], COORDINATOR, new Date('2026-03-16T17:00:00Z'));

  it('honours only confirmed addresses, whatever their case, and names the rest with what to do', () => {
    const check = checkCoordinators(['coordinator@example.org', OUTSIDER], record);
    expect(check.trusted).toEqual(['coordinator@example.org']);
    expect(check.unconfirmed).toEqual([OUTSIDER]);
    expect(check.messages[0]).toContain(`${OUTSIDER} is not a confirmed coordinator (last confirmed by ${COORDINATOR} on 2026-03-16)`);
    // Without a record nobody is confirmed.
    expect(checkCoordinators([COORDINATOR], null).trusted).toEqual([]);
  });

  it('lets a confirmed coordinator confirm; lets the first person start the record only where nobody locked the tabs yet', () => {
    expect(mayConfirm('bo@example.org', record, false)).toBe(true);
    expect(mayConfirm(SITE_LEAD, record, false)).toBe(false);
    expect(mayConfirm(SITE_LEAD, null, false)).toBe(true);
    expect(mayConfirm(SITE_LEAD, null, true)).toBe(false);
    expect(mayConfirm('', null, false)).toBe(false);
  });

  it('reads back what it wrote and nothing else', () => {
    expect(confirmedFromJson(confirmedToJson(record))).toEqual(record);
    expect(confirmedFromJson('{"emails":["x@y.z"]}')).toBeNull();
    expect(confirmedFromJson('not json')).toBeNull();
  });
});
