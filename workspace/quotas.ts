// Google's per-minute API quotas for the local Workspace: Docs API reads and writes and Drive API queries, counted per user and per project on the modelled wall clock; a call past a quota fails with Google's error.
//
// Sources:
// - Docs API usage limits (developers.google.com/workspace/docs/api/limits): read requests 3,000 a
//   minute per project and 300 a minute per user per project; write requests 600 a minute per
//   project and 60 a minute per user per project. Past a quota the API answers "429: Too many
//   requests"; its message names the metric and limit ("Quota exceeded for quota metric 'Write
//   requests' and limit 'Write requests per minute per user' of service 'docs.googleapis.com'"), as
//   Google's RESOURCE_EXHAUSTED errors do (seen verbatim in public client code handling it).
// - Drive API usage limits (developers.google.com/drive/api/guides/limits): 12,000 queries per 60
//   seconds, and per 60 seconds per user; past it "403: User rate limit exceeded" (reason
//   userRateLimitExceeded, developers.google.com/drive/api/guides/handle-errors). The newer page
//   counts "quota units" without saying how many units a call costs, so one call is one query here.
// - Apps Script reports an advanced-service failure as "API call to <api>.<resource>.<method>
//   failed with error: <message>" (drive.ts apiError).
// Google does not say whether "a minute" is a sliding window or a calendar minute. The model counts
// calendar minutes of the modelled clock: the count does not depend on the order in which
// concurrent executions' calls are interleaved (concurrency.ts runs them round robin).
// Docs and Drive calls made through DocumentApp/DriveApp are Apps Script services with their own
// daily quotas (drive.ts), not these.
import type { Workspace } from './index';

export interface QuotaLimits {
  docsReadsPerUser: number;
  docsReadsPerProject: number;
  docsWritesPerUser: number;
  docsWritesPerProject: number;
  driveQueriesPerUser: number;
  driveQueriesPerProject: number;
}

export const GOOGLE_QUOTAS: QuotaLimits = {
  docsReadsPerUser: 300,
  docsReadsPerProject: 3000,
  docsWritesPerUser: 60,
  docsWritesPerProject: 600,
  driveQueriesPerUser: 12_000,
  driveQueriesPerProject: 12_000,
};

const MINUTE_MS = 60_000;

type Metric = 'docsRead' | 'docsWrite' | 'driveQuery';

function metricOf(method: string): Metric | null {
  if (method === 'Docs.Documents.get') return 'docsRead';
  if (method === 'Docs.Documents.batchUpdate' || method === 'Docs.Documents.create') return 'docsWrite';
  if (method.startsWith('Drive.Files.')) return 'driveQuery';
  return null;
}

/** The REST method an advanced-service call names in its error ("Docs.Documents.batchUpdate" → "docs.documents.batchUpdate"). */
function restName(method: string): string {
  const parts = method.split('.');
  return parts.map((part, i) => (i < parts.length - 1 ? part.toLowerCase() : part)).join('.');
}

export class Quotas {
  /** Limits in force; a test may lower one to see the job back off without thousands of calls. */
  limits: QuotaLimits = { ...GOOGLE_QUOTAS };
  /** metric + user ('' for the project) + minute → calls counted. */
  private readonly used = new Map<string, number>();
  /** The Cloud project number Google names in a quota error. */
  readonly projectNumber: string;

  constructor(private readonly ws: Workspace) {
    this.projectNumber = String(100_000_000_000 + (ws.scriptId.charCodeAt(0) * 7919) % 900_000_000_000);
  }

  /** Counts one call at `atMs` on the modelled clock, or throws the error Google answers past a quota. */
  check(method: string, atMs: number): void {
    const metric = metricOf(method);
    if (!metric) return;
    const minute = Math.floor(atMs / MINUTE_MS);
    const user = this.ws.host.activeUser;
    const [perUser, perProject] = this.limitsOf(metric);
    const userKey = `${metric}\u0000${user}\u0000${minute}`;
    const projectKey = `${metric}\u0000\u0000${minute}`;
    const byUser = this.used.get(userKey) ?? 0;
    const byProject = this.used.get(projectKey) ?? 0;
    if (byUser >= perUser) throw new Error(this.message(method, metric, true));
    if (byProject >= perProject) throw new Error(this.message(method, metric, false));
    this.used.set(userKey, byUser + 1);
    this.used.set(projectKey, byProject + 1);
  }

  private limitsOf(metric: Metric): [number, number] {
    const l = this.limits;
    if (metric === 'docsRead') return [l.docsReadsPerUser, l.docsReadsPerProject];
    if (metric === 'docsWrite') return [l.docsWritesPerUser, l.docsWritesPerProject];
    return [l.driveQueriesPerUser, l.driveQueriesPerProject];
  }

  private message(method: string, metric: Metric, perUser: boolean): string {
    const call = restName(method);
    if (metric === 'driveQuery') return `API call to ${call} failed with error: ${perUser ? 'User Rate Limit Exceeded' : 'Rate Limit Exceeded'}`;
    const name = metric === 'docsRead' ? 'Read requests' : 'Write requests';
    return `API call to ${call} failed with error: Quota exceeded for quota metric '${name}' and limit '${name} per minute${perUser ? ' per user' : ''}' of service 'docs.googleapis.com' for consumer 'project_number:${this.projectNumber}'.`;
  }
}
