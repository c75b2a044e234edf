// An organization, end to end on the built bundle: two coordinators, a site lead, peer staff, a scheduled digest and an evaluator, each acting as themselves under Google's rules for people, files and triggers. Each step works or says what to do; nothing is made twice or lost.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddOn } from '../../workspace/bundle';
import { pick } from '../../workspace/picker';
import { formModel } from '../../workspace/forms';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import { fillSampleOrganization, loadSampleOrganization } from '../../scripts/sample/organization';
import { definitionById, evaluationAnswers, formIdOf } from '../../scripts/sample/surveys';
import { main as exportSurvey } from '../../scripts/export-survey';
import { parseCsv } from '../../scripts/lib/csv';
import type { Harness } from '../support/addon';
import { byHand as byHandIn } from '../documents/support';
import { asUser, personEdits, setSetting, tabRecords, tabValues } from '../support/tracker';
import { COORDINATOR, captureIO, startHarness, type RestHarness } from '../support/rest-harness';
import { DIST_CODE, env } from '../scripts/tracker-fixture';
import type { JobProgress, JobRequest, StartResult, TemplatesAndPeople } from '../../addon/documents/types';
import type { ConcurrentResult } from '../../workspace/concurrency';

const A = COORDINATOR;
const B = 'bo.coordinator@example.org';
const SITE_LEAD = 'site.lead@example.net';
const EVALUATOR = 'evaluator@example.org';
const PROJECT = '487112093356';
const SURVEYS = ['rose-evaluation', 'support-request', 'training-feedback'];
const DOC_MIME = 'application/vnd.google-apps.document';

let rest: RestHarness;
let h: Harness;

/** What a person does in the Sheet themselves: the add-on's manifest scopes do not limit them. */
const byHand = <T>(run: () => T): T => byHandIn(h, run);

const records = (tab: string) => byHand(() => tabRecords(h, tab));
const setting = (key: string) => String(records('Settings').find((row) => row.Setting === key)?.Value ?? '');
const folderId = () => /\/folders\/([\w-]+)/.exec(setting('Documents folder'))![1];
const contracts = () => [...h.ws.host.files.values()].filter((f) => f.mimeType === DOC_MIME && !f.trashed && f.name.endsWith(' - Employment contract'));

function job(staffIds: string[]): JobRequest {
  return { templateId: 'employment-contract', staffIds, options: { output: 'doc', fileNamePattern: '', folderPerSite: false, regenerate: false } };
}

function progressOf(result: ConcurrentResult): JobProgress {
  if (result.error) throw new Error(result.error);
  return result.value as JobProgress;
}

/** Chunk after chunk, as the sidebar runs them for `user`, until the job stops running. */
function finish(jobId: string, user: string): JobProgress {
  let progress = h.addon.callFromClient('runDocumentJobChunk', [jobId], { user }) as JobProgress;
  for (let i = 0; i < 30 && progress.state === 'running'; i++) progress = h.addon.callFromClient('runDocumentJobChunk', [jobId], { user }) as JobProgress;
  return progress;
}

beforeAll(async () => {
  rest = await startHarness();
  const ws = rest.ws;
  // Deployed as the README says: a standard Cloud project, its number and Picker key in script properties.
  ws.useStandardProject(PROJECT);
  const script = ws.properties.store(`script:${ws.scriptId}`);
  script.set(PROPERTY_KEYS.pickerProjectNumber, PROJECT);
  script.set(PROPERTY_KEYS.pickerApiKey, 'AIza-local-picker-key');
  const addon = AddOn.load(ws, DIST_CODE);
  const spreadsheetId = ws.createSpreadsheet('Harbour Lights tracker');
  ws.openInSheets(spreadsheetId);
  h = { ws, addon, spreadsheetId };
});
afterAll(async () => { await rest.close(); });

describe('an organization: two coordinators, a site lead, peer staff, a schedule and an evaluator', () => {
  it('1. coordinator A sets up, names both coordinators and installs the templates', () => {
    expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
    byHand(() => fillSampleOrganization(h.ws, h.spreadsheetId, loadSampleOrganization()));
    byHand(() => setSetting(h, 'Coordinator emails', `${A}, ${B}`));
    // Setup again limits the confidential tabs to the coordinators now named.
    expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
    h.addon.call('refreshComputed');
    expect(h.addon.call<{ installed: unknown[] }>('installDocumentTemplates').installed.length).toBeGreaterThan(0);
  });

  it('2. A shares the Sheet with B and the site lead, the Documents folder with B, and the Sheet with the evaluator as viewer', () => {
    h.ws.share(h.spreadsheetId, B);
    h.ws.share(h.spreadsheetId, SITE_LEAD);
    h.ws.share(folderId(), B);
    h.ws.share(h.spreadsheetId, EVALUATOR, 'viewer');
    // Until B picks them, B is told what to do, in one sentence naming the template and who installed it.
    const listed = h.addon.callFromClient('listTemplatesAndPeople', [], { user: B }) as TemplatesAndPeople;
    expect(listed.notice).toContain(`that ${A} installed for ${B} yet`);
    expect(listed.notice).toContain('Give ROSE Tracker access to templates');
  });

  it('3. B picks the folder and templates once in the Picker; installing again copies nothing', () => {
    const setup = h.addon.callFromClient('templatePickerSetup', [], { user: B }) as { ok: boolean; appId: string; token: string; wanted: { id: string }[] };
    expect(setup.ok).toBe(true);
    const ids = setup.wanted.map((w) => w.id);
    pick(h.ws, { token: setup.token, appId: setup.appId, ids });
    expect(h.addon.callFromClient('templatesPicked', [ids], { user: B })).toMatchObject({ ok: true });
    const files = h.ws.host.files.size;
    expect(h.addon.call<{ installed: unknown[] }>('installDocumentTemplates', [], { user: B }).installed).toEqual([]);
    expect(h.ws.host.files.size).toBe(files);
  });

  it('4. B creates the forms: published, one per survey, one form-submit trigger; A running it again replaces nothing', () => {
    const made = h.addon.call<{ forms: { survey: string; created: boolean }[]; problems: string[] }>('createOrUpdateForms', [], { user: B });
    expect(made.problems).toEqual([]);
    const ids = SURVEYS.map((id) => formIdOf(h.ws, h.spreadsheetId, id));
    for (const id of ids) expect(formModel(h.ws.host, id)).toMatchObject({ published: true, acceptingResponses: true });
    const tabs = h.ws.spreadsheet(h.spreadsheetId).sheets.length;
    const again = h.addon.call<{ forms: { created: boolean }[] }>('createOrUpdateForms', [], { user: A });
    expect(again.forms.every((f) => !f.created)).toBe(true);
    expect(SURVEYS.map((id) => formIdOf(h.ws, h.spreadsheetId, id))).toEqual(ids);
    expect(h.ws.spreadsheet(h.spreadsheetId).sheets.length).toBe(tabs);
    expect(h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId)).toHaveLength(1);
  });

  it('5. B generates one site\'s contracts while A generates another batch at the same time: one each, none twice', () => {
    const people = (h.addon.callFromClient('listTemplatesAndPeople', [], { user: A }) as TemplatesAndPeople).people;
    const site = people[0].siteId;
    const bBatch = people.filter((p) => p.siteId === site).map((p) => p.staffId);
    // A's batch overlaps B's by one person: that person still gets one contract.
    const aBatch = [...people.filter((p) => p.siteId !== site).map((p) => p.staffId).slice(0, 3), bBatch[0]];
    expect(bBatch.length).toBeGreaterThan(0);
    expect(aBatch.length).toBeGreaterThan(1);
    const jobA = (h.addon.callFromClient('startDocumentJob', [job(aBatch)], { user: A }) as StartResult).progress!.jobId;
    const jobB = (h.addon.callFromClient('startDocumentJob', [job(bBatch)], { user: B }) as StartResult).progress!.jobId;
    h.ws.runConcurrently([
      { functionName: 'runDocumentJobChunk', args: [jobA, 1], user: A },
      { functionName: 'runDocumentJobChunk', args: [jobB, 1], user: B },
    ]).map(progressOf);
    const doneA = finish(jobA, A);
    const doneB = finish(jobB, B);
    expect([doneA.state, doneB.state]).toEqual(['done', 'done']);
    expect(doneA.failed + doneB.failed).toBe(0);
    const everyone = [...new Set([...aBatch, ...bBatch])];
    const rows = records('Documents');
    for (const staffId of everyone) {
      expect(rows.filter((row) => String(row.Staff).startsWith(staffId)).map((row) => row.Status)).toEqual(['Done']);
    }
    expect(contracts()).toHaveLength(everyone.length);
    expect(contracts().every((f) => f.parents.includes(folderId()))).toBe(true);
    expect(new Set(contracts().map((f) => f.owner))).toEqual(new Set([A, B]));
  });

  it('6. the site lead edits Sites and Action Plan and the tracker follows; Staff refuses them with Google\'s sentence', () => {
    const sites = records('Sites').length;
    const row = sites + 2;
    const added = personEdits(h, 'Sites', `B${row}`, {
      user: SITE_LEAD,
      change: (range) => {
        const sheet = range.getSheet();
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
        sheet.getRange(row, header.indexOf('Name') + 1).setValue('Riverside Outreach');
        sheet.getRange(row, header.indexOf('Living wage per hour') + 1).setValue(27.85);
      },
    });
    expect(added.simple).toMatchObject({ ok: true });
    expect(added.installable.map((run) => run.trigger.owner)).toEqual([A]);
    const riverside = records('Sites').find((r) => r.Name === 'Riverside Outreach')!;
    expect(String(riverside.ID)).toMatch(/^SITE-\d{4}$/);

    const plan = records('Action Plan').length + 2;
    personEdits(h, 'Action Plan', `D${plan}`, {
      user: SITE_LEAD,
      change: (range) => {
        const sheet = range.getSheet();
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
        const values: Record<string, string | number> = { Site: `${String(riverside.ID)} · Riverside Outreach`, 'ROSE component': 'Recognition', Strategy: 'Photo ID cards', 'Ease (1-5)': 4, 'Impact (1-5)': 5 };
        for (const [key, value] of Object.entries(values)) sheet.getRange(plan, header.indexOf(key) + 1).setValue(value);
      },
    });
    const activity = records('Action Plan').find((r) => r.Strategy === 'Photo ID cards' && String(r.Site).startsWith(String(riverside.ID)))!;
    expect(String(activity.ID)).not.toBe('');

    // Staff holds pay and contacts: only coordinators edit it, and Sheets says so in one sentence.
    const before = tabValues(h, 'Staff');
    expect(() => asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2').setValue('Someone else'), SITE_LEAD))
      .toThrow('You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    expect(tabValues(h, 'Staff')).toEqual(before);

    // Nothing waits or failed: Check data has no edit problem.
    const problems = h.addon.call<{ problems: { tab: string; message: string }[] }>('checkData').problems;
    expect(problems.filter((p) => /refresh|edit trigger|waiting/i.test(p.message))).toEqual([]);
  });

  it('7. peer staff answer the survey on their phones; every answer is stored once, free text as text', () => {
    const evaluation = definitionById('rose-evaluation');
    const formId = formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation');
    const site = String(records('Sites')[0].Name);
    const before = records('Survey Responses').length;
    const codes = ['RO07K2', 'MA12V0', 'JT03P9'];
    codes.forEach((code, i) => h.ws.submitForm(formId, evaluationAnswers(evaluation, { wave: 'baseline', site, code, mood: 3 + (i % 2) }), { at: new Date(Date.UTC(2026, 2, 16, 18, i)) }));
    // A support request typed on a phone: "3/4" and "10:30" are what the person wrote, not a date and a time.
    const support = formIdOf(h.ws, h.spreadsheetId, 'support-request');
    const title = (id: string) => definitionById('support-request').items.find((item) => item.id === id)!.title;
    h.ws.submitForm(support, {
      [title('request_for')]: 'Peer Supporter', [title('request_type')]: 'A reference letter', [title('urgency')]: 'This week',
      [title('contact')]: '10:30', [title('requester_name')]: 'Sam', [title('details')]: '3/4',
    });
    const stored = records('Survey Responses');
    expect(stored).toHaveLength(before + codes.length);
    expect(stored.slice(before).map((r) => r['Participant code'])).toEqual(codes);
    const request = records('Support Requests').at(-1)!;
    expect([request.Contact, request.Details]).toEqual(['10:30', '3/4']);
  });

  it('8. the time-driven digest A scheduled for B alone reaches B alone, in a run with no active spreadsheet', () => {
    const saved = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, recipients: [B] }], { user: A }) as { ok: boolean; problems: string[] };
    expect(saved).toMatchObject({ ok: true });
    const clocks = h.ws.triggersFor('CLOCK').filter((t) => t.handlerFunction === 'runDailyReminders');
    expect(clocks.map((t) => t.owner)).toEqual([A]);
    const sent = h.ws.outbox.length;
    const result = h.ws.fireTimeTrigger(clocks[0]) as { outcome: string; recipients: string[] };
    expect(result).toMatchObject({ outcome: 'sent', recipients: [B] });
    expect(h.ws.outbox.slice(sent).map((m) => m.to)).toEqual([B]);
  });

  it('9. the evaluator, a viewer, exports the anonymous survey data through the API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rose-organization-'));
    const io = captureIO(env(rest, EVALUATOR));
    const code = await exportSurvey(['--tracker', h.spreadsheetId, '--out', join(dir, 'survey.csv')], io);
    expect(io.stderr.filter((l) => !/site\(s\) had fewer|site\(s\) are written as "Other sites|Free-text answers left out|links no Evaluation workbook yet/.test(l))).toEqual([]);
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(join(dir, 'survey.csv'), 'utf8')).map((l) => l.cells);
    expect(rows).toHaveLength(records('Survey Responses').length);
    expect(header).not.toContain('Timestamp');
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[header.indexOf('Submitted')]))).toBe(true);
  });

  it('at the end nothing is duplicated: one set of forms, one edit trigger per coordinator who set up, one contract per person', () => {
    expect(h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId)).toHaveLength(1);
    expect(h.ws.triggersFor('ON_EDIT', h.spreadsheetId).map((t) => t.owner)).toEqual([A]);
    const staff = contracts().map((f) => f.name);
    expect(new Set(staff).size).toBe(staff.length);
  });
});
