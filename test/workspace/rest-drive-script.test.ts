// The Drive v3 and Apps Script v1 fakes: folders, uploads, search, sharing and bound script projects, through the real googleapis client.
import type { GaxiosError } from 'gaxios';
import { putFileInDrive } from '../../workspace/drive';
import { localToken } from '../../workspace/rest';
import { COORDINATOR, OUTSIDER, PEER_LEAD, rawRequest, startHarness, type RestHarness } from '../support/rest-harness';

const FOLDER = 'application/vnd.google-apps.folder';
const SHEET = 'application/vnd.google-apps.spreadsheet';

let h: RestHarness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as GaxiosError;
    return { status: e.response?.status ?? 0, message: (e.response?.data as { error: { message: string } }).error.message };
  }
  throw new Error('the call succeeded');
}

describe('Drive files', () => {
  it('creates a folder and answers with the default fields, or the ones asked for', async () => {
    const { drive } = h.apis();
    const created = await drive.files.create({ requestBody: { name: 'Harbour Lights documents', mimeType: FOLDER } });
    expect(Object.keys(created.data).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const got = await drive.files.get({ fileId: created.data.id!, fields: 'id,name,parents,owners(emailAddress),webViewLink' });
    expect(got.data).toEqual({
      id: created.data.id, name: 'Harbour Lights documents', parents: [expect.any(String)],
      owners: [{ emailAddress: COORDINATOR }], webViewLink: `https://drive.google.com/drive/folders/${created.data.id}`,
    });
    // retry: false — gaxios retries a 5xx GET, and 501 is what the local Workspace answers for the unmodelled.
    const unmodelled = await failure(drive.files.get({ fileId: created.data.id!, fields: 'id,thumbnailLink' }, { retry: false }));
    expect(unmodelled).toEqual({ status: 501, message: "drive.files.get field 'thumbnailLink' is not implemented by the local Workspace" });
  });

  it('uploads media through the upload path when the call carries the rootUrl', async () => {
    const apis = h.apis();
    const folder = await apis.drive.files.create({ requestBody: { name: 'Exports', mimeType: FOLDER } });
    const uploaded = await apis.drive.files.create(
      { requestBody: { name: 'roster.csv', parents: [folder.data.id!] }, media: { mimeType: 'text/csv', body: 'Name,Role\nRowan Ames,Peer Worker\n' }, fields: 'id,size,parents' },
      apis.uploadOptions,
    );
    const file = h.ws.host.files.get(uploaded.data.id!)!;
    expect(Buffer.isBuffer(file.content) && file.content.toString('utf8')).toBe('Name,Role\nRowan Ames,Peer Worker\n');
    expect(file.mimeType).toBe('text/csv');
    expect(uploaded.data).toEqual({ id: file.id, size: '33', parents: [folder.data.id] });
    expect(h.server.requests.find((r) => r.path === '/upload/drive/v3/files')).toMatchObject({ method: 'POST', name: 'drive.files.create', status: 200 });
  });

  it('searches with name, mimeType, parents, trashed and appProperties terms', async () => {
    const { drive } = h.apis();
    const folder = await drive.files.create({ requestBody: { name: "O'Neill House documents", mimeType: FOLDER, appProperties: { roseTracker: 'documents' } } });
    await drive.files.create({ requestBody: { name: 'Minutes', mimeType: SHEET, parents: [folder.data.id!] } });
    const old = await drive.files.create({ requestBody: { name: 'Minutes', mimeType: SHEET } });
    await drive.files.update({ fileId: old.data.id!, requestBody: { trashed: true } });
    const names = async (q: string) => ((await drive.files.list({ q, fields: 'files(name,parents,trashed)' })).data.files ?? []).map((f) => `${f.name}${f.trashed ? ' (trashed)' : ''}`).sort();

    expect(await names("name = 'O\\'Neill House documents'")).toEqual(["O'Neill House documents"]);
    expect(await names(`mimeType = '${SHEET}'`)).toEqual(['Minutes', 'Minutes (trashed)']);
    expect(await names(`mimeType = '${SHEET}' and trashed = false`)).toEqual(['Minutes']);
    expect(await names(`'${folder.data.id}' in parents`)).toEqual(['Minutes']);
    expect(await names("name contains 'house' and not mimeType = 'text/plain'")).toEqual(["O'Neill House documents"]);
    expect(await names("appProperties has { key='roseTracker' and value='documents' } or name = 'nothing'")).toEqual(["O'Neill House documents"]);
    expect(await failure(drive.files.list({ q: "modifiedTime > '2026-01-01'" }, { retry: false }))).toEqual({ status: 501, message: "files.list q term 'modifiedTime' is not implemented by the local Workspace" });
    expect(await failure(drive.files.list({ q: "name = 'unclosed" }))).toEqual({ status: 400, message: 'Invalid Value' });
  });

  it('lists only what the caller may open, and under drive.file only what the app created', async () => {
    putFileInDrive(h.ws, { name: 'Hand-made budget', mimeType: 'text/plain', owner: COORDINATOR });
    const theirs = h.ws.createSpreadsheet('Someone else\'s tracker', OUTSIDER);
    const mine = await h.apis().drive.files.create({ requestBody: { name: 'Made by the app', mimeType: FOLDER } });
    const listed = async (token: string) => {
      const { body } = await rawRequest(h.server, 'GET', '/drive/v3/files?q=trashed%20%3D%20false', { token });
      return (body.files as { name: string }[]).map((f) => f.name).sort();
    };
    expect(await listed(localToken(COORDINATOR))).toEqual(['Hand-made budget', 'Made by the app']);
    h.server.tokens.issue('ya29.drive-file', { user: COORDINATOR, scopes: ['https://www.googleapis.com/auth/drive.file'] });
    expect(await listed('ya29.drive-file')).toEqual(['Made by the app']);
    const hidden = await rawRequest(h.server, 'GET', `/drive/v3/files/${theirs}`);
    expect(hidden).toMatchObject({ status: 404, body: { error: { code: 404, message: `File not found: ${theirs}.`, errors: [{ reason: 'notFound' }] } } });
    expect(mine.data.id).toBeTruthy();
  });

  it('merges appProperties on update and removes a key set to null', async () => {
    const { drive } = h.apis();
    const sheet = await drive.files.create({ requestBody: { name: 'Tracker', mimeType: SHEET, appProperties: { roseTracker: 'tracker', step: '1' } } });
    const updated = await drive.files.update({ fileId: sheet.data.id!, requestBody: { appProperties: { step: null, roseScriptId: 'abc' } as unknown as Record<string, string> }, fields: 'appProperties' });
    expect(updated.data.appProperties).toEqual({ roseTracker: 'tracker', roseScriptId: 'abc' });
  });

  it('shares a file as an editor, after which the person can open it through the Sheets API', async () => {
    const id = h.ws.createSpreadsheet('Harbour Lights tracker');
    expect((await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: localToken(PEER_LEAD) })).status).toBe(403);
    const permission = await h.apis().drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: PEER_LEAD } });
    expect(permission.data).toMatchObject({ kind: 'drive#permission', type: 'user', role: 'writer' });
    expect((await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: localToken(PEER_LEAD) })).status).toBe(200);
    const reader = await h.apis().drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: OUTSIDER } });
    expect(reader.data).toMatchObject({ type: 'user', role: 'reader' });
    expect((await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: localToken(OUTSIDER) })).status).toBe(200);
    const write = await failure(h.apis(OUTSIDER).sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }));
    expect(write).toEqual({ status: 403, message: 'The caller does not have permission' });
  });

  it('requires fields on about.get and names the signed-in user', async () => {
    const { drive } = h.apis(PEER_LEAD);
    expect((await drive.about.get({ fields: 'user(emailAddress,displayName)' })).data).toEqual({ user: { emailAddress: PEER_LEAD, displayName: 'Peer Lead' } });
    expect(await failure(drive.about.get({}))).toEqual({ status: 400, message: "The 'fields' parameter is required for this method." });
  });
});

describe('Apps Script projects', () => {
  const manifest = JSON.stringify({ timeZone: 'America/Vancouver', runtimeVersion: 'V8' });
  const files = [
    { name: 'appsscript', type: 'JSON', source: manifest },
    { name: 'Code', type: 'SERVER_JS', source: 'function onOpen() { return 1; }\n' },
    { name: 'Sidebar', type: 'HTML', source: '<p>Hello</p>' },
  ];

  it('creates a project bound to a spreadsheet, holding only its manifest, then stores the files sent', async () => {
    const id = h.ws.createSpreadsheet('Tracker');
    const { script } = h.apis();
    const project = await script.projects.create({ requestBody: { title: 'ROSE Tracker', parentId: id } });
    expect(project.data).toMatchObject({ title: 'ROSE Tracker', parentId: id, creator: { email: COORDINATOR } });
    const scriptId = project.data.scriptId!;
    expect((await script.projects.getContent({ scriptId })).data.files!.map((f) => [f.name, f.type])).toEqual([['appsscript', 'JSON']]);
    const updated = await script.projects.updateContent({ scriptId, requestBody: { files } });
    expect(updated.data.files!.map((f) => f.name)).toEqual(['appsscript', 'Code', 'Sidebar']);
    expect(h.ws.scriptProjects.get(scriptId)).toMatchObject({ parentId: id, files: files.map((f) => ({ ...f, lastModifyUser: COORDINATOR })) });
  });

  it('rejects content with a syntax error, without a manifest, or with two files of one name', async () => {
    const id = h.ws.createSpreadsheet('Tracker');
    const { script } = h.apis();
    const { scriptId } = (await script.projects.create({ requestBody: { title: 'ROSE Tracker', parentId: id } })).data;
    const broken = await failure(script.projects.updateContent({ scriptId: scriptId!, requestBody: { files: [files[0], { name: 'Code', type: 'SERVER_JS', source: 'function (' }] } }));
    expect(broken.status).toBe(400);
    expect(broken.message).toMatch(/^Syntax error: SyntaxError: .* line: 1 file: Code$/);
    expect((await failure(script.projects.updateContent({ scriptId: scriptId!, requestBody: { files: [files[1]] } }))).status).toBe(400);
    expect((await failure(script.projects.updateContent({ scriptId: scriptId!, requestBody: { files: [files[0], files[1], { ...files[1], type: 'HTML' }] } }))).status).toBe(400);
    expect(h.ws.scriptProjects.get(scriptId!)!.files.map((f) => f.name)).toEqual(['appsscript']);
  });

  it('lets only people who can open the spreadsheet see its bound project', async () => {
    const id = h.ws.createSpreadsheet('Tracker');
    const { scriptId } = (await h.apis().script.projects.create({ requestBody: { title: 'ROSE Tracker', parentId: id } })).data;
    expect((await failure(h.apis(PEER_LEAD).script.projects.getContent({ scriptId: scriptId! }))).status).toBe(403);
    h.ws.share(id, PEER_LEAD);
    expect((await h.apis(PEER_LEAD).script.projects.getContent({ scriptId: scriptId! })).status).toBe(200);
    expect(await failure(h.apis().script.projects.get({ scriptId: 'no-such-project' }))).toEqual({ status: 404, message: 'Requested entity was not found.' });
    expect((await failure(h.apis(OUTSIDER).script.projects.create({ requestBody: { title: 'x', parentId: id } }))).status).toBe(403);
  });
});
