// Shared set-up for the document tests: a tracker with the sample organization, templates installed, and helpers to run jobs as the sidebar does.
import { openAddon, type Harness } from '../support/addon';
import { fillSampleOrganization, loadSampleOrganization } from '../../scripts/sample/organization';
import { tabRecords } from '../support/tracker';
import { documentModel } from '../../workspace/drive';
import type { JobProgress, JobRequest, StartResult, TemplatesAndPeople } from '../../addon/documents/types';

export const COORDINATOR = 'coordinator@example.org';

/** A set-up tracker for the fictional sample organization, opened by its coordinator. */
export function sampleTracker(options: { documentsCreatedPerDay?: number; install?: boolean } = {}): Harness {
  const sample = loadSampleOrganization();
  const h = openAddon({ user: COORDINATOR, now: `${sample.today}T17:00:00Z`, documentsCreatedPerDay: options.documentsCreatedPerDay });
  h.addon.call('setupTracker');
  byHand(h, () => fillSampleOrganization(h.ws, h.spreadsheetId, sample));
  if (options.install !== false) h.addon.call('installDocumentTemplates');
  return h;
}

/** What a person does in the Sheet themselves: the add-on's manifest scopes do not limit them. */
export function byHand<T>(h: Harness, run: () => T): T {
  const scopes = h.ws.scopes;
  h.ws.scopes = null;
  try {
    return run();
  } finally {
    h.ws.scopes = scopes;
  }
}

export function choices(h: Harness): TemplatesAndPeople {
  return h.addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople;
}

export function staffIdsWhere(h: Harness, test: (person: TemplatesAndPeople['people'][number]) => boolean): string[] {
  return choices(h).people.filter(test).map((person) => person.staffId);
}

export function request(templateId: string, staffIds: string[], options: Partial<JobRequest['options']> = {}): JobRequest {
  return { templateId, staffIds, options: { output: 'doc', fileNamePattern: '', folderPerSite: false, regenerate: false, ...options } };
}

export function start(h: Harness, job: JobRequest): StartResult {
  return h.addon.callFromClient('startDocumentJob', [job]) as StartResult;
}

/** Drives a job chunk by chunk, as the sidebar does, until it stops running (or `maxChunks`). */
export function drive(h: Harness, jobId: string, maxChunks = 100): JobProgress {
  let progress = h.addon.callFromClient('runDocumentJobChunk', [jobId]) as JobProgress;
  for (let i = 1; i < maxChunks && progress.state === 'running'; i++) progress = h.addon.callFromClient('runDocumentJobChunk', [jobId]) as JobProgress;
  return progress;
}

export function documentsLog(h: Harness): Record<string, unknown>[] {
  return byHand(h, () => tabRecords(h, 'Documents'));
}

/** The text of a generated Google Doc (body, table cells and all). */
export function docText(h: Harness, link: string): string {
  const id = /\/d\/([\w-]+)/.exec(link)?.[1] ?? '';
  return JSON.stringify(documentModel(h.ws, id).toJson());
}

export function driveIdOf(link: string): string {
  return /\/d\/([\w-]+)/.exec(link)?.[1] ?? '';
}
