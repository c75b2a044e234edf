// Documents go only to a Documents folder a coordinator confirmed: a folder typed into Settings by a site lead while the row was unprotected is refused where it is used (making documents, installing templates, the Picker), naming the row; and only a coordinator has ROSE Tracker make the folder.
import { putFileInDrive, grantFileToApp } from '../../workspace/drive';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import { asUser } from '../support/tracker';
import { COORDINATOR, drive, request, sampleTracker, start } from '../documents/support';
import { removeRowProtection, settingAs, SITE_LEAD } from './at-use-support';
import type { Harness } from '../support/addon';
import { confirmSetting, settingRefusal, settingsFromJson, settingsToJson } from '../../addon/tracker/coordinators';

const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The sample organization with its templates installed; the site lead edits the Sheet and has a folder of their own, shared with the coordinator, who picked it once. */
function siteLeadsFolder(): { h: Harness; folder: string; link: string } {
  const h = sampleTracker();
  h.ws.share(h.spreadsheetId, SITE_LEAD, 'editor');
  const folder = putFileInDrive(h.ws, { name: 'Site lead', mimeType: FOLDER_MIME, owner: SITE_LEAD }).id;
  h.ws.share(folder, COORDINATOR, 'editor');
  grantFileToApp(h.ws, folder, COORDINATOR);
  return { h, folder, link: `https://drive.google.com/drive/folders/${folder}` };
}

function staffId(h: Harness): string {
  return asUser(h, (ss) => String(ss.getSheetByName('Staff')!.getRange('A2').getValue()));
}

describe('the Documents folder is checked where it is used', () => {
  it('a folder a site lead typed while the row was unprotected gets no document, and the row is named with what to do', () => {
    const { h, folder, link } = siteLeadsFolder();
    removeRowProtection(h, 'Documents folder', COORDINATOR);
    settingAs(h, 'Documents folder', link, SITE_LEAD);
    const refusal = `Settings, "Documents folder": "${link}" was not confirmed by a coordinator (last confirmed: "https://drive.google.com/drive/folders/`;

    expect(() => start(h, request('employment-contract', [staffId(h)]))).toThrow(refusal);
    expect(() => start(h, request('employment-contract', [staffId(h)]))).toThrow('a coordinator runs ROSE Tracker → Set up tracker to confirm it');
    expect(() => h.addon.call('installDocumentTemplates')).toThrow(refusal);
    expect([...h.ws.host.files.values()].filter((f) => f.parents.includes(folder))).toEqual([]);

    // The Picker does not offer it to pick.
    const script = h.ws.properties.store(`script:${h.ws.scriptId}`);
    script.set(PROPERTY_KEYS.pickerProjectNumber, '487112093356');
    script.set(PROPERTY_KEYS.pickerApiKey, 'AIza-local-picker-key');
    const picker = h.addon.callFromClient('templatePickerSetup', []) as { ok: boolean; message: string; wanted: unknown[] };
    expect(picker.ok).toBe(false);
    expect(picker.message).toContain(refusal);

    // The coordinator's next setup names it and protects the row again; the folder is still refused.
    const setup = h.addon.call<{ ok: boolean; lines: string[] }>('setupTracker');
    expect(setup.lines.join('\n')).toContain(`${refusal}`);
    expect(setup.lines.join('\n')).toContain('It changed while its protection was removed or loosened');
    expect(() => settingAs(h, 'Documents folder', link, SITE_LEAD)).toThrow('protected cell');
    expect(() => start(h, request('employment-contract', [staffId(h)]))).toThrow(refusal);
  });

  it('a folder a coordinator types into the protected row is used once their setup confirms it', () => {
    const { h, folder, link } = siteLeadsFolder();
    settingAs(h, 'Documents folder', link, COORDINATOR);
    expect(() => start(h, request('employment-contract', [staffId(h)]))).toThrow('was not confirmed by a coordinator');
    h.addon.call('setupTracker');
    const job = start(h, request('employment-contract', [staffId(h)]));
    expect(drive(h, job.progress!.jobId)).toMatchObject({ state: 'done', done: 1, failed: 0 });
    expect([...h.ws.host.files.values()].some((f) => f.parents.includes(folder))).toBe(true);
  });

  it('only a coordinator has ROSE Tracker make the folder', () => {
    const h = sampleTracker({ install: false });
    h.ws.share(h.spreadsheetId, SITE_LEAD, 'editor');
    expect(() => h.addon.call('installDocumentTemplates', [], { user: SITE_LEAD }))
      .toThrow(`Settings, "Documents folder" is blank, and only a confirmed coordinator can have ROSE Tracker make the folder where documents go (${SITE_LEAD} is not one).`);
    h.addon.call('installDocumentTemplates');
  });
});

describe('confirmed Settings values (pure)', () => {
  const at = new Date('2026-03-16T17:00:00Z');
  it('counts a value only as confirmed, and names the row, the value last confirmed and what to do otherwise', () => {
    const record = confirmSetting(null, 'Documents folder', ' https://drive.google.com/drive/folders/abc ', COORDINATOR, at);
    expect(settingRefusal('Documents folder', 'https://drive.google.com/drive/folders/abc', record, 'x')).toBeNull();
    const refused = settingRefusal('Documents folder', 'https://drive.google.com/drive/folders/evil', record, 'ROSE Tracker does not use it');
    expect(refused).toBe(`Settings, "Documents folder": "https://drive.google.com/drive/folders/evil" was not confirmed by a coordinator (last confirmed: "https://drive.google.com/drive/folders/abc", by ${COORDINATOR} on 2026-03-16), so ROSE Tracker does not use it. If it is right, a coordinator runs ROSE Tracker → Set up tracker to confirm it; if not, put back the confirmed value or clear the row.`);
    expect(settingRefusal('Documents folder', 'x', null, 'y')).toContain('was not confirmed by a coordinator, so y.');
  });

  it('keeps who confirmed a value first when it is confirmed again unchanged, and reads back only its own records', () => {
    const first = confirmSetting(null, 'Documents folder', 'a', COORDINATOR, at);
    const again = confirmSetting(first, 'Documents folder', 'a', 'bo@example.org', new Date('2026-04-01T00:00:00Z'));
    expect(again.settings['Documents folder']).toEqual({ value: 'a', by: COORDINATOR, at: at.toISOString() });
    expect(settingsFromJson(settingsToJson(again))).toEqual(again);
    expect(settingsFromJson('{"settings":{}}')).toBeNull();
    expect(settingsFromJson('not json')).toBeNull();
  });
});
