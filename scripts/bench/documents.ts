// Document benchmarks: service calls per generated document (ledger), documents that fit in one 6-minute execution (modelled cost table), and CPU time to plan 500 merges.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { CALL_COST_MS, EXECUTION_LIMIT_MS, Ledger } from '../../workspace/ledger';
import { DocumentModel } from '../../workspace/docs-model';
import { fillSampleOrganization, loadSampleOrganization } from '../sample/organization';
import { loadDocumentTemplates } from '../templates/documents';
import { templateToRequests } from '../../addon/documents/templateDocs';
import { buildMergeValues } from '../../addon/documents/fields';
import { planMerge, type DocsDocumentJson } from '../../addon/documents/merge';
import type { JobProgress, StartResult, TemplatesAndPeople } from '../../addon/documents/types';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');
const PER_DOCUMENT = ['Drive.Files.copy', 'Docs.Documents.batchUpdate', 'Drive.Files.export', 'Drive.Files.create'];

/** One chunk of contracts (Doc + PDF) for the sample roster: the calls it made, split per document and per chunk. */
function measureChunk(): { documents: number; perDocument: string[]; perChunk: string[] } {
  const sample = loadSampleOrganization();
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
  };
}

if (require.main === module) console.table(benchDocuments());
