// Documents end to end on the built bundle: installing templates, checking placeholders, generating for one person or a site, call bounds, no duplicates, faults and the daily quota.
import { documentModel, documentsCreatedToday, grantFileToApp, putFileInDrive } from '../../workspace/drive';
import { tabRecords } from '../support/tracker';
import { byHand, choices, docText, documentsLog, drive, driveIdOf, request, sampleTracker, start, staffIdsWhere } from './support';
import type { Harness } from '../support/addon';
import type { JobProgress, StartResult } from '../../addon/documents/types';

const DOC_CALLS = ['Drive.Files.copy', 'Docs.Documents.batchUpdate', 'Drive.Files.export', 'Drive.Files.create'];

function docsNamed(h: Harness, text: string): string[] {
  return [...h.ws.host.files.values()].filter((f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.includes(text)).map((f) => f.id);
}

function staff(h: Harness, id: string): Record<string, unknown> {
  return byHand(h, () => tabRecords(h, 'Staff')).find((row) => row.ID === id) ?? {};
}

function generate(h: Harness, templateId: string, staffIds: string[], options: Parameters<typeof request>[2] = {}): JobProgress {
  const started = start(h, request(templateId, staffIds, options));
  expect(started.message).toBe('');
  return drive(h, started.progress!.jobId);
}

describe('installing document templates', () => {
  test('installs every built-in template as a Google Doc in a new folder whose link goes into Settings', () => {
    const h = sampleTracker();
    const templates = choices(h).templates;
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(['employment-contract', 'reference-letter', 'job-description-peer-worker']));
    const folderSetting = String(byHand(h, () => tabRecords(h, 'Settings')).find((row) => row.Setting === 'Documents folder')?.Value);
    expect(folderSetting).toMatch(/^https:\/\/drive\.google\.com\/drive\/folders\//);
    const contract = documentModel(h.ws, driveIdOf(templates.find((t) => t.id === 'employment-contract')!.link));
    expect(JSON.stringify(contract.toJson())).toContain('{{Full name}}');
    expect(h.ws.host.files.get(driveIdOf(templates[0].link))!.parents).toEqual([driveIdOf(folderSetting.replace('/folders/', '/d/'))]);
  });

  test('installing again keeps a template the coordinator edited and adds nothing', () => {
    const h = sampleTracker();
    const before = choices(h).templates;
    const contractId = driveIdOf(before.find((t) => t.id === 'employment-contract')!.link);
    documentModel(h.ws, contractId).applyBatch([{ insertText: { location: { index: 1 }, text: 'Our own opening words. ' } }]);
    const files = h.ws.host.files.size;
    h.addon.call('installDocumentTemplates');
    expect(h.ws.host.files.size).toBe(files);
    expect(choices(h).templates).toEqual(before);
    expect(JSON.stringify(documentModel(h.ws, contractId).toJson())).toContain('Our own opening words.');
  });

  test('a template whose Doc was deleted is installed again', () => {
    const h = sampleTracker();
    const letter = choices(h).templates.find((t) => t.id === 'reference-letter')!;
    h.ws.host.files.delete(driveIdOf(letter.link));
    h.addon.call('installDocumentTemplates');
    const again = choices(h).templates.find((t) => t.id === 'reference-letter')!;
    expect(again.link).not.toBe(letter.link);
    expect(h.ws.host.files.has(driveIdOf(again.link))).toBe(true);
  });
});

describe('checking placeholders before generating', () => {
  test('a registered Doc with a misspelled field is reported with a suggestion and nothing is made', () => {
    const h = sampleTracker();
    const own = putFileInDrive(h.ws, { name: 'Our welcome letter', text: 'Welcome {{Full nme}}, you start on {{Start}}.' });
    grantFileToApp(h.ws, own.id); // the coordinator picked it for ROSE Tracker
    h.ws.host.uiAnswers.push({ button: 'OK', text: `https://docs.google.com/document/d/${own.id}/edit` });
    const registered = h.addon.call<{ ok: boolean; problems: { suggestion: string; message: string }[] }>('registerDocumentTemplate');
    expect(registered.ok).toBe(false);
    expect(registered.problems[0]).toMatchObject({ suggestion: 'Full name' });
    expect(registered.problems[0].message).toContain('did you mean {{Full name}}');
    const template = choices(h).templates.find((t) => t.name === 'Our welcome letter')!;
    const docs = h.ws.host.files.size;
    const started = h.addon.callFromClient('startDocumentJob', [request(template.id, ['STAFF-0001'])]) as StartResult;
    expect(started.ok).toBe(false);
    expect(started.problems.map((p) => p.suggestion)).toEqual(['Full name']);
    expect(h.ws.host.files.size).toBe(docs);
    expect(documentsLog(h)).toHaveLength(0);
  });

  test('an unknown field in the file-name pattern is refused the same way', () => {
    const h = sampleTracker();
    const started = start(h, request('employment-contract', ['STAFF-0001'], { fileNamePattern: '{{Ful name}} contract' }));
    expect(started.ok).toBe(false);
    expect(started.problems[0].suggestion).toBe('Full name');
  });
});

describe('generating documents', () => {
  test('one contract: a filled Doc with no placeholder left, a Done row in the log, and the contract marked Drafted', () => {
    const h = sampleTracker();
    const progress = generate(h, 'employment-contract', ['STAFF-0004']);
    expect(progress).toMatchObject({ state: 'done', total: 1, done: 1, failed: 0 });
    const [row] = documentsLog(h);
    expect(row).toMatchObject({ ID: 'DOC-0001', Template: 'employment-contract · Employment contract', Status: 'Done', Error: '', 'Created by': 'coordinator@example.org' });
    expect(String(row.Staff)).toBe('STAFF-0004 · Dana Kowalski');
    const text = docText(h, String(row.Link));
    expect(text).not.toContain('{{');
    expect(text).toContain('Dana Kowalski');
    expect(text).toContain('Harbour Lights Peer Collective');
    expect(h.ws.host.files.get(driveIdOf(String(row.Link)))!.name).toBe('Dana Kowalski - Employment contract');
    expect(staff(h, 'STAFF-0004')['Contract status']).toBe('Drafted');
    expect(staff(h, 'STAFF-0001')['Contract status']).toBe('Signed');
  });

  test('job descriptions for a whole site, as Doc and PDF in a folder per site, with the Staff links filled in', () => {
    const h = sampleTracker();
    const cedarPeerWorkers = staffIdsWhere(h, (p) => p.siteId === 'SITE-0002' && p.role === 'Peer Worker');
    expect(cedarPeerWorkers.length).toBe(3);
    const progress = generate(h, 'job-description-peer-worker', cedarPeerWorkers, { output: 'both', folderPerSite: true });
    expect(progress).toMatchObject({ state: 'done', done: 3 });
    const rows = documentsLog(h);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const doc = h.ws.host.files.get(driveIdOf(String(row.Link)))!;
      const pdf = h.ws.host.files.get(driveIdOf(String(row['PDF link'])))!;
      expect(pdf.mimeType).toBe('application/pdf');
      expect((pdf.content as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(h.ws.host.files.get(doc.parents[0])!.name).toBe('Cedar House');
      expect(docText(h, String(row.Link))).not.toContain('{{');
      expect(staff(h, String(row.Staff).slice(0, 10))['Job description link']).toBe(row.Link);
    }
  });

  test('at most 4 service calls per document, and a fixed number per chunk whatever its size', () => {
    const overhead = (people: number): { perDocument: number; rest: number } => {
      const h = sampleTracker();
      const ids = choices(h).people.slice(0, people).map((p) => p.staffId);
      const started = start(h, request('employment-contract', ids, { output: 'both' }));
      const mark = h.ws.ledger.mark();
      const progress = h.addon.callFromClient('runDocumentJobChunk', [started.progress!.jobId]) as JobProgress;
      expect(progress.done).toBe(people);
      const calls = h.ws.ledger.since(mark);
      const perDocument = calls.filter((c) => DOC_CALLS.includes(c)).length;
      return { perDocument, rest: calls.length - perDocument };
    };
    const small = overhead(2);
    const large = overhead(12);
    expect(small.perDocument).toBe(2 * 4);
    expect(large.perDocument).toBe(12 * 4);
    // The same reads and writes per chunk; only the two Staff columns are written when a contract status changes.
    expect(large.rest - small.rest).toBeLessThanOrEqual(4);
    expect(small.rest).toBeLessThan(60);
  });

  test('the same person and template is never generated twice unless Regenerate is chosen', () => {
    const h = sampleTracker();
    const ids = ['STAFF-0002', 'STAFF-0003'];
    generate(h, 'reference-letter', ids);
    const again = generate(h, 'reference-letter', ids);
    expect(again).toMatchObject({ done: 0, skipped: 2 });
    expect(again.results[0].error).toContain('Regenerate');
    expect(docsNamed(h, ' - Reference letter').length).toBe(2);
    const fresh = generate(h, 'reference-letter', ids, { regenerate: true });
    expect(fresh).toMatchObject({ done: 2, skipped: 0 });
    expect(docsNamed(h, ' - Reference letter').length).toBe(4);
    expect(documentsLog(h).filter((row) => row.Status === 'Done')).toHaveLength(4);
  });
});

describe('faults: a clear message per person, the rest continue, nothing half-made marked done', () => {
  test('a failed fill leaves that person Failed; running again finishes the same document without a duplicate', () => {
    const h = sampleTracker();
    const ids = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003'];
    h.ws.ledger.failOn('Docs.Documents.batchUpdate', { nth: 2, error: 'API call to docs.documents.batchUpdate failed with error: Internal error encountered.' });
    const first = generate(h, 'employment-contract', ids);
    expect(first).toMatchObject({ done: 2, failed: 1 });
    const failed = documentsLog(h).find((row) => row.Status === 'Failed')!;
    expect(failed.Error).toContain('Internal error encountered');
    expect(failed.Error).toContain('not marked done');
    expect(docText(h, String(failed.Link))).toContain('{{');
    const second = generate(h, 'employment-contract', ids);
    expect(second).toMatchObject({ done: 1, skipped: 2 });
    const rows = documentsLog(h);
    expect(rows.filter((row) => row.Status === 'Done')).toHaveLength(3);
    expect(rows).toHaveLength(3);
    expect(docText(h, String(failed.Link))).not.toContain('{{');
    expect(docsNamed(h, 'Bea Thunderchild').length).toBe(1);
  });

  test('names holding {{…}} are printed as written, and a fault after the fill does not fail them on every rerun', () => {
    const h = sampleTracker();
    const names: Record<string, string> = { 'STAFF-0001': 'Sam {{Hourly wage}}', 'STAFF-0002': 'Bea {{Nope}}', 'STAFF-0003': 'Cy {{#if x}} }}{{' };
    byHand(h, () => {
      const ss = (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(h.spreadsheetId);
      const sheet = ss.getSheetByName('Staff')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      h.ws.execute(() => Object.values(names).forEach((name, i) => {
        sheet.getRange(2 + i, header.indexOf('Full name') + 1).setValue(name);
        sheet.getRange(2 + i, header.indexOf('Preferred name') + 1).setValue(''); // so {{Display name}} is the name too
      }));
    });
    const ids = Object.keys(names);
    // The second PDF fails: Bea's document is already filled when the error comes.
    h.ws.ledger.failOn('Drive.Files.export', { nth: 2, error: 'API call to drive.files.export failed with error: Backend Error' });
    const first = generate(h, 'employment-contract', ids, { output: 'both', fileNamePattern: '{{Full name}} at {{Hourly wage}}' });
    expect(first).toMatchObject({ done: 2, failed: 1 });
    const second = generate(h, 'employment-contract', ids, { output: 'both', fileNamePattern: '{{Full name}} at {{Hourly wage}}' });
    expect(second).toMatchObject({ done: 1, failed: 0, skipped: 2 });

    const body = (link: string): string => documentModel(h.ws, driveIdOf(link)).plainText();
    const template = body(choices(h).templates.find((t) => t.id === 'employment-contract')!.link);
    const perTemplate = template.split('{{Full name}}').length + template.split('{{Display name}}').length - 2;
    const rows = documentsLog(h);
    expect(rows.map((row) => row.Status)).toEqual(['Done', 'Done', 'Done']);
    for (const row of rows) {
      const name = names[String(row.Staff).slice(0, 10)];
      const text = body(String(row.Link));
      expect(text.split(name).length - 1).toBe(perTemplate);
      expect(text).not.toContain('{{Full name}}');
      expect(h.ws.host.files.get(driveIdOf(String(row.Link)))!.name).toMatch(new RegExp(`^${name.replace(/[{}$|#]/g, '\\$&')} at \\$\\d`));
      expect(h.ws.host.files.get(driveIdOf(String(row['PDF link'])))?.mimeType).toBe('application/pdf');
    }
  });

  test('a Drive error on one copy fails that person only', () => {
    const h = sampleTracker();
    h.ws.ledger.failOn('Drive.Files.copy', { nth: 1, error: 'API call to drive.files.copy failed with error: Backend Error' });
    const progress = generate(h, 'employment-contract', ['STAFF-0001', 'STAFF-0002']);
    expect(progress).toMatchObject({ done: 1, failed: 1 });
    expect(progress.results[0].error).toContain('Backend Error');
  });

  test('a person missing what the template needs is told exactly what to fill in', () => {
    const h = sampleTracker();
    byHand(h, () => {
      const ss = (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(h.spreadsheetId);
      const sheet = ss.getSheetByName('Staff')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      h.ws.execute(() => {
        sheet.getRange(3, header.indexOf('Start') + 1).setValue('');
        sheet.getRange(3, header.indexOf('Hourly wage') + 1).setValue('');
      });
    });
    const progress = generate(h, 'employment-contract', ['STAFF-0001', 'STAFF-0002', 'STAFF-0003']);
    expect(progress).toMatchObject({ done: 2, failed: 1 });
    const bea = progress.results.find((r) => r.staffId === 'STAFF-0002')!;
    expect(bea.error).toBe('Start, Hourly wage are blank for Bea Thunderchild (Staff tab, row 3). Fill them in and generate again.');
    expect(docsNamed(h, 'Bea Thunderchild')).toHaveLength(0);
  });

  test('a template deleted after the job started fails everyone left with a message, in one write', () => {
    const h = sampleTracker();
    const started = start(h, request('reference-letter', ['STAFF-0001', 'STAFF-0002']));
    h.ws.host.files.delete(driveIdOf(choices(h).templates.find((t) => t.id === 'reference-letter')!.link));
    const progress = drive(h, started.progress!.jobId);
    expect(progress).toMatchObject({ state: 'done', failed: 2 });
    expect(progress.message).toContain('cannot open the template "Reference letter"');
    expect(documentsLog(h).every((row) => row.Status === 'Failed')).toBe(true);
  });

  test('an execution cut off mid-document leaves In progress rows that the next run completes without duplicates', () => {
    const h = sampleTracker();
    const ids = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005'];
    const started = start(h, request('employment-contract', ids));
    // Enough modelled time for the chunk's reads and about two and a half documents.
    expect(() => h.addon.callFromClient('runDocumentJobChunk', [started.progress!.jobId], { timeLimitMs: 16_000 })).toThrow('Exceeded maximum execution time');
    const cut = documentsLog(h);
    expect(cut).toHaveLength(5);
    expect(cut.every((row) => row.Status === 'In progress' && String(row.Link).startsWith('https://docs.google.com/'))).toBe(true);
    const made = docsNamed(h, 'Employment contract').length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(5);
    // While the cut-off run could still be alive its claims stand: nobody else touches those people.
    const waiting = h.addon.callFromClient('runDocumentJobChunk', [started.progress!.jobId]) as JobProgress;
    expect(waiting).toMatchObject({ state: 'running', handed: 0, done: 0 });
    expect(docsNamed(h, 'Employment contract')).toHaveLength(made);
    // Apps Script stops every execution at 6 minutes: after that the next run finishes what it left.
    h.ws.host.advance(6 * 60 * 1000);
    const progress = drive(h, started.progress!.jobId);
    expect(progress).toMatchObject({ state: 'done', done: 5 });
    const rows = documentsLog(h);
    expect(rows.map((row) => row.Link)).toEqual(cut.map((row) => row.Link));
    for (const row of rows) expect(docText(h, String(row.Link))).not.toContain('{{');
    expect(docsNamed(h, ' - Employment contract')).toHaveLength(5);
  });

  test('when the daily documents quota runs out the job says so, keeps its place and finishes the next day', () => {
    const h = sampleTracker({ documentsCreatedPerDay: 9 });
    const ids = choices(h).people.slice(0, 6).map((p) => p.staffId);
    expect(documentsCreatedToday(h.ws)).toBe(6); // the installed templates
    const started = start(h, request('employment-contract', ids));
    const paused = drive(h, started.progress!.jobId);
    expect(paused).toMatchObject({ state: 'paused', done: 3 });
    expect(paused.message).toContain('continues on 2026-03-17');
    const mark = h.ws.ledger.mark();
    const sameDay = h.addon.callFromClient('runDocumentJobChunk', [started.progress!.jobId]) as JobProgress;
    expect(sameDay).toMatchObject({ state: 'paused', done: 3 });
    expect(h.ws.ledger.since(mark)).not.toContain('Drive.Files.copy');
    expect(h.addon.callFromClient('listTemplatesAndPeople', [])).toMatchObject({ unfinished: [{ jobId: started.progress!.jobId, state: 'paused' }] });

    h.ws.host.setNow('2026-03-17T17:00:00Z');
    const finished = drive(h, started.progress!.jobId);
    expect(finished).toMatchObject({ state: 'done', done: 6, failed: 0 });
    expect(documentsLog(h).filter((row) => row.Status === 'Done')).toHaveLength(6);
    expect(docsNamed(h, ' - Employment contract')).toHaveLength(6);
  });
});
