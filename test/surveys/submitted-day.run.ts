// Run by submitted-day.test.ts in a child process whose machine time zone (TZ) it chooses: one anonymous answer sent at 23:30 in Vancouver.
import { isoDateIn } from '../../addon/core/dates';
import { evaluationForm, person, trackerWithForms } from './forms-support';

const h = trackerWithForms();
h.ws.submitForm(evaluationForm(h), person(), { at: new Date('2026-03-17T06:30:00Z') });
const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Survey Responses')!;
const header = Array.from({ length: sheet.lastColumn() }, (_, i) => String(sheet.cell(1, i + 1)?.value ?? ''));
const submitted = sheet.cell(2, header.indexOf('Submitted') + 1)?.value;
process.stdout.write(JSON.stringify({
  machineZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
  submitted: submitted instanceof Date ? isoDateIn(submitted, 'America/Vancouver') : submitted,
}));
