// The local Workspace's per-minute API quotas, shared drives and parallel wall time, as Google documents them (sources in workspace/quotas.ts, drive.ts, concurrency.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { createSharedDrive } from '../../workspace/drive';
import { GOOGLE_QUOTAS } from '../../workspace/quotas';
import type { DocumentJson } from '../../workspace/docs-model';

interface Services {
  Drive: { Files: { get(id: string, options?: object): { id?: string }; copy(resource: object, id: string, options?: object): { id?: string }; create(resource: object, media?: unknown, options?: object): { id?: string }; export(id: string, mime: string, options?: object): unknown } };
  Docs: { Documents: { create(resource: object): DocumentJson; get(id: string): DocumentJson; batchUpdate(resource: object, id: string): unknown } };
}

function services(ws: Workspace): Services {
  return ws.globals() as unknown as Services;
}

const WRITE = { requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] };

describe('Docs API per-minute quotas', () => {
  test("Google's figures: 60 writes and 300 reads a minute per user, 600 and 3,000 per project", () => {
    expect(GOOGLE_QUOTAS).toMatchObject({ docsWritesPerUser: 60, docsReadsPerUser: 300, docsWritesPerProject: 600, docsReadsPerProject: 3000 });
    expect(createWorkspace().quotas.limits).toEqual(GOOGLE_QUOTAS);
  });

  test('a write past the per-minute quota answers the 429 quota error; reads go on; the next minute writes again', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    // Each batchUpdate takes 1.5 s modelled, so one execution alone makes at most 40 a minute: a lower limit shows the edge.
    ws.quotas.limits.docsWritesPerUser = 10;
    const { Docs } = services(ws);
    const id = ws.execute(() => Docs.Documents.create({ title: 'Letter' }).documentId);
    ws.execute(() => {
      // create was write 1; 9 more fill the minute.
      for (let i = 0; i < 9; i++) Docs.Documents.batchUpdate(WRITE, id);
      expect(() => Docs.Documents.batchUpdate(WRITE, id)).toThrow(
        /^API call to docs\.documents\.batchUpdate failed with error: Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'docs\.googleapis\.com' for consumer 'project_number:\d+'\.$/,
      );
      expect(Docs.Documents.get(id).documentId).toBe(id);
      (ws.globals() as { Utilities: GoogleAppsScript.Utilities.Utilities }).Utilities.sleep(60_000);
      Docs.Documents.batchUpdate(WRITE, id);
    });
  });

  test('the quota is per user: another person writes in the same minute', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    ws.quotas.limits.docsWritesPerUser = 2;
    const { Docs } = services(ws);
    const id = ws.execute(() => Docs.Documents.create({ title: 'Letter' }).documentId);
    ws.share(id, 'second@example.org');
    ws.execute(() => {
      Docs.Documents.batchUpdate(WRITE, id);
      expect(() => Docs.Documents.batchUpdate(WRITE, id)).toThrow(/Write requests per minute per user/);
    });
    ws.execute(() => Docs.Documents.batchUpdate(WRITE, id), { user: 'second@example.org' });
  });

  test('executions one after another move the modelled clock on, so a long run spreads its writes over minutes', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    ws.quotas.limits.docsWritesPerUser = 1;
    const { Docs } = services(ws);
    const id = ws.execute(() => Docs.Documents.create({ title: 'Letter' }).documentId);
    expect(() => ws.execute(() => Docs.Documents.batchUpdate(WRITE, id))).toThrow(/Write requests per minute per user/);
    const before = ws.ledger.wallMs;
    ws.execute(() => (ws.globals() as { Utilities: GoogleAppsScript.Utilities.Utilities }).Utilities.sleep(61_000));
    expect(ws.ledger.wallMs - before).toBe(61_000);
    ws.execute(() => Docs.Documents.batchUpdate(WRITE, id));
  });
});

describe('Drive API per-minute quota', () => {
  test("past the queries a user may make in 60 seconds Drive answers 403 User Rate Limit Exceeded", () => {
    expect(GOOGLE_QUOTAS.driveQueriesPerUser).toBe(12_000);
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    ws.quotas.limits.driveQueriesPerUser = 3;
    const { Drive } = services(ws);
    ws.execute(() => {
      const file = Drive.Files.create({ name: 'a.txt', mimeType: 'text/plain' }, null);
      Drive.Files.get(file.id!);
      Drive.Files.get(file.id!);
      expect(() => Drive.Files.get(file.id!)).toThrow('API call to drive.files.get failed with error: User Rate Limit Exceeded');
    });
  });
});

describe('shared drives', () => {
  test('a file in a shared drive is "not found" to Drive calls without supportsAllDrives, found with it; export needs no flag', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    const { Drive, Docs } = services(ws);
    const driveId = createSharedDrive(ws, 'Team', ['coordinator@example.org']);
    const docId = ws.execute(() => Docs.Documents.create({ title: 'Letter' }).documentId);
    ws.execute(() => {
      expect(() => Drive.Files.create({ name: 'a.txt', mimeType: 'text/plain', parents: [driveId] }, null)).toThrow(`API call to drive.files.create failed with error: File not found: ${driveId}.`);
      const copy = Drive.Files.copy({ name: 'Copy', parents: [driveId] }, docId, { supportsAllDrives: true });
      expect(() => Drive.Files.get(copy.id!)).toThrow(`API call to drive.files.get failed with error: File not found: ${copy.id!}.`);
      expect(() => Drive.Files.copy({ name: 'Again' }, copy.id!)).toThrow(/File not found/);
      expect(Drive.Files.get(copy.id!, { supportsAllDrives: true }).id).toBe(copy.id);
      expect(Drive.Files.export(copy.id!, 'application/pdf', { alt: 'media' })).toBeTruthy();
    });
  });
});

describe('DocumentApp body text, as public merge scripts use it', () => {
  test('Body.replaceText replaces every literal match; a regular expression beyond literal text fails loudly', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    const { Docs } = services(ws);
    const DocumentApp = (ws.globals() as { DocumentApp: GoogleAppsScript.Document.DocumentApp }).DocumentApp;
    const id = ws.execute(() => Docs.Documents.create({ title: 'Letter' }).documentId);
    ws.execute(() => {
      Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'Dear {{Full name}}, welcome. {{Full name}} starts Monday.' } }] }, id);
      const body = DocumentApp.openById(id).getBody();
      body.replaceText('{{Full name}}', 'Sam Lee');
      expect(JSON.stringify(Docs.Documents.get(id))).toContain('Dear Sam Lee, welcome. Sam Lee starts Monday.');
      expect(() => body.replaceText('{{.*}}', 'x')).toThrow('Body.replaceText with the pattern "{{.*}}" is not implemented by the local Workspace');
    });
  });
});

describe('executions at the same time', () => {
  const SCRIPT = `
function slow() { Utilities.sleep(20000); return 'slow'; }
function quick() { Utilities.sleep(5000); return 'quick'; }
`;
  test('the modelled wall clock moves on by the longest of them, not their sum', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rose-quotas-'));
    writeFileSync(join(dir, 'Code.js'), SCRIPT);
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    AddOn.load(ws, join(dir, 'Code.js'));
    const before = ws.ledger.wallMs;
    const results = ws.runConcurrently([{ functionName: 'slow' }, { functionName: 'quick' }, { functionName: 'quick' }]);
    expect(results.map((r) => r.value)).toEqual(['slow', 'quick', 'quick']);
    expect(results.map((r) => r.elapsedMs)).toEqual([20_000, 5_000, 5_000]);
    expect(ws.ledger.wallMs - before).toBe(20_000);
  });
});
