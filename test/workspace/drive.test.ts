// Drive and Docs in the local Workspace: the scopes a manifest grants decide what the add-on can reach, copies of Google Docs count against the daily quota, and a generated document exports as a real PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { CALL_COST_MS, EXECUTION_LIMIT_MS } from '../../workspace/ledger';
import type { DocumentJson } from '../../workspace/docs-model';
import type { BatchUpdateResponse } from '../../workspace/docs';
import {
  DOCUMENT_MIME, SCOPES, documentModel, documentsCreatedToday, grantFileToApp, putFileInDrive, type DriveResource,
} from '../../workspace/drive';

interface Services {
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  Drive: {
    Files: {
      copy(resource: object, fileId: string, optionalArgs?: object): DriveResource;
      create(resource: object, mediaData?: unknown, optionalArgs?: object): DriveResource;
      get(fileId: string, optionalArgs?: object): DriveResource;
      update(resource: object, fileId: string, mediaData?: unknown, optionalArgs?: object): DriveResource;
      export(fileId: string, mimeType: string, optionalArgs?: object): GoogleAppsScript.Base.Blob;
    };
    Permissions?: unknown;
  };
  Docs: {
    Documents: {
      create(resource: object): DocumentJson;
      get(documentId: string, optionalArgs?: object): DocumentJson;
      batchUpdate(resource: object, documentId: string): BatchUpdateResponse;
    };
  };
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
}

/** The scopes an add-on that avoids restricted scopes declares for document generation. */
const DRIVE_FILE_ONLY = [SCOPES.driveFile, 'https://www.googleapis.com/auth/spreadsheets.currentonly'];

function workspace(scopes?: string[], documentsCreatedPerDay?: number): { ws: Workspace; g: Services } {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z', scopes, documentsCreatedPerDay });
  return { ws, g: ws.globals() as unknown as Services };
}

/** A template the add-on made itself: one Docs.Documents.create and one batchUpdate. */
function makeTemplate(g: Services): string {
  const { documentId } = g.Docs.Documents.create({ title: 'Employment contract template' });
  g.Docs.Documents.batchUpdate({
    requests: [
      { insertText: { location: { index: 1 }, text: 'Employment contract\nThis contract is between Harbour Lights Society and {{Full name}}.\nSchedule' } },
      { insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 20 }, paragraphStyle: { namedStyleType: 'TITLE' }, fields: 'namedStyleType' } },
    ],
  }, documentId);
  const table = g.Docs.Documents.get(documentId).body.content.find((e) => e.table)!;
  const cell = (row: number, column: number) => table.table!.tableRows[row].tableCells[column].content[0].startIndex!;
  g.Docs.Documents.batchUpdate({
    requests: [
      { insertText: { location: { index: cell(1, 1) }, text: '{{Hours per week}} hours' } },
      { insertText: { location: { index: cell(1, 0) }, text: 'Peer support shifts' } },
      { insertText: { location: { index: cell(0, 1) }, text: 'Hours' } },
      { insertText: { location: { index: cell(0, 0) }, text: 'Duty' } },
    ],
  }, documentId);
  return documentId;
}

/** What the add-on does per person: copy, read, one batchUpdate, export to PDF. */
function generate(g: Services, templateId: string, name: string): GoogleAppsScript.Base.Blob {
  const copy = g.Drive.Files.copy({ name: `${name} - Employment contract` }, templateId);
  g.Docs.Documents.get(copy.id!);
  g.Docs.Documents.batchUpdate({
    requests: [
      { replaceAllText: { containsText: { text: '{{Full name}}', matchCase: true }, replaceText: name } },
      { replaceAllText: { containsText: { text: '{{Hours per week}}', matchCase: true }, replaceText: '24' } },
    ],
  }, copy.id!);
  return g.Drive.Files.export(copy.id!, 'application/pdf', { alt: 'media' });
}

describe('scopes the manifest grants', () => {
  it('keep DriveApp out of reach without the restricted drive scope', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const id = ws.execute(() => makeTemplate(g));
    expect(() => ws.execute(() => g.DriveApp.getFileById(id)))
      .toThrow('You do not have permission to call DriveApp.getFileById. Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)');
    expect(() => ws.execute(() => g.DriveApp.createFolder('Contracts')))
      .toThrow('You do not have permission to call DriveApp.createFolder. Required permissions: https://www.googleapis.com/auth/drive');
  });

  it('let the advanced services work under drive.file on documents the add-on created', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const pdf = ws.execute(() => generate(g, makeTemplate(g), 'Sam Rivera'));
    expect(pdf.getContentType()).toBe('application/pdf');
    expect(pdf.getName()).toBe('Sam Rivera - Employment contract.pdf');
  });

  it('hide a document the coordinator made until they open it with the add-on', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const theirs = putFileInDrive(ws, { name: 'Our own contract', text: 'Dear {{Full name}}' });
    expect(() => ws.execute(() => g.Drive.Files.copy({ name: 'x' }, theirs.id)))
      .toThrow(`API call to drive.files.copy failed with error: File not found: ${theirs.id}.`);
    expect(() => ws.execute(() => g.Docs.Documents.get(theirs.id)))
      .toThrow('API call to docs.documents.get failed with error: Requested entity was not found.');
    grantFileToApp(ws, theirs.id);
    const copy = ws.execute(() => g.Drive.Files.copy({ name: 'Sam - contract' }, theirs.id));
    expect(documentModel(ws, copy.id!).plainText()).toBe('Dear {{Full name}}\n');
  });

  it('let the documents scope read any document the user can open, but never someone else\'s', () => {
    const { ws, g } = workspace([SCOPES.documents]);
    const theirs = putFileInDrive(ws, { name: 'Handbook', text: 'Welcome' });
    expect(ws.execute(() => g.Docs.Documents.get(theirs.id)).title).toBe('Handbook');
    const private_ = putFileInDrive(ws, { name: 'Board notes', owner: 'chair@example.org' });
    expect(() => ws.execute(() => g.Docs.Documents.get(private_.id))).toThrow('The caller does not have permission');
  });

  it('fail an advanced-service call whose API scope the manifest lacks, and DocumentApp without documents', () => {
    const { ws, g } = workspace(['https://www.googleapis.com/auth/spreadsheets.currentonly']);
    expect(() => ws.execute(() => g.Docs.Documents.create({ title: 'x' })))
      .toThrow('API call to docs.documents.create failed with error: Request had insufficient authentication scopes.');
    expect(() => ws.execute(() => g.DocumentApp.openById('anything')))
      .toThrow('You do not have permission to call DocumentApp.openById. Required permissions: https://www.googleapis.com/auth/documents');
  });

  it('are read from the built manifest when the add-on is loaded, unless the test set them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rose-manifest-'));
    writeFileSync(join(dir, 'Code.js'), 'function makeFolder() { return DriveApp.createFolder("Contracts").getName(); }\n');
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ oauthScopes: DRIVE_FILE_ONLY }));
    const ws = createWorkspace();
    const addon = AddOn.load(ws, join(dir, 'Code.js'));
    expect(ws.scopes).toEqual(DRIVE_FILE_ONLY);
    expect(() => addon.call('makeFolder')).toThrow('You do not have permission to call DriveApp.createFolder');
    const full = createWorkspace({ scopes: [SCOPES.drive] });
    expect(AddOn.load(full, join(dir, 'Code.js')).call('makeFolder')).toBe('Contracts');
  });

  it('do not matter in AuthMode.NONE, where nothing but the menu may run', () => {
    const { ws, g } = workspace();
    expect(() => ws.execute(() => g.Docs.Documents.create({ title: 'x' }), { authMode: 'NONE' })).toThrow('You do not have permission to call docs.documents.create');
  });
});

describe('the daily quota of documents created', () => {
  it('counts Docs.Documents.create and every copy of a Google Doc, then refuses with Apps Script\'s message until the next day', () => {
    const { ws, g } = workspace(undefined, 3);
    const template = ws.execute(() => g.Docs.Documents.create({ title: 'Template' })).documentId;
    ws.execute(() => g.Drive.Files.copy({ name: 'One' }, template));
    ws.execute(() => g.DriveApp.getFileById(template).makeCopy('Two'));
    expect(documentsCreatedToday(ws)).toBe(3);
    expect(() => ws.execute(() => g.Drive.Files.copy({ name: 'Three' }, template))).toThrow('Service invoked too many times for one day: docs create.');
    // Other files do not count.
    ws.execute(() => g.Drive.Files.create({ name: 'notes.txt', mimeType: 'text/plain' }, g.Utilities.newBlob('hello')));
    ws.host.advance(24 * 60 * 60 * 1000);
    expect(ws.execute(() => g.Drive.Files.copy({ name: 'Three' }, template)).name).toBe('Three');
  });

  it('defaults to 250 a day, the consumer-account figure', () => {
    expect(createWorkspace().documentsCreatedPerDay).toBe(250);
  });
});

describe('generating a document', () => {
  it('takes four service calls: copy, get, one batchUpdate, export', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const template = ws.execute(() => makeTemplate(g));
    const mark = ws.ledger.mark();
    ws.execute(() => generate(g, template, 'Sam Rivera'));
    expect(ws.ledger.since(mark)).toEqual(['Drive.Files.copy', 'Docs.Documents.get', 'Docs.Documents.batchUpdate', 'Drive.Files.export']);
  });

  it('runs out of the six-minute execution after as many documents as the modelled costs allow', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const template = ws.execute(() => makeTemplate(g));
    const perDocument = ['Drive.Files.copy', 'Docs.Documents.get', 'Docs.Documents.batchUpdate', 'Drive.Files.export']
      .reduce((sum, call) => sum + CALL_COST_MS[call], 0);
    let made = 0;
    expect(() => ws.execute(() => {
      for (;;) { generate(g, template, `Person ${made}`); made += 1; }
    })).toThrow('Exceeded maximum execution time');
    expect(made).toBe(Math.floor(EXECUTION_LIMIT_MS / perDocument));
  });

  it('fills the copy and leaves the template as it was', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const template = ws.execute(() => makeTemplate(g));
    ws.execute(() => generate(g, template, 'Sam Rivera'));
    const copy = [...ws.host.files.values()].find((f) => f.name === 'Sam Rivera - Employment contract')!;
    expect(documentModel(ws, copy.id).plainText()).toContain('between Harbour Lights Society and Sam Rivera.');
    expect(documentModel(ws, copy.id).plainText()).toContain('24 hours');
    expect(documentModel(ws, template).plainText()).toContain('{{Full name}}');
  });

  it('reports an invalid request as Apps Script does and changes nothing', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const id = ws.execute(() => makeTemplate(g));
    const before = ws.execute(() => g.Docs.Documents.get(id));
    expect(() => ws.execute(() => g.Docs.Documents.batchUpdate({
      requests: [
        { replaceAllText: { containsText: { text: '{{Full name}}', matchCase: true }, replaceText: 'Sam' } },
        { insertText: { location: { index: 999 }, text: 'x' } },
      ],
    }, id))).toThrow(/^API call to docs\.documents\.batchUpdate failed with error: Invalid requests\[1\]\.insertText: Index 999 must be less than the end index of the referenced segment, \d+\.$/);
    expect(ws.execute(() => g.Docs.Documents.get(id))).toEqual(before);
  });

  it('refuses a batch written against an older revision when it says so', () => {
    const { ws, g } = workspace();
    const { documentId, revisionId } = ws.execute(() => g.Docs.Documents.create({ title: 'Letter' }));
    ws.execute(() => g.Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'a' } }] }, documentId));
    expect(() => ws.execute(() => g.Docs.Documents.batchUpdate({
      requests: [{ insertText: { location: { index: 1 }, text: 'b' } }], writeControl: { requiredRevisionId: revisionId },
    }, documentId))).toThrow(`API call to docs.documents.batchUpdate failed with error: The required revision ID '${revisionId}' does not match the latest revision.`);
  });

  it('needs {alt: "media"} to export, as Apps Script\'s Drive service does', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const id = ws.execute(() => g.Docs.Documents.create({ title: 'Letter' })).documentId;
    expect(() => ws.execute(() => g.Drive.Files.export(id, 'application/pdf')))
      .toThrow('API call to drive.files.export failed with error: Export requires alt=media to download the exported content.');
  });
});

describe('the PDF of a document', () => {
  const hasPdfToText = (() => {
    try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
  })();

  function pdfFile(blob: GoogleAppsScript.Base.Blob): string {
    const path = join(mkdtempSync(join(tmpdir(), 'rose-pdf-')), 'out.pdf');
    writeFileSync(path, Buffer.from(blob.getBytes()));
    return path;
  }

  it('is a complete PDF file', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const bytes = Buffer.from(ws.execute(() => generate(g, makeTemplate(g), 'Sam Rivera')).getBytes());
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(bytes.toString('latin1'))![1]);
    expect(bytes.subarray(xref, xref + 4).toString('latin1')).toBe('xref');
  });

  if (!hasPdfToText && process.env.CI !== 'true') {
    it.skip('shows its text in pdftotext (install poppler-utils to run this)', () => undefined);
    return;
  }

  it('shows its heading, paragraphs and table cells to pdftotext', () => {
    const { ws, g } = workspace(DRIVE_FILE_ONLY);
    const path = pdfFile(ws.execute(() => generate(g, makeTemplate(g), 'Sam Rivera')));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Employment contract');
    expect(text).toContain('Harbour Lights Society and Sam Rivera.');
    expect(text).toMatch(/Duty\s+Hours/);
    expect(text).toMatch(/Peer support shifts\s+24 hours/);
  });

  it('runs onto more pages when the text is long, through DriveApp and DocumentApp too', () => {
    const { ws, g } = workspace([SCOPES.drive, SCOPES.documents]);
    const id = ws.execute(() => g.Docs.Documents.create({ title: 'Training record' })).documentId;
    const lines = Array.from({ length: 120 }, (_, i) => `Session ${i + 1}: naloxone and overdose response refresher with the whole team.`);
    ws.execute(() => g.Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: lines.join('\n') } }] }, id));
    const viaDrive = pdfFile(ws.execute(() => g.DriveApp.getFileById(id).getAs('application/pdf')));
    const viaDocs = pdfFile(ws.execute(() => g.DocumentApp.openById(id).getAs('application/pdf')));
    for (const path of [viaDrive, viaDocs]) {
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1])).toBeGreaterThan(1);
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
      expect(text).toContain('Session 1: naloxone');
      expect(text).toContain('Session 120: naloxone');
    }
  });
});

describe('DriveApp with the drive scope', () => {
  it('makes folders, files and copies, and finds them again', () => {
    const { ws, g } = workspace([SCOPES.drive]);
    ws.execute(() => {
      const folder = g.DriveApp.createFolder('Contracts 2026');
      const note = folder.createFile('readme.txt', 'Signed contracts go here.', 'text/plain');
      const template = g.DriveApp.getFileById(g.Docs.Documents.create({ title: 'Template' }).documentId);
      const copy = template.makeCopy('Sam Rivera - contract', folder);
      expect(copy.getMimeType()).toBe(DOCUMENT_MIME);
      expect(copy.getUrl()).toBe(`https://docs.google.com/document/d/${copy.getId()}/edit?usp=drivesdk`);
      expect(copy.getParents().next().getId()).toBe(folder.getId());
      const names: string[] = [];
      const files = folder.getFiles();
      while (files.hasNext()) names.push(files.next().getName());
      expect(names.sort()).toEqual(['Sam Rivera - contract', 'readme.txt']);
      expect(() => files.next()).toThrow('Cannot retrieve the next object: iterator has reached the end.');
      expect(g.DriveApp.getFoldersByName('Contracts 2026').next().getId()).toBe(folder.getId());
      expect(note.getBlob().getDataAsString()).toBe('Signed contracts go here.');
      note.moveTo(g.DriveApp.getRootFolder());
      expect(folder.getFilesByName('readme.txt').hasNext()).toBe(false);
    });
  });

  it('lists trashed files in a folder, as Drive does, so callers must check isTrashed', () => {
    const { ws, g } = workspace([SCOPES.drive]);
    ws.execute(() => {
      const folder = g.DriveApp.createFolder('Old');
      folder.createFile('draft.txt', 'x').setTrashed(true);
      const file = folder.getFiles().next();
      expect(file.isTrashed()).toBe(true);
    });
  });

  it('refuses an id it cannot find with DriveApp\'s message, and a conversion Drive cannot do', () => {
    const { ws, g } = workspace([SCOPES.drive]);
    expect(() => ws.execute(() => g.DriveApp.getFileById('no-such-file')))
      .toThrow('No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.');
    const id = ws.execute(() => g.Docs.Documents.create({ title: 'Letter' })).documentId;
    expect(() => ws.execute(() => g.DriveApp.getFileById(id).getAs('text/csv')))
      .toThrow(`Converting from ${DOCUMENT_MIME} to text/csv is not supported.`);
  });

  it('renames a Google Doc everywhere at once', () => {
    const { ws, g } = workspace([SCOPES.drive]);
    const id = ws.execute(() => g.Docs.Documents.create({ title: 'Draft' })).documentId;
    ws.execute(() => g.Drive.Files.update({ name: 'Final' }, id));
    expect(ws.execute(() => g.Docs.Documents.get(id)).title).toBe('Final');
    expect(ws.execute(() => g.DriveApp.getFileById(id).getName())).toBe('Final');
    expect(() => ws.execute(() => g.Drive.Files.update({ parents: ['x'] }, id)))
      .toThrow('The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
  });

  it('fails loudly on anything the local Workspace has not modelled', () => {
    const { ws, g } = workspace();
    expect(() => ws.execute(() => g.Drive.Permissions)).toThrow('Drive.Permissions is not implemented by the local Workspace');
    expect(() => ws.execute(() => g.Docs.Documents.get('x', { fields: 'body' }))).toThrow('docs.documents.get option "fields" is not implemented by the local Workspace');
  });
});
