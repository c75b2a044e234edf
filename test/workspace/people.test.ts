// People in the local Workspace: each has their own identity, a role on each file (inherited from folders), drive.file grants per person and per Cloud project, and protections that mirror the spreadsheet's editors until a script changes them.
import { createWorkspace, type Workspace } from '../../workspace';
import { DOCUMENT_MIME, FOLDER_MIME, SCOPES, grantFileToApp, putFileInDrive, type DriveResource } from '../../workspace/drive';
import { rawRequest } from '../support/rest-harness';
import { startRestServer, type RestServer } from '../../workspace/rest';

const A = 'ada.coordinator@example.org';
const B = 'bo.coordinator@example.org';
const C = 'cy.sitelead@example.org';

interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Session: GoogleAppsScript.Base.Session;
  Drive: { Files: {
    copy(resource: object, fileId: string, optionalArgs?: object): DriveResource;
    create(resource: object, mediaData?: unknown, optionalArgs?: object): DriveResource;
    get(fileId: string, optionalArgs?: object): DriveResource;
    update(resource: object, fileId: string): DriveResource;
  } };
  Docs: { Documents: { get(id: string): { title: string }; batchUpdate(resource: object, id: string): unknown } };
}

/** The add-on's scopes without any restricted one: drive.file for Drive, documents for Docs, spreadsheets for Sheets. */
const ADDON_SCOPES = [SCOPES.driveFile, SCOPES.documents, 'https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/userinfo.email'];

function workspace(scopes: string[] | undefined = ADDON_SCOPES): { ws: Workspace; g: Services } {
  const ws = createWorkspace({ user: A, now: '2026-03-16T17:00:00Z', scopes });
  return { ws, g: ws.globals() as unknown as Services };
}

describe('people and their identity', () => {
  it('each execution runs as its own person', () => {
    const { ws, g } = workspace();
    expect(ws.execute(() => g.Session.getActiveUser().getEmail(), { user: B })).toBe(B);
    expect(ws.execute(() => g.Session.getActiveUser().getEmail())).toBe(A);
  });
});

describe('sharing: viewer, commenter, editor and owner', () => {
  it('a person the spreadsheet is not shared with cannot open it', () => {
    const { ws, g } = workspace();
    const id = ws.createSpreadsheet('Tracker');
    expect(() => ws.execute(() => g.SpreadsheetApp.openById(id), { user: C }))
      .toThrow('You do not have permission to access the requested document.');
    expect(() => ws.execute(() => g.SpreadsheetApp.openById('no-such-file'), { user: C }))
      .toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  it('a viewer or commenter reads every cell but any write fails', () => {
    const { ws, g } = workspace();
    const id = ws.createSpreadsheet('Tracker');
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('Sites'));
    ws.share(id, C, 'viewer');
    ws.share(id, B, 'commenter');
    for (const [person, verb] of [[C, 'view'], [B, 'comment on']]) {
      ws.execute(() => {
        const sheet = g.SpreadsheetApp.openById(id).getSheets()[0];
        expect(sheet.getRange('A1').getValue()).toBe('Sites');
        expect(() => sheet.getRange('A2').setValue('x')).toThrow(`${person} can only ${verb} "Tracker"`);
        expect(() => g.SpreadsheetApp.openById(id).insertSheet('Mine')).toThrow(`${person} can only ${verb} "Tracker"`);
        expect(() => sheet.insertRowsAfter(1, 2)).toThrow(`${person} can only ${verb} "Tracker"`);
      }, { user: person });
    }
    ws.share(id, C, 'editor');
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A2').setValue('Cedar House'), { user: C });
    expect(ws.spreadsheet(id).sheets[0].cell(2, 1)?.value).toBe('Cedar House');
  });

  it('a viewer may read a Doc through the Docs API and copy it, but not change it', () => {
    const { ws, g } = workspace([SCOPES.documents, SCOPES.drive]);
    const doc = putFileInDrive(ws, { name: 'Handbook', text: 'Welcome' });
    ws.share(doc.id, B, 'viewer');
    ws.execute(() => {
      expect(g.Docs.Documents.get(doc.id).title).toBe('Handbook');
      expect(() => g.Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] }, doc.id))
        .toThrow('API call to docs.documents.batchUpdate failed with error: The caller does not have permission');
      expect(() => g.Drive.Files.update({ name: 'Mine now' }, doc.id))
        .toThrow('API call to drive.files.update failed with error: The user does not have sufficient permissions for this file.');
      expect(g.Drive.Files.copy({ name: 'My copy' }, doc.id).name).toBe('My copy');
    }, { user: B });
  });

  it('a file in a folder shared with a person is theirs to open, at the folder\'s role, down nested folders', () => {
    const { ws, g } = workspace();
    const folder = putFileInDrive(ws, { name: 'ROSE Tracker documents', mimeType: FOLDER_MIME });
    const inner = putFileInDrive(ws, { name: 'Templates', mimeType: FOLDER_MIME, parents: [folder.id] });
    const id = ws.createSpreadsheet('Tracker');
    ws.host.files.get(id)!.parents = [inner.id];
    expect(() => ws.execute(() => g.SpreadsheetApp.openById(id), { user: B })).toThrow('You do not have permission');
    ws.share(folder.id, B, 'viewer');
    ws.execute(() => {
      expect(g.SpreadsheetApp.openById(id).getName()).toBe('Tracker');
      expect(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('x')).toThrow(`${B} can only view "Tracker"`);
    }, { user: B });
    ws.share(folder.id, B, 'editor');
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('x'), { user: B });
    expect(ws.host.roleOf(ws.host.files.get(id)!, B)).toBe('editor');
    expect(ws.host.roleOf(ws.host.files.get(id)!, C)).toBeNull();
  });
});

describe('drive.file is granted per person and per Cloud project', () => {
  it('a Doc person A made with the add-on is "not found" for person B, even shared through its folder, until B picks it', () => {
    const { ws, g } = workspace();
    const folder = ws.execute(() => g.Drive.Files.create({ name: 'ROSE Tracker documents', mimeType: FOLDER_MIME }, null, { fields: 'id' }));
    const template = ws.execute(() => g.Drive.Files.create({ name: 'Employment contract', mimeType: DOCUMENT_MIME, parents: [folder.id] }, null, { fields: 'id' }));
    ws.share(folder.id!, B, 'editor');
    ws.execute(() => expect(g.Drive.Files.copy({ name: 'A copy' }, template.id!).name).toBe('A copy'));
    expect(() => ws.execute(() => g.Drive.Files.copy({ name: 'B copy' }, template.id!), { user: B }))
      .toThrow(`API call to drive.files.copy failed with error: File not found: ${template.id!}.`);
    // The documents scope reaches every Doc the person can open: B reads it, and may rebuild it.
    expect(ws.execute(() => g.Docs.Documents.get(template.id!).title, { user: B })).toBe('Employment contract');
    grantFileToApp(ws, template.id!, B);
    expect(ws.execute(() => g.Drive.Files.copy({ name: 'B copy' }, template.id!), { user: B }).name).toBe('B copy');
  });

  it('a person cannot pick a file that is not shared with them', () => {
    const { ws } = workspace();
    const doc = putFileInDrive(ws, { name: 'Board notes', owner: 'chair@example.org' });
    expect(() => grantFileToApp(ws, doc.id, B)).toThrow(`${B} cannot pick "Board notes": it is not shared with them.`);
  });

  it('moving the script to a standard Cloud project cuts it off from what the default project made', () => {
    const { ws, g } = workspace();
    expect(ws.host.scriptProject.kind).toBe('default');
    const doc = ws.execute(() => g.Drive.Files.create({ name: 'Reference letter', mimeType: DOCUMENT_MIME }, null, { fields: 'id' }));
    ws.useStandardProject('487112093356');
    expect(ws.host.scriptProject).toEqual({ number: '487112093356', kind: 'standard' });
    expect(() => ws.execute(() => g.Drive.Files.get(doc.id!))).toThrow(`File not found: ${doc.id!}.`);
    grantFileToApp(ws, doc.id!, A, '487112093356');
    expect(ws.execute(() => g.Drive.Files.get(doc.id!)).id).toBe(doc.id);
  });

  describe('across the command-line OAuth client and the add-on', () => {
    let server: RestServer;
    let ws: Workspace;
    let g: Services;

    beforeAll(async () => {
      ({ ws, g } = workspace());
      server = await startRestServer(ws);
      server.tokens.issue('ya29.cli-drive-file', { user: A, scopes: [SCOPES.driveFile] });
    });
    afterAll(() => server.close());

    it('a folder the scripts made with their own client is invisible to the add-on, and the add-on\'s Doc to the scripts', async () => {
      const made = await rawRequest(server, 'POST', '/drive/v3/files', { token: 'ya29.cli-drive-file', body: { name: 'Documents', mimeType: FOLDER_MIME } });
      expect(made.status).toBe(200);
      const folderId = String(made.body.id);
      expect((await rawRequest(server, 'GET', `/drive/v3/files/${folderId}`, { token: 'ya29.cli-drive-file' })).status).toBe(200);
      expect(() => ws.execute(() => g.Drive.Files.get(folderId))).toThrow(`File not found: ${folderId}.`);

      const doc = ws.execute(() => g.Drive.Files.create({ name: 'Job description', mimeType: DOCUMENT_MIME }, null, { fields: 'id' }));
      expect((await rawRequest(server, 'GET', `/drive/v3/files/${doc.id!}`, { token: 'ya29.cli-drive-file' })).status).toBe(404);
    });

    it('a token from another OAuth client of the add-on\'s own project reaches what the add-on made', async () => {
      server.tokens.issue('ya29.addon-project', { user: A, scopes: [SCOPES.driveFile], project: ws.host.scriptProject.number });
      const doc = ws.execute(() => g.Drive.Files.create({ name: 'Contract', mimeType: DOCUMENT_MIME }, null, { fields: 'id' }));
      expect((await rawRequest(server, 'GET', `/drive/v3/files/${doc.id!}`, { token: 'ya29.addon-project' })).status).toBe(200);
    });
  });
});

describe('a new protection mirrors the spreadsheet\'s editors until the script changes them', () => {
  function tracker(): { ws: Workspace; g: Services; id: string } {
    const { ws, g } = workspace();
    const id = ws.createSpreadsheet('Tracker');
    ws.openInSheets(id);
    return { ws, g, id };
  }

  it('a person the Sheet is shared with after protect() can edit the protected sheet', () => {
    const { ws, g, id } = tracker();
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].protect().setDescription('Staff'));
    ws.share(id, C);
    ws.execute(() => {
      const sheet = g.SpreadsheetApp.openById(id).getSheets()[0];
      expect(sheet.getProtections(g.SpreadsheetApp.ProtectionType.SHEET)[0].getEditors().map((u) => u.getEmail()).sort()).toEqual([A, C].sort());
      sheet.getRange('A1').setValue('editable by everyone');
    }, { user: C });
  });

  it('sharing a folder above the Sheet reaches a mirroring protection too', () => {
    const { ws, g, id } = tracker();
    const folder = putFileInDrive(ws, { name: 'Harbour Lights', mimeType: FOLDER_MIME });
    ws.host.files.get(id)!.parents = [folder.id];
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1:B2').protect());
    ws.share(folder.id, C);
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('x'), { user: C });
  });

  it('Google\'s sample limits it: add me, remove the editors (never the owner nor me), domain edit off; later shares stay out', () => {
    const { ws, g, id } = tracker();
    ws.share(id, B);
    ws.share(id, C);
    ws.execute(() => {
      const protection = g.SpreadsheetApp.openById(id).getSheets()[0].protect().setDescription('Staff');
      expect(protection.getEditors().map((u) => u.getEmail()).sort()).toEqual([A, B, C].sort());
      protection.addEditor(g.Session.getEffectiveUser());
      protection.removeEditors(protection.getEditors());
      if (protection.canDomainEdit()) protection.setDomainEdit(false);
      protection.addEditors([B]);
      expect(protection.getEditors().map((u) => u.getEmail()).sort()).toEqual([A, B].sort());
    });
    ws.share(id, 'late.sitelead@example.org');
    for (const person of [C, 'late.sitelead@example.org']) {
      expect(() => ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('x'), { user: person }))
        .toThrow('You are trying to edit a protected cell or object.');
    }
    ws.execute(() => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('coordinator'), { user: B });
  });
});

describe('removing people from a spreadsheet', () => {
  it('removeEditor and removeViewer take away a direct role; the owner cannot be removed; addEditors shares with each', () => {
    const { ws, g } = workspace();
    const id = ws.createSpreadsheet('Support requests');
    ws.execute(() => g.SpreadsheetApp.openById(id).addEditors([B, C]));
    ws.share(id, 'dee.viewer@example.org', 'viewer');
    ws.execute(() => g.SpreadsheetApp.openById(id).removeEditor(C).removeViewer('dee.viewer@example.org'));
    expect(() => ws.execute(() => g.SpreadsheetApp.openById(id), { user: C })).toThrow('You do not have permission to access the requested document.');
    expect(() => ws.execute(() => g.SpreadsheetApp.openById(id), { user: 'dee.viewer@example.org' })).toThrow('You do not have permission');
    expect(ws.execute(() => g.SpreadsheetApp.openById(id).getName(), { user: B })).toBe('Support requests');
    expect(() => ws.execute(() => g.SpreadsheetApp.openById(id).removeEditor(A))).toThrow(`${A} owns "Support requests"`);
  });
});
