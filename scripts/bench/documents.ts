// Document benchmarks: service calls per generated document (ledger), documents a minute with chunks running side by side (the longest execution's modelled time), the public merge pattern beside ours on the same templates and people, and CPU time to plan 500 merges.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { CALL_COST_MS, EXECUTION_LIMIT_MS, Ledger } from '../../workspace/ledger';
import { DocumentModel } from '../../workspace/docs-model';
import { fillSampleOrganization, loadSampleOrganization, type SampleOrganization } from '../sample/organization';
import { loadDocumentTemplates } from '../templates/documents';
import { templateToRequests } from '../../addon/documents/templateDocs';
import { buildMergeValues } from '../../addon/documents/fields';
import { findPlaceholders, planMerge, type DocsDocumentJson } from '../../addon/documents/merge';
import { documentModel } from '../../workspace/drive';
import type { Workspace } from '../../workspace';
import type { JobProgress, StartResult, TemplatesAndPeople } from '../../addon/documents/types';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');
const PER_DOCUMENT = ['Drive.Files.copy', 'Docs.Documents.batchUpdate', 'Drive.Files.export', 'Drive.Files.create'];

/** One chunk of contracts (Doc + PDF) for the sample roster: the calls it made, split per document and per chunk. */
function measureChunk(): { documents: number; perDocument: string[]; perChunk: string[] } {
  const { ws, addon, people } = sampleTracker(loadSampleOrganization());
  const started = addon.callFromClient('startDocumentJob', [
    { templateId: 'employment-contract', staffIds: people, options: { output: 'both', fileNamePattern: '', folderPerSite: false, regenerate: false } },
  ]) as StartResult;
  const mark = ws.ledger.mark();
  const progress = addon.callFromClient('runDocumentJobChunk', [started.progress!.jobId]) as JobProgress;
  const calls = ws.ledger.since(mark);
  return {
    documents: progress.done,
    perDocument: calls.filter((call) => PER_DOCUMENT.includes(call)),
    perChunk: calls.filter((call) => !PER_DOCUMENT.includes(call)),
  };
}

/** The contract template as a Google Doc's JSON, built the way Install document templates writes it. */
function contractJson(): DocsDocumentJson {
  const template = loadDocumentTemplates(join(__dirname, '..', '..', 'templates', 'documents')).find((t) => t.id === 'employment-contract')!;
  const model = new DocumentModel('bench', template.title);
  model.applyBatch(templateToRequests(template));
  return model.toJson() as DocsDocumentJson;
}

function mergeCpuMs(people: number): number {
  const document = contractJson();
  const settings = { 'Organization name': 'Bench Collective', 'Living wage per hour': 27.85, 'Living wage as of': '2025-11-01', 'Coordinator name': 'Sam Lee' };
  const started = performance.now();
  for (let i = 0; i < people; i++) {
    const merge = buildMergeValues({
      staff: { ID: `STAFF-${i}`, 'Full name': `Person ${i}`, Role: 'Peer Worker', Start: '2025-01-06', 'Employment type': 'Casual', 'Hourly wage': 28 + (i % 5), 'Hours per week': 20 },
      site: { Name: 'Harbour Lights', Address: '1 Fictional Way' }, settings, now: new Date('2026-03-16T17:00:00Z'), timeZone: 'America/Vancouver',
    });
    const plan = planMerge(document, merge);
    if (plan.unresolved.length) throw new Error(`Unresolved placeholders: ${plan.unresolved.join(', ')}`);
  }
  return Math.round((performance.now() - started) * 10) / 10;
}

export function benchDocuments(): Record<string, number> {
  const chunk = measureChunk();
  const perDocumentMs = Ledger.costOf(chunk.perDocument) / chunk.documents;
  const perChunkMs = Ledger.costOf(chunk.perChunk);
  const docOnlyMs = (CALL_COST_MS['Drive.Files.copy'] ?? 0) + (CALL_COST_MS['Docs.Documents.batchUpdate'] ?? 0);
  return {
    'documents.calls_per_document': chunk.perDocument.length / chunk.documents,
    'documents.calls_per_chunk': chunk.perChunk.length,
    'documents.modelled_per_execution': Math.floor((EXECUTION_LIMIT_MS - perChunkMs) / perDocumentMs),
    'documents.modelled_per_execution_doc_only': Math.floor((EXECUTION_LIMIT_MS - perChunkMs) / docOnlyMs),
    'documents.merge_cpu_ms.500': mergeCpuMs(500),
    ...benchDocumentsSideBySide(),
  };
}

/** People in the side-by-side: the sample roster and more of the same, so a run spans more than a minute of Docs writes. */
const ROSTER = 60;
const TEMPLATE = 'employment-contract';

/** The sample organization with its Staff repeated (new IDs, names and emails) up to `size` people. */
function biggerRoster(sample: SampleOrganization, size: number): SampleOrganization {
  const staff = sample.tabs.Staff;
  const more = Array.from({ length: Math.max(0, size - staff.length) }, (_, i) => {
    const like = staff[i % staff.length];
    const n = staff.length + i + 1;
    return { ...like, ID: `STAFF-${String(n).padStart(4, '0')}`, 'Full name': `${String(like['Full name'])} ${n}`, 'Contract status': '' };
  });
  const pay = sample.tabs['Staff pay and contacts'] ?? [];
  const morePay = more.map((person, i) => ({ ...pay[i % pay.length], 'Staff ID': `${String(person.ID)} · ${String(person['Full name'])}`, Email: `person${staff.length + i + 1}@example.org` }));
  return { ...sample, tabs: { ...sample.tabs, Staff: [...staff, ...more], 'Staff pay and contacts': [...pay, ...morePay] } };
}

interface Bench {
  ws: Workspace;
  addon: AddOn;
  people: string[];
}

function benchTrackerFor(size: number): Bench {
  return sampleTracker(biggerRoster(loadSampleOrganization(), size));
}

/** A set-up tracker for a sample roster, its templates installed, and its people's staff IDs. */
function sampleTracker(sample: ReturnType<typeof loadSampleOrganization>): Bench {
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const everyScope = ws.scopes;
  const addon = AddOn.load(ws, CODE);
  const id = ws.createSpreadsheet('Bench tracker');
  ws.openInSheets(id);
  addon.call('setupTracker');
  // The sample is typed in by a person, whom the add-on's manifest does not limit.
  const manifest = ws.scopes;
  ws.scopes = everyScope;
  fillSampleOrganization(ws, id, sample);
  ws.scopes = manifest;
  addon.call('installDocumentTemplates');
  const people = (addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople).people.map((p) => p.staffId);
  return { ws, addon, people };
}

function contractsIn(ws: Workspace, suffix: string): number {
  return [...ws.host.files.values()].filter((f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.endsWith(suffix)).length;
}

/**
 * Ours: the sidebar's lanes, each a chunk in its own execution, all at once (ws.runConcurrently),
 * round after round until the job is done. Wall time is the modelled wall clock (the longest
 * execution of each round), so documents a minute = documents / that time. The Workspace enforces
 * the Docs and Drive per-minute quotas (workspace/quotas.ts): a run past them meets Google's 429.
 */
function ours(bench: Bench): { documents: number; wallMs: number; lanes: number; retries: number } {
  const { ws, addon, people } = bench;
  const started = addon.callFromClient('startDocumentJob', [
    { templateId: TEMPLATE, staffIds: people, options: { output: 'both', fileNamePattern: '', folderPerSite: false, regenerate: false } },
  ]) as StartResult;
  const jobId = started.progress!.jobId;
  const lanes = started.progress!.lanes ?? 1;
  const wallFrom = ws.ledger.wallMs;
  const mark = ws.ledger.mark();
  let progress = started.progress!;
  for (let round = 0; round < 20 && progress.state === 'running'; round++) {
    const results = ws.runConcurrently(Array.from({ length: lanes }, () => ({ functionName: 'runDocumentJobChunk', args: [jobId, lanes] })));
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`A document chunk failed: ${failed.error}`);
    progress = results.map((r) => r.value as JobProgress).sort((a, b) => b.finished - a.finished)[0];
  }
  if (progress.state !== 'done' || progress.done !== people.length) throw new Error(`The job ended ${progress.state} with ${progress.done} of ${people.length} made.`);
  const made = contractsIn(ws, ' - Employment contract');
  if (made !== people.length) throw new Error(`${made} contracts for ${people.length} people: a duplicate or a gap.`);
  const updates = ws.ledger.since(mark).filter((c) => c === 'Docs.Documents.batchUpdate').length;
  return { documents: progress.done, wallMs: ws.ledger.wallMs - wallFrom, lanes, retries: updates - progress.done };
}

/**
 * The merge pattern most public scripts use, on the same template and people: per person, copy
 * the template (DriveApp makeCopy), open it (DocumentApp.openById), body.replaceText once per
 * field, saveAndClose, getAs PDF, createFile; one execution after another. It needs the drive
 * scope (DriveApp), which a script of that kind declares.
 */
function naive(bench: Bench): { documents: number; wallMs: number; calls: number } {
  const { ws, people } = bench;
  const globals = ws.globals() as unknown as {
    DriveApp: GoogleAppsScript.Drive.DriveApp; DocumentApp: GoogleAppsScript.Document.DocumentApp; SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  };
  const choices = bench.addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople;
  const templateId = /\/d\/([\w-]+)/.exec(choices.templates.find((t) => t.id === TEMPLATE)!.link)![1];
  const merges = mergeValuesFor(bench);
  const fields = [...new Set(findPlaceholders(JSON.stringify(documentModel(ws, templateId).toJson())).filter((p) => p.kind === 'field').map((p) => p.name))];
  const scopes = ws.scopes;
  ws.scopes = null;
  const wallFrom = ws.ledger.wallMs;
  const mark = ws.ledger.mark();
  try {
    const folderId = ws.host.files.get(templateId)!.parents[0];
    let next = 0;
    while (next < people.length) {
      // A public script's loop runs until Apps Script's 6-minute limit; then it is run again.
      ws.execute(() => {
        const folder = globals.DriveApp.getFolderById(folderId);
        for (; next < people.length; next++) {
          if (ws.ledger.elapsedMs > EXECUTION_LIMIT_MS - 15_000) return;
          const values = merges.get(people[next])!;
          const copy = globals.DriveApp.getFileById(templateId).makeCopy(`${values['Full name']} - Naive contract`, folder);
          const doc = globals.DocumentApp.openById(copy.getId());
          const body = doc.getBody();
          for (const field of fields) body.replaceText(`{{${field}}}`, values[field] ?? '');
          doc.saveAndClose();
          folder.createFile(doc.getAs('application/pdf'));
        }
      });
    }
  } finally {
    ws.scopes = scopes;
  }
  return { documents: people.length, wallMs: ws.ledger.wallMs - wallFrom, calls: ws.ledger.since(mark).length };
}

/** Each person's merge values as ROSE Tracker computes them, so both patterns fill the same text. */
function mergeValuesFor(bench: Bench): Map<string, Record<string, string>> {
  const sample = biggerRoster(loadSampleOrganization(), bench.people.length);
  const sites = new Map(sample.tabs.Sites.map((site) => [String(site.ID), site]));
  const values = new Map<string, Record<string, string>>();
  const pay = new Map((sample.tabs['Staff pay and contacts'] ?? []).map((row) => [String(row['Staff ID']).split(' · ')[0], row]));
  for (const person of sample.tabs.Staff) {
    const site = sites.get(String(person.Site).split(' · ')[0]);
    // The person's record as documents merge it: their Staff row and their pay and contacts.
    const own = pay.get(String(person.ID)) ?? {};
    const staff = { ...person, Email: own.Email ?? '', Phone: own.Phone ?? '', 'Hourly wage': own['Hourly wage'] ?? '', 'Hours per week': own['Hours per week'] ?? '' };
    const merge = buildMergeValues({ staff, site, settings: sample.settings, now: new Date(`${sample.today}T17:00:00Z`), timeZone: 'America/Vancouver' });
    values.set(String(person.ID), merge.values);
  }
  return values;
}

/** Documents a minute, side by side: ours in parallel lanes within Google's quotas, and the public merge pattern. */
export function benchDocumentsSideBySide(): Record<string, number> {
  const bench = benchTrackerFor(ROSTER);
  const fast = ours(bench);
  const slow = naive(bench);
  const perMinute = (documents: number, ms: number): number => Math.round((documents / ms) * 60_000 * 10) / 10;
  const oursPerMinute = perMinute(fast.documents, fast.wallMs);
  const naivePerMinute = perMinute(slow.documents, slow.wallMs);
  return {
    'documents.per_minute': oursPerMinute,
    'documents.lanes': fast.lanes,
    'documents.rate_limit_retries': fast.retries,
    'documents.naive.calls_per_document': Math.round((slow.calls / slow.documents) * 10) / 10,
    'documents.naive.per_minute': naivePerMinute,
    'documents.speedup': Math.round((oursPerMinute / naivePerMinute) * 10) / 10,
  };
}

if (require.main === module) console.table(benchDocuments());
