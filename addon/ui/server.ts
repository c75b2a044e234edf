// The one typed door from our pages to the server: every server function a page calls, with its argument and result types, behind a promise wrapper around google.script.run.
import type {
  JobProgress, JobRequest, PreviewResult, StartResult, TemplatesAndPeople,
} from '../documents/types';
import type { ReminderSchedule, ReminderSettings, ScheduleResult, SendNowResult } from '../reminders/types';

/** The server functions the pages call (exports of addon/main.ts). A new call is added here first. */
export interface Server {
  // Generate documents sidebar
  listTemplatesAndPeople(): TemplatesAndPeople;
  previewDocument(templateId: string, staffId: string): PreviewResult;
  startDocumentJob(request: JobRequest): StartResult;
  runDocumentJobChunk(jobId: string): JobProgress;
  getDocumentJob(jobId: string): JobProgress;
  cancelDocumentJob(jobId: string): JobProgress;
  // Reminders dialog
  getReminderSettings(): ReminderSettings;
  setReminderSchedule(schedule: ReminderSchedule): ScheduleResult;
  sendRemindersNow(): SendNowResult;
}

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner; host: { close(): void } } };

/** A promise per call, typed by the Server interface. google.script.run cannot pass a Date: send ISO strings. */
export function call<K extends keyof Server>(name: K, ...args: Parameters<Server[K]>): Promise<ReturnType<Server[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<Server[K]>))
      .withFailureHandler((error) => reject(error));
    (runner[name] as (...values: unknown[]) => void)(...args);
  });
}

/** Closes the dialog or sidebar this page runs in. */
export function closePage(): void {
  google.script.host.close();
}
