// The evaluation on the built add-on: closing a follow-up wave freezes its report, the implementation survey is a form scored per construct, and each site's one page moves with the tracker's own tabs.
import { openAddon, type Harness } from '../support/addon';
import { appendPeople, appendRecords, asUser, setSetting } from '../support/tracker';
import { definitionById, evaluationAnswers, formIdOf, processAnswers, type ProcessPerson } from '../../scripts/sample/surveys';
import { formModel } from '../../workspace/forms';

const HARBOUR = 'Harbour Lights Drop-in';
const CEDAR = 'Cedar House';
const COORDINATOR = 'coordinator@example.org';
const EVALUATOR = 'evaluator@example.org';
const SITE_LEAD = 'site.lead@example.org';
const BASELINE_CODES = Array.from({ length: 12 }, (_, i) => `HB${String(i + 1).padStart(2, '0')}A${i % 10}`);

/** A tracker with two sites, eight Harbour staff since 2024, a confirmed coordinator, an evaluator and its forms. */
function evaluationTracker(): Harness {
  const h = openAddon();
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', COORDINATOR);
  setSetting(h, 'Evaluator emails', EVALUATOR);
  // Run again once the coordinator list is typed: that is what confirms it.
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ Name: HARBOUR, Active: 'Yes' }, { Name: CEDAR, Active: 'Yes' }]);
  h.addon.call('refreshComputed');
  appendPeople(h, Array.from({ length: 8 }, (_, i) => ({
    'Full name': `Harbour worker ${i + 1}`, Role: i === 0 ? 'Peer Supporter' : 'Peer Worker', Site: 'SITE-0001', Start: '2024-06-01',
    'Contract status': 'Signed', 'Hourly wage': 29, 'Photo ID issued': '2024-07-01',
  })));
  h.addon.call('refreshComputed');
  h.addon.call('createOrUpdateForms');
  h.ws.share(h.spreadsheetId, EVALUATOR, 'editor');
  h.ws.share(h.spreadsheetId, SITE_LEAD, 'editor');
  return h;
}

function outcomeForm(h: Harness): string {
  return formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation');
}

/** Harbour: twelve baseline answers in March 2025, six follow-ups a year later (the follow-up opened on 2026-03-02). */
function answerBothWaves(h: Harness): void {
  const definition = definitionById('rose-evaluation');
  BASELINE_CODES.forEach((code, i) => h.ws.submitForm(outcomeForm(h), evaluationAnswers(definition, { wave: 'baseline', site: HARBOUR, code, mood: 2 + (i % 2) }), { at: new Date(Date.UTC(2025, 2, 2 + i, 18)) }));
  BASELINE_CODES.slice(0, 6).forEach((code, i) => h.ws.submitForm(outcomeForm(h), evaluationAnswers(definition, { wave: 'follow-up', site: HARBOUR, code, mood: 3 + (i % 3 === 0 ? 1 : 0) }), { at: new Date(Date.UTC(2026, 2, 4 + i, 18)) }));
}

function shown(h: Harness, tab: string): string[][] {
  return asUser(h, (ss) => ss.getSheetByName(tab)!.getDataRange().getDisplayValues());
}

/** The follow-up block of the Evaluation report as a site's column: measure → shown value. */
function followUpColumn(h: Harness, site: string): Record<string, string> {
  const grid = shown(h, 'Evaluation report');
  const start = grid.findIndex((r) => r[0] === 'Follow-up wave by site');
  const column = grid[start].indexOf(site);
  const out: Record<string, string> = {};
  for (const row of grid.slice(start + 1)) if (row[0]) out[row[0]] = row[column];
  return out;
}

/** A site's page of the Site report, from its title to its privacy line. */
function sitePage(h: Harness, site: string): string[][] {
  const grid = shown(h, 'Site report');
  const start = grid.findIndex((r) => r[0] === `${site}: ROSE in place and what changed`);
  const end = grid.findIndex((r, i) => i > start && r[0].startsWith('Figures about fewer than'));
  return grid.slice(start, end + 1);
}

/** Five more follow-up answers at Harbour, dated after the close, each matching a baseline: enough that the release rule would count them. */
function lateAnswers(h: Harness): void {
  const definition = definitionById('rose-evaluation');
  h.ws.host.setNow('2026-03-25T17:00:00Z');
  BASELINE_CODES.slice(6, 11).forEach((code, i) => h.ws.submitForm(outcomeForm(h), evaluationAnswers(definition, { wave: 'follow-up', site: HARBOUR, code, mood: 5 }), { at: new Date(Date.UTC(2026, 2, 18 + i, 18)) }));
}

describe('Close a survey wave', () => {
  it('freezes the closed site\'s follow-up figures: late answers and a roster change do not move them', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    const open = followUpColumn(h, HARBOUR);
    expect(open['Follow-up state']).toBe('open: provisional');
    expect(open['People who answered both (matched pairs)']).toBe('6');

    const closed = h.addon.call<{ site: string; closedOn: string }>('closeSurveyWave', [HARBOUR, 'follow-up'], { user: EVALUATOR });
    expect(closed).toMatchObject({ site: HARBOUR, closedOn: '2026-03-16' });
    const frozen = followUpColumn(h, HARBOUR);
    expect(frozen['Follow-up state']).toBe('closed on 2026-03-16: final');
    expect(frozen['On the roster on the follow-up day (or today, before it)']).toBe('8');
    h.addon.call('buildSiteReportPage');
    const page = sitePage(h, HARBOUR);

    lateAnswers(h);
    appendRecords(h, 'Staff', [{ 'Full name': 'Joined after the close', Role: 'Peer Worker', Site: 'SITE-0001', Start: '2026-03-01' }]);
    h.addon.call('refreshComputed');
    h.addon.call('buildEvaluationReport');
    h.addon.call('buildSiteReportPage');
    expect(followUpColumn(h, HARBOUR)).toEqual(frozen);
    const later = sitePage(h, HARBOUR);
    const survey = (rows: string[][]) => rows.slice(rows.findIndex((r) => r[0] === 'Follow-up survey'));
    expect(survey(later)).toEqual(survey(page));
  });

  it('without a close, the same late answers do move the follow-up figures', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    const before = followUpColumn(h, HARBOUR);
    lateAnswers(h);
    h.addon.call('buildEvaluationReport');
    const after = followUpColumn(h, HARBOUR);
    expect(after['People who answered both (matched pairs)']).toBe('11');
    expect(after['Role clarity: average change (follow-up − baseline)']).not.toBe(before['Role clarity: average change (follow-up − baseline)']);
  });

  it('keeps the paired change as numbers: the mean change with its t interval and d_z, matching the pure computation', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    const grid = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getValues());
    const start = grid.findIndex((r) => r[0] === 'Follow-up wave by site');
    const column = grid[start].indexOf(HARBOUR);
    const value = (label: string) => grid.slice(start).find((r) => r[0] === `Role clarity: ${label}`)![column];
    // Moods: baseline 2,3,2,3,2,3 and follow-up 4,3,3,4,3,3 → changes 2,0,1,1,1,0: mean 5/6, SD √(17/30) (R: t.test(paired = TRUE)).
    expect(value('average change (follow-up − baseline)')).toBeCloseTo(5 / 6, 10);
    const sd = Math.sqrt(((2 - 5 / 6) ** 2 + 2 * (5 / 6) ** 2 + 3 * (1 / 6) ** 2) / 5);
    expect(value('effect size d_z (change ÷ SD of changes)')).toBeCloseTo(5 / 6 / sd, 10);
    // qt(0.975, 5) = 2.570582 (R).
    expect(value('95% confidence interval, lower')).toBeCloseTo(5 / 6 - (2.570582 * sd) / Math.sqrt(6), 5);
    expect(typeof value('95% confidence interval, upper')).toBe('number');
    expect(grid.some((r) => /higher is better, so a positive change is an improvement\. The change is follow-up minus baseline/.test(String(r[0])))).toBe(true);
  });

  it('may be closed by a coordinator or the evaluator only, and only once a follow-up has opened', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    expect(() => h.addon.call('closeSurveyWave', [HARBOUR, 'follow-up'], { user: SITE_LEAD })).toThrow(`${SITE_LEAD} is neither`);
    expect(() => h.addon.call('closeSurveyWave', [CEDAR, 'follow-up'])).toThrow('Cedar House has no baseline answers yet');
    expect(() => h.addon.call('closeSurveyWave', [HARBOUR, 'baseline'])).toThrow('Only a follow-up wave is closed');
    h.addon.call('closeSurveyWave', [HARBOUR, 'follow-up']);
    expect(() => h.addon.call('closeSurveyWave', [HARBOUR, 'follow-up'])).toThrow('was closed on 2026-03-16');
  });

  it('asks which site from the menu, naming the follow-ups that can be closed', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.ws.host.uiAnswers.push({ button: 'OK', text: HARBOUR });
    const result = h.addon.call<{ site: string }>('closeSurveyWaveMenu');
    expect(result.site).toBe(HARBOUR);
    const prompt = h.ws.host.uiLog.find((d) => d.kind === 'prompt')!;
    expect(prompt.content).toContain(`${HARBOUR}: follow-up open, from 2026-03-02 to 2026-04-30`);
  });
});

describe('the implementation survey', () => {
  const definition = definitionById('rose-process');
  const submit = (h: Harness, people: ProcessPerson[]) => people.forEach((p, i) => h.ws.submitForm(formIdOf(h.ws, h.spreadsheetId, 'rose-process'), processAnswers(definition, p), { at: new Date(Date.UTC(2026, 2, 1 + i, 18)) }));

  it('is a published, anonymous form built by Create or update forms: no email, no sign-in, no one-response limit', () => {
    const h = evaluationTracker();
    const form = formModel(h.ws.host, formIdOf(h.ws, h.spreadsheetId, 'rose-process'));
    expect(form).toMatchObject({ emailCollection: 'DO_NOT_COLLECT', requireLogin: false, limitOneResponsePerUser: false, published: true });
    expect(form.items.filter((i) => i.type === 'MULTIPLE_CHOICE')).toHaveLength(22);
  });

  it('is scored per construct at intake, and its report hides groups below the minimum size', () => {
    const h = evaluationTracker();
    submit(h, [
      ...[4, 5, 4, 3, 4, 5].map((agreement) => ({ group: 'recipient' as const, site: HARBOUR, agreement })),
      ...[4, 4].map((agreement) => ({ group: 'implementer' as const, site: HARBOUR, agreement })),
    ]);
    const grid = asUser(h, (ss) => ss.getSheetByName('Survey Responses')!.getDataRange().getValues());
    const header = grid[0].map(String);
    const rows = grid.slice(1).filter((r) => r[header.indexOf('Survey')] === 'rose-process');
    expect(rows).toHaveLength(8);
    const coherence = header.findIndex((c) => c.startsWith('Score: ') && c.endsWith('[npt_coherence]'));
    expect(rows.map((r) => r[coherence])).toEqual([4, 5, 4, 3, 4, 5, 4, 4]);

    const mark = h.ws.ledger.mark();
    h.addon.call('buildProcessEvaluationReport');
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.batchUpdate')).toHaveLength(1);
    expect(calls.length).toBeLessThanOrEqual(10);
    const report = shown(h, 'Process evaluation report');
    const block = (title: string) => report.slice(report.findIndex((r) => r[0].startsWith(title)));
    const recipients = block('Recipients');
    expect(recipients[1].slice(0, 3)).toEqual(['People who answered', '6', '6']);
    expect(recipients[2].slice(0, 3)).toEqual(['Coherence: average', '4.17', '4.17']);
    expect(block('Implementers')[1].slice(0, 3)).toEqual(['People who answered', 'suppressed (fewer than 5 people)', 'suppressed (fewer than 5 people)']);
    // The outcome report and the Dashboard's evaluation figures leave the implementation survey to its own report.
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    const outcome = shown(h, 'Evaluation report').map((r) => r[0]);
    expect(outcome).not.toContain(definition.title);
    expect(outcome.some((m) => m.startsWith('Coherence'))).toBe(false);
    h.addon.call('refreshDashboard');
    const dashboard = shown(h, 'Dashboard').flat();
    expect(dashboard.some((c) => c.startsWith('Role clarity'))).toBe(true);
    expect(dashboard.some((c) => /Coherence|Collective action/.test(c))).toBe(false);
  });
});

describe('the one-page Site report', () => {
  it('computes the implementation index from the Staff tab: one job description link moves its indicator, and only it', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    appendRecords(h, 'Implementation Targets', [{ Site: 'SITE-0001', Indicator: 'Job description in place', Target: 0.5 }]);
    h.addon.call('refreshComputed');
    const mark = h.ws.ledger.mark();
    h.addon.call('buildSiteReportPage');
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.batchUpdate')).toHaveLength(1);
    const before = sitePage(h, HARBOUR);
    const line = (page: string[][], indicator: string) => page.find((r) => r[0].startsWith(indicator))!;
    expect(line(before, 'Job description in place')).toEqual(['Job description in place (as the Staff tab stands today)', '0%', '50%', '0% · Less than halfway']);

    asUser(h, (ss) => {
      const staff = ss.getSheetByName('Staff')!;
      const header = staff.getRange(1, 1, 1, staff.getLastColumn()).getValues()[0].map(String);
      staff.getRange(2, header.indexOf('Job description link') + 1).setValue('https://docs.google.com/document/d/job-description');
    });
    h.addon.call('buildSiteReportPage');
    const after = sitePage(h, HARBOUR);
    expect(line(after, 'Job description in place')[3]).toBe('13% · Less than halfway');
    const others = (page: string[][]) => page.filter((r) => !r[0].startsWith('Job description in place') && !r[0].startsWith('Share of the model'));
    expect(others(after)).toEqual(others(before));

    // Stored as figures, with the traffic light coloured.
    const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Site report')!;
    const row = sheet.rows.findIndex((r) => r && String(r[0]?.value ?? '').startsWith('Photo ID issued'));
    expect(sheet.rows[row]![2]!.value).toBe(1);
    expect(sheet.rows[row]![3]!.background).toBeDefined();
  });

  it('sets the site\'s index beside its change, with the wave\'s counts against the roster', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildSiteReportPage');
    const page = sitePage(h, HARBOUR);
    expect(page[1]).toEqual(['ROSE implementation, 2026-03-16', 'Baseline', 'Target', 'Now']);
    expect(page.find((r) => r[0] === 'Peer Supporter role filled')).toEqual(['Peer Supporter role filled', 'Yes', 'Yes', 'Yes · Met']);
    // The living-wage share comes from the wages on Staff pay and contacts, never "No figure" while they are there.
    expect(page.find((r) => r[0].startsWith('Paid at or above the living wage'))![3]).toMatch(/^\d+% · /);
    expect(page.find((r) => r[0] === 'People who answered')!.slice(1, 3)).toEqual(['12', '6']);
    expect(page.find((r) => r[0] === 'On the roster')!.slice(1, 3)).toEqual(['8', '8']);
    expect(page.find((r) => r[0].startsWith('Role clarity (n = 6)'))![1]).toBe('+0.83');
    // Cedar House has no answers: its page says so rather than showing a figure.
    const cedar = sitePage(h, CEDAR);
    expect(cedar.find((r) => r[0] === 'When')![1]).toBe('not yet');
  });
});

describe('the Site report beyond the organization', () => {
  it('hides a small site\'s staff shares, the training share of 3 people with 3 required topics each among them', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    const topics = ['Naloxone administration', 'First aid and CPR', 'Trauma-informed practice'];
    appendRecords(h, 'Training Topics', topics.map((topic) => ({ Topic: topic, 'Required for roles': 'Peer Worker' })));
    appendRecords(h, 'Staff', [1, 2, 3].map((n) => ({ 'Full name': `Cedar worker ${n}`, Role: 'Peer Worker', Site: 'SITE-0002', Start: '2024-06-01', 'Photo ID issued': '2024-07-01' })));
    h.addon.call('refreshComputed');
    appendRecords(h, 'Training Log', [9, 10, 11].flatMap((n) => topics.map((topic) => ({ Staff: `STAFF-${String(n).padStart(4, '0')}`, Topic: topic, Date: '2025-06-01' }))));
    h.addon.call('refreshComputed');
    h.addon.call('buildSiteReportPage');
    const line = (page: string[][], indicator: string) => page.find((r) => r[0].startsWith(indicator))!;
    const cedar = sitePage(h, CEDAR);
    // Nine person × topic pairs, all held, but three people: below the minimum of 5, so no figure.
    expect(line(cedar, 'Required training covered')).toEqual(['Required training covered', '—', '100%', '— · No figure']);
    expect(line(cedar, 'Photo ID issued')[3]).toBe('— · No figure');
    // Roles filled describe the site, not a person: still shown.
    expect(line(cedar, 'Peer Supporter role filled')[3]).toBe('No · Less than halfway');
    // Harbour's eight people are enough to show their shares.
    expect(line(sitePage(h, HARBOUR), 'Photo ID issued')[3]).toBe('100% · Met');
  });
});

describe('follow-up reminders', () => {
  it('tell the coordinators and email the confirmed evaluator while a follow-up runs, with no answer in them', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    const result = h.addon.call<{ text: string; evaluator?: { recipients: string[]; sent: boolean } }>('sendRemindersNow');
    expect(result.text).toContain(`Follow-up surveys (1)\n- ${HARBOUR}: the follow-up survey is open until 2026-04-30 (46 days left), 6 answers so far of 8 on the roster.`);
    expect(result.evaluator).toMatchObject({ recipients: [EVALUATOR], sent: true });
    const note = h.ws.outbox.find((m) => m.to === EVALUATOR)!;
    expect(note.subject).toContain('follow-up survey');
    expect(note.body).toContain('Close a survey wave');
    expect(note.body).not.toMatch(/HB0\dA\d|Harbour worker/);
  });

  it('send nothing to an evaluator address typed in after the last report a coordinator built', () => {
    const h = evaluationTracker();
    answerBothWaves(h);
    h.addon.call('buildEvaluationReport');
    setSetting(h, 'Evaluator emails', `${EVALUATOR}, someone.else@example.org`);
    const result = h.addon.call<{ evaluator?: { recipients: string[] } }>('sendRemindersNow');
    expect(result.evaluator!.recipients).toEqual([EVALUATOR]);
    expect(h.ws.outbox.some((m) => m.to === 'someone.else@example.org')).toBe(false);
  });
});
