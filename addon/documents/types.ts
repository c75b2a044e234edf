// Plain values that cross between the Generate documents sidebar and the server (google.script.run: no Dates, JSON only).
import type { TemplateKind } from './templateDocs';
import type { MergedParagraph } from './merge';

export type DocumentOutput = 'doc' | 'pdf' | 'both';

/** One template the coordinator can choose, as the registry knows it. */
export interface TemplateChoice {
  id: string;
  name: string;
  kind: TemplateKind | 'other';
  /** For a job description: the Role it is for. */
  role: string;
  link: string;
  /** The file-name pattern offered by default, with {{fields}}. */
  fileName: string;
  builtIn: boolean;
}

export interface PersonChoice {
  staffId: string;
  name: string;
  role: string;
  siteId: string;
  siteName: string;
  /** Templates (registry IDs) this person already has a finished document from, per the Documents tab. */
  hasDocument: string[];
}

export interface SiteChoice {
  siteId: string;
  name: string;
}

/** A job this coordinator started and did not finish, so the sidebar can offer Resume. */
export interface UnfinishedJob {
  jobId: string;
  templateName: string;
  state: string;
  total: number;
}

export interface TemplatesAndPeople {
  templates: TemplateChoice[];
  unfinished: UnfinishedJob[];
  people: PersonChoice[];
  sites: SiteChoice[];
  roles: string[];
  /** Set when nothing can be generated yet, e.g. "Install document templates first". */
  notice: string;
}

export interface JobOptions {
  output: DocumentOutput;
  /** Name of each file, with fields: "{{Full name}} - Employment contract". Blank: the template's. */
  fileNamePattern: string;
  /** Put each person's documents in a sub-folder named after their site. */
  folderPerSite: boolean;
  /** Make a new document even for people who already have one from this template. */
  regenerate: boolean;
}

export interface JobRequest {
  templateId: string;
  /** The people chosen; for a certificate, each one's completed internal trainings without a certificate yet. */
  staffIds: string[];
  /** A certificate job for exactly these Training Log rows (instead of every offered training of staffIds). */
  trainingIds?: string[];
  options: JobOptions;
}

/** A problem said to the coordinator; `suggestion` is the field they most likely meant. */
export interface TemplateProblem {
  placeholder: string;
  message: string;
  suggestion: string;
}

export type JobState = 'running' | 'paused' | 'done' | 'cancelled' | 'blocked';

export interface PersonResult {
  staffId: string;
  /** A certificate's Training Log row. */
  trainingId?: string;
  /** The DOC- ID of the finished document, so the sidebar can email it. */
  documentId?: string;
  name: string;
  status: 'Queued' | 'In progress' | 'Done' | 'Failed' | 'Skipped';
  link: string;
  pdfLink: string;
  error: string;
}

export interface JobProgress {
  jobId: string;
  state: JobState;
  templateName: string;
  total: number;
  /** Finished one way or the other: done, failed or skipped. */
  finished: number;
  done: number;
  failed: number;
  skipped: number;
  /** The person being worked on next (or last), for "3 of 12 — Sam Rivera". */
  current: string;
  /** What happened, in words: the quota, a template problem, a cut-off. */
  message: string;
  results: PersonResult[];
  /** How many chunks the sidebar may run at once for this job (jobs.ts lanesFor). */
  lanes: number;
  /** People this call took on; 0 while every person left is being made by another run. */
  handed: number;
}

export interface StartResult {
  ok: boolean;
  problems: TemplateProblem[];
  /** Why nothing was started, when it is not a template problem. */
  message: string;
  progress: JobProgress | null;
}

export interface PreviewResult {
  ok: boolean;
  templateName: string;
  personName: string;
  fileName: string;
  /** The filled document's text, paragraph by paragraph, as the Doc a job makes would read. */
  paragraphs: MergedParagraph[];
  /** Required fields that are blank for this person. */
  missing: string[];
  problems: TemplateProblem[];
  message: string;
}

export interface InstallResult {
  folderLink: string;
  installed: string[];
  kept: string[];
  /** Templates whose built-in version is newer than the installed copy (which the coordinator may have edited). */
  newerAvailable: string[];
  lines: string[];
}

export interface RegisterResult {
  ok: boolean;
  message: string;
  problems: TemplateProblem[];
  template: TemplateChoice | null;
}

/** What the sidebar asks for: finished documents (their DOC- IDs) to the people's own addresses, or to one address a person named. */
export interface SendRequest {
  documentIds: string[];
  to: 'person' | 'named';
  /** For 'named': the address the person asked for (a housing provider, a worker's caseworker). */
  address?: string;
  /** For 'named': the coordinator confirms the person asked for the document to go there. */
  personAsked?: boolean;
}

export interface SendOutcome {
  documentId: string;
  name: string;
  to: string;
  status: 'Sent' | 'Failed' | 'Queued' | 'Already sent' | 'Check first';
  message: string;
}

export interface SendResult {
  sent: number;
  failed: number;
  /** Waiting for tomorrow's mail quota. */
  waiting: number;
  /** The recipients this account may still email today (MailApp.getRemainingDailyQuota). */
  quotaLeft: number;
  outcomes: SendOutcome[];
  message: string;
}
