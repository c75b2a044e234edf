// The main job offline: builds the add-on, runs it on the local Workspace for a fictional organization, and writes the results to out/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddon } from './build';
import { createWorkspace } from '../workspace';
import { AddOn } from '../workspace/bundle';
import { fillSampleOrganization, loadSampleOrganization } from './sample/organization';
import { runSampleEvaluation, submitSampleResponses } from './sample/surveys';
import { generateSampleDocuments } from './sample/documents';
import { generateSampleCards } from './sample/cards';
import type { MenuItem } from '../workspace/host';
import type { SentMail } from '../workspace/mail';

const OUT = join(__dirname, '..', 'out');

export interface StartOptions {
  /** Where the results go (default out/). */
  outDir?: string;
  /** Where progress lines go (default the console). */
  log?: (line: string) => void;
  /**
   * The day the sample organization's story is told on (YYYY-MM-DD). Default: ROSE_SAMPLE_TODAY if
   * set, else today in the sample's time zone, so that the tracker and documents look live whenever
   * they are opened: dates are highlighted against the day they are looked at.
   */
  today?: string;
}

/** The sample's time zone (Vancouver), in which "today" is read. */
const SAMPLE_TIME_ZONE = 'America/Vancouver';

function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface StartResult {
  /** The day the sample was dated at. */
  today: string;
  files: string[];
  checkProblems: number;
  documents: number;
  /** The card PDFs written (ID cards one a file, business cards a sheet). */
  cards: number;
  /** The emails the add-on sent in the run, each written to out/ (file relative to it). */
  emails: SampleEmail[];
}

export interface SampleEmail {
  to: string;
  subject: string;
  file: string;
}

function printMenu(log: (line: string) => void, title: string, items: MenuItem[], indent = '  '): void {
  log(`${indent}${title}`);
  for (const item of items) {
    if (item.separator) log(`${indent}  ──────────`);
    else if (item.items) printMenu(log, item.caption, item.items, `${indent}  `);
    else log(`${indent}  ${item.caption}`);
  }
}

export async function main(options: StartOptions = {}): Promise<StartResult> {
  const OUT_DIR = options.outDir ?? OUT;
  const log = options.log ?? ((line: string) => console.log(line));
  const { bytes, names } = await buildAddon();
  log(`Built dist/Code.js (${(bytes / 1024).toFixed(1)} KiB, ${names.length} functions).`);
  const sample = loadSampleOrganization({ today: options.today ?? process.env.ROSE_SAMPLE_TODAY ?? todayIn(SAMPLE_TIME_ZONE) });
  log(`The sample organization is dated at ${sample.today}: its story moved ${sample.shiftDays} day(s) from the day it was written, so it looks live today.`);
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, join(__dirname, '..', 'dist', 'Code.js'));
  const spreadsheetId = ws.createSpreadsheet(`${sample.settings['Organization name']} — ROSE Tracker`);
  ws.openInSheets(spreadsheetId);

  addon.call('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  log('\nThe menu a coordinator sees under Extensions:');
  for (const menu of ws.host.menus) printMenu(log, menu.title, menu.items);

  const setup = addon.call<{ ok: boolean; lines: string[]; problems: string[] }>('setupTracker');
  if (!setup.ok) throw new Error(`Set up tracker stopped: ${setup.problems.join(' ')}`);
  log(`\nSet up tracker: ${setup.lines.join(' ')}`);
  fillSampleOrganization(ws, spreadsheetId, sample);
  // As a deployment does: with the coordinator emails in Settings, Set up tracker again confirms them,
  // shares editing and turns the weekly reminder digest on for the coordinator running it.
  const confirm = addon.call<{ ok: boolean; lines: string[]; problems: string[] }>('setupTracker');
  if (!confirm.ok) throw new Error(`Set up tracker (run again with Settings filled) stopped: ${confirm.problems.join(' ')}`);
  log(`\nFilled Settings and the tabs with the sample organization, then ran Set up tracker again: ${confirm.lines.join(' ')}`);
  addon.call('refreshComputed');
  submitSampleResponses(ws, addon, spreadsheetId, sample.shiftDays, { evaluation: true });
  addon.call('refreshComputed');
  log('\nCreated the forms and submitted the sample survey (baseline and follow-up), implementation survey, training and support responses through the form-submit trigger; wrote the Evaluation report tab.');
  const evaluation = runSampleEvaluation(ws, addon, spreadsheetId);
  log(`Closed the follow-up wave at ${evaluation.closed}; wrote the Process evaluation report (${evaluation.processRows} rows) and the one-page Site report (${evaluation.siteReportRows} rows).`);
  // The coordinator refreshes the Evaluation report after the evaluator closed the wave: a report built by a
  // confirmed coordinator is what names the Evaluator emails of Settings as the follow-up reminders' recipients.
  addon.call('buildEvaluationReport');
  const check = addon.call<{ problems: { severity: string; tab: string; row: number; column: string; message: string }[] }>('checkData');
  log(`\nCheck data found ${check.problems.length} item(s) to look at in the sample:`);
  for (const p of check.problems) log(`  ${p.severity === 'error' ? 'Problem' : 'Warning'} — ${p.tab}, row ${p.row}, ${p.column}: ${p.message}`);

  addon.call('refreshDashboard');
  const reminders = addon.call<{ outcome: string; items: number; text: string; evaluator?: { recipients: string[]; sent: boolean } }>('sendRemindersNow');
  log(`\nDashboard refreshed; the reminder digest has ${reminders.items} item(s) (${reminders.outcome})${reminders.evaluator ? `; the evaluator's follow-up note ${reminders.evaluator.sent ? 'was sent' : 'was not sent'} to ${reminders.evaluator.recipients.join(', ') || 'nobody'}` : ''}.`);

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'reminders.txt'), `${reminders.text}\n`);
  // Nothing leaves the machine: the local Workspace's MailApp keeps what the add-on sent, written here as the emails would read.
  const emails = writeSampleEmails(ws.outbox, OUT_DIR);
  log(`The emails this run would have sent (kept by the local Workspace, not sent):`);
  for (const e of emails) log(`  To ${e.to}: "${e.subject}" → ${join('out', e.file)}`);
  const documents = await generateSampleDocuments(ws, addon, spreadsheetId, join(OUT_DIR, 'documents'));
  log(`\nInstalled the document templates and generated ${documents.length} documents (Doc + PDF, a folder per site):`);
  for (const d of documents) log(`  ${d.template} for ${d.person} → ${[d.file, ...(d.pdf ? [d.pdf] : [])].map((f) => join('out', 'documents', f.split('/').pop() ?? '')).join(' and ')}`);
  const cards = generateSampleCards(ws, addon, spreadsheetId, join(OUT_DIR, 'documents'));
  log(`\nMade ID cards for a site (CR80, front and back) and a sheet of ten business cards, as PDFs:`);
  for (const c of cards) log(`  ${c.kind} for ${c.people.join(', ')} → ${join('out', 'documents', c.file.split('/').pop() ?? '')}`);
  const model = ws.spreadsheet(spreadsheetId);
  const { writeSpreadsheetXlsx } = await import('../workspace/export-xlsx');
  await writeSpreadsheetXlsx(model, join(OUT_DIR, 'rose-tracker.xlsx'), { now: ws.host.now() });
  writeFileSync(join(OUT_DIR, 'check-data.txt'), check.problems.map((p) => `${p.tab}\trow ${p.row}\t${p.column}\t${p.message}`).join('\n') + '\n');
  log(`\nWrote ${join('out', 'rose-tracker.xlsx')} (${model.sheets.length} tabs) and out/check-data.txt.`);
  return {
    today: sample.today,
    files: ['rose-tracker.xlsx', 'check-data.txt', 'reminders.txt', ...emails.map((e) => e.file), ...documents.flatMap((d) => [d.file, ...(d.pdf ? [d.pdf] : [])]).map((f) => join('documents', f.split('/').pop() ?? '')), ...cards.map((c) => join('documents', c.file.split('/').pop() ?? ''))],
    checkProblems: check.problems.length,
    documents: documents.length,
    cards: cards.length,
    emails,
  };
}

/** Each email the run sent, as a text file named by its order and recipient: who it is to, its subject and its plain-text body. */
export function writeSampleEmails(outbox: readonly SentMail[], outDir: string): SampleEmail[] {
  return outbox.map((mail, i) => {
    const file = `email-${i + 1}-${mail.to.split(',')[0].split('@')[0].replace(/[^\w.-]+/g, '-')}.txt`;
    const lines = [`From: ${mail.name ?? 'ROSE Tracker'} <${mail.from}>`, `To: ${mail.to}`, ...(mail.cc ? [`Cc: ${mail.cc}`] : []), `Subject: ${mail.subject}`, '', mail.body];
    writeFileSync(join(outDir, file), `${lines.join('\n')}\n`);
    return { to: mail.to, subject: mail.subject, file };
  });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`npm start failed: ${error.message}`);
    process.exit(1);
  });
}
