// A second coordinator with the Sheet and the Documents folder shared: told exactly what to pick, then installs nothing twice and generates documents from the templates the first one installed.
import { putFileInDrive } from '../../workspace/drive';
import { pick } from '../../workspace/picker';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import type { Harness } from '../support/addon';
import { tabRecords } from '../support/tracker';
import { COORDINATOR, byHand, choices, drive, driveIdOf, request, sampleTracker } from './support';
import type { InstallResult, StartResult, TemplatesAndPeople } from '../../addon/documents/types';

const SECOND = 'bo.coordinator@example.org';
const PROJECT = '487112093356';

/** The deployment as the README says: a standard Cloud project, its number and Picker key in script properties. */
function deployed(h: Harness): void {
  h.ws.useStandardProject(PROJECT);
  const script = h.ws.properties.store(`script:${h.ws.scriptId}`);
  script.set(PROPERTY_KEYS.pickerProjectNumber, PROJECT);
  script.set(PROPERTY_KEYS.pickerApiKey, 'AIza-local-picker-key');
}

function folderId(h: Harness): string {
  const setting = String(byHand(h, () => tabRecords(h, 'Settings')).find((row) => row.Setting === 'Documents folder')?.Value);
  return driveIdOf(setting.replace('/folders/', '/d/'));
}

function sharedWithSecond(): Harness {
  const h = sampleTracker({ install: false });
  deployed(h);
  h.addon.call('installDocumentTemplates');
  h.ws.share(h.spreadsheetId, SECOND);
  h.ws.share(folderId(h), SECOND);
  return h;
}

const asSecond = { user: SECOND };

describe('a second coordinator and the templates the first installed', () => {
  it('is told to pick the folder, naming who made it, and installs nothing twice', () => {
    const h = sharedWithSecond();
    const files = h.ws.host.files.size;
    expect(() => h.addon.call<InstallResult>('installDocumentTemplates', [], asSecond))
      .toThrow(`ROSE Tracker cannot use the Documents folder in Settings ("https://drive.google.com/drive/folders/${folderId(h)}") for ${SECOND}; ${COORDINATOR} made it.`);
    expect(h.ws.host.files.size).toBe(files);
  });

  it('cannot generate until they pick the templates; the message names the template and who installed it', () => {
    const h = sharedWithSecond();
    const listed = h.addon.callFromClient('listTemplatesAndPeople', [], asSecond) as TemplatesAndPeople;
    expect(listed.notice).toContain(`ROSE Tracker cannot use the template "Employment contract" that ${COORDINATOR} installed for ${SECOND} yet`);
    expect(listed.notice).toContain('Give ROSE Tracker access to templates');
    const started = h.addon.callFromClient('startDocumentJob', [request('employment-contract', ['STAFF-0001'])], asSecond) as StartResult;
    expect(started.ok).toBe(false);
    expect(started.message).toContain(`"Employment contract" that ${COORDINATOR} installed`);
  });

  it('after picking the folder and templates in the Picker, installs nothing new and generates documents into the shared folder', () => {
    const h = sharedWithSecond();
    const setup = h.addon.callFromClient('templatePickerSetup', [], asSecond) as { ok: boolean; appId: string; token: string; wanted: { id: string }[] };
    expect(setup.ok).toBe(true);
    expect(setup.appId).toBe(PROJECT);
    expect(setup.wanted.map((w) => w.id)).toContain(folderId(h));
    pick(h.ws, { token: setup.token, appId: setup.appId, ids: setup.wanted.map((w) => w.id) });
    expect(h.addon.callFromClient('templatesPicked', [setup.wanted.map((w) => w.id)], asSecond))
      .toEqual({ ok: true, lines: ['ROSE Tracker can now use the Documents folder and every template.'] });

    const files = h.ws.host.files.size;
    const installed = h.addon.call<InstallResult>('installDocumentTemplates', [], asSecond);
    expect(installed.installed).toEqual([]);
    expect(h.ws.host.files.size).toBe(files);

    const started = h.addon.callFromClient('startDocumentJob', [request('employment-contract', ['STAFF-0001', 'STAFF-0002'])], asSecond) as StartResult;
    expect(started.message).toBe('');
    const done = h.ws.execute(() => drive(h, started.progress!.jobId), asSecond);
    expect(done.state).toBe('done');
    const made = [...h.ws.host.files.values()].filter((f) => f.owner === SECOND && f.mimeType === 'application/vnd.google-apps.document');
    expect(made).toHaveLength(2);
    expect(made.every((f) => f.parents.includes(folderId(h)))).toBe(true);
  });

  it('a template another person made and never shared with them is named, with whom to ask', () => {
    const h = sharedWithSecond();
    const own = putFileInDrive(h.ws, { name: 'Our welcome letter', text: 'Welcome {{Full name}}.' });
    h.ws.host.grantToApp(own.id, COORDINATOR, PROJECT);
    h.ws.host.uiAnswers.push({ button: 'OK', text: `https://docs.google.com/document/d/${own.id}/edit` });
    h.addon.call('registerDocumentTemplate');
    const template = choices(h).templates.find((t) => t.name === 'Our welcome letter')!;
    const started = h.addon.callFromClient('startDocumentJob', [request(template.id, ['STAFF-0001'])], asSecond) as StartResult;
    expect(started.ok).toBe(false);
    expect(started.message).toBe(`The template "Our welcome letter" that ${COORDINATOR} installed is not shared with ${SECOND}: ask ${COORDINATOR} to share it with you, then choose ROSE Tracker → Give ROSE Tracker access to templates.`);
  });

  it('without the deployment\'s Picker settings the dialog says what the person who deployed it must set', () => {
    const h = sampleTracker();
    h.ws.share(h.spreadsheetId, SECOND);
    const setup = h.addon.callFromClient('templatePickerSetup', [], asSecond) as { ok: boolean; message: string };
    expect(setup.ok).toBe(false);
    expect(setup.message).toContain(PROPERTY_KEYS.pickerProjectNumber);
  });

  it('the Picker refuses an app ID that is not the script\'s Cloud project, and a script on its default project', () => {
    const h = sharedWithSecond();
    const id = folderId(h);
    expect(() => pick(h.ws, { token: `local-token-${SECOND}`, appId: '1234567890', ids: [id] })).toThrow('is not the Cloud project number');
    const other = sampleTracker();
    expect(() => pick(other.ws, { token: `local-token-${COORDINATOR}`, appId: other.ws.host.scriptProject.number, ids: [] })).toThrow('needs a standard Cloud project');
  });
});
