// The main job offline: builds the add-on, runs it on the local Workspace for a fictional organization, and writes the results to out/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddon } from './build';
import { createWorkspace } from './workspace';
import { AddOn } from './workspace/bundle';
import { fillSampleOrganization, loadSampleOrganization } from './sample/organization';
import { submitSampleResponses } from './sample/surveys';
import { generateSampleDocuments } from './sample/documents';
import type { MenuItem } from './workspace/host';

const OUT = join(__dirname, '..', 'out');

function printMenu(title: string, items: MenuItem[], indent = '  '): void {
  console.log(`${indent}${title}`);
  for (const item of items) {
    if (item.separator) console.log(`${indent}  ──────────`);
    else if (item.items) printMenu(item.caption, item.items, `${indent}  `);
    else console.log(`${indent}  ${item.caption}`);
  }
}

export async function main(): Promise<void> {
  const { bytes, names } = await buildAddon();
  console.log(`Built dist/Code.js (${(bytes / 1024).toFixed(1)} KiB, ${names.length} functions).`);
  const sample = loadSampleOrganization();
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, join(__dirname, '..', 'dist', 'Code.js'));
  const spreadsheetId = ws.createSpreadsheet(`${sample.settings['Organization name']} — ROSE Tracker`);
  ws.openInSheets(spreadsheetId);

  addon.call('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  console.log('\nThe menu a coordinator sees under Extensions:');
  for (const menu of ws.host.menus) printMenu(menu.title, menu.items);

  const setup = addon.call<{ ok: boolean; lines: string[]; problems: string[] }>('setupTracker');
  if (!setup.ok) throw new Error(`Set up tracker stopped: ${setup.problems.join(' ')}`);
  console.log(`\nSet up tracker: ${setup.lines.join(' ')}`);
  fillSampleOrganization(ws, spreadsheetId, sample);
  addon.call('refreshComputed');
  submitSampleResponses(ws, addon, spreadsheetId);
  addon.call('refreshComputed');
  console.log('\nCreated the forms and submitted the sample survey, training and support responses through the form-submit trigger; wrote the Evaluation report tab.');
  const check = addon.call<{ problems: { severity: string; tab: string; row: number; column: string; message: string }[] }>('checkData');
  console.log(`\nCheck data found ${check.problems.length} item(s) to look at in the sample:`);
  for (const p of check.problems) console.log(`  ${p.severity === 'error' ? 'Problem' : 'Warning'} — ${p.tab}, row ${p.row}, ${p.column}: ${p.message}`);

  addon.call('refreshDashboard');
  const reminders = addon.call<{ outcome: string; items: number; text: string }>('sendRemindersNow');
  console.log(`\nDashboard refreshed; the reminder digest has ${reminders.items} item(s) (${reminders.outcome}).`);

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'reminders.txt'), `${reminders.text}\n`);
  const documents = await generateSampleDocuments(ws, addon, spreadsheetId, join(OUT, 'documents'));
  console.log(`\nInstalled the document templates and generated ${documents.length} documents (Doc + PDF, a folder per site):`);
  for (const d of documents) console.log(`  ${d.template} for ${d.person} → ${join('out', 'documents', d.file.split('/').pop() ?? '')}`);
  const model = ws.spreadsheet(spreadsheetId);
  const { writeSpreadsheetXlsx } = await import('./workspace/export-xlsx');
  await writeSpreadsheetXlsx(model, join(OUT, 'rose-tracker.xlsx'), { now: ws.host.now() });
  writeFileSync(join(OUT, 'check-data.txt'), check.problems.map((p) => `${p.tab}\trow ${p.row}\t${p.column}\t${p.message}`).join('\n') + '\n');
  console.log(`\nWrote ${join('out', 'rose-tracker.xlsx')} (${model.sheets.length} tabs) and out/check-data.txt.`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`npm start failed: ${error.message}`);
    process.exit(1);
  });
}
