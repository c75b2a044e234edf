// The implementation survey in our own words, scored per NPT construct, and the interview log summed up per ROSE strategy.
import * as path from 'path';
import { interviewSummary, processReport, scoreProcessResponse, type ProcessResponse } from '../../addon/evaluation/process';
import type { ChoiceItem, SurveyDefinition } from '../../addon/surveys/definition';
import type { Answers } from '../../addon/surveys/scoring';
import type { Table } from '../../addon/tracker/table';
import { loadSurveyDefinitions } from '../../scripts/templates/surveys';
import { tables } from './tables';

const [survey]: SurveyDefinition[] = loadSurveyDefinitions(path.join(__dirname, '..', '..', 'templates', 'evaluation'));
const IMPLEMENTER = 'I help put ROSE in place (manager, coordinator or site lead)';
const RECIPIENT = 'ROSE is for me (peer worker, Peer Supporter or Systems Navigator)';

/** Every construct item answered with the same wording, then some overridden. */
function answers(group: string, site: string, everyItem: string, overrides: Answers = {}): Answers {
  const out: Answers = { respondent_group: group, site };
  for (const scale of survey.scales) for (const id of scale.items) out[id] = everyItem;
  return { ...out, ...overrides };
}

describe('the implementation survey definition', () => {
  it('passes the survey validator with 20 construct items: coherence 4, cognitive participation 4, collective action 7, reflexive monitoring 5', () => {
    expect(survey).toMatchObject({ id: 'rose-process', anonymous: true, collectEmail: false, targetTab: 'Survey Responses' });
    expect(survey.scales.map((s) => [s.id, s.items.length, s.minAnswered])).toEqual([
      ['npt_coherence', 4, 2], ['npt_cognitive_participation', 4, 2], ['npt_collective_action', 7, 4], ['npt_reflexive_monitoring', 5, 3],
    ]);
    expect(survey.scales.every((s) => s.scoring === 'mean')).toBe(true);
  });

  it('offers five agreement answers and three "not relevant" answers that do not count', () => {
    const item = survey.items.find((i) => i.id === 'coherence_1') as ChoiceItem;
    expect(item.options).toContain('Not relevant to my role');
    expect(item.optionValues).toEqual([1, 2, 3, 4, 5, null, null, null]);
  });

  it('asks nothing that names a person, and who answers only by implementer or recipient', () => {
    expect(survey.items.some((i) => i.identifying || i.type === 'short_text' || i.type === 'long_text')).toBe(false);
    expect((survey.items.find((i) => i.id === 'respondent_group') as ChoiceItem).optionKeys).toEqual(['implementer', 'recipient']);
  });
});

describe('scoreProcessResponse', () => {
  it('scores each construct as the mean of its answered items, leaving "not relevant" out', () => {
    const scored = scoreProcessResponse(survey, answers(IMPLEMENTER, 'Harbour', 'Agree', {
      coherence_1: 'Strongly agree', coherence_2: 'Not relevant to my role', coherence_3: 'Disagree', coherence_4: 'Too early to tell',
    }));
    expect(scored.group).toBe('implementer');
    expect(scored.site).toBe('Harbour');
    expect(scored.scores.npt_coherence).toBe(3.5); // (5 + 2) / 2
    // "Agree" everywhere else, with one reverse-worded collective-action item: (4·6 + (6 − 4)) / 7.
    expect(scored.scores.npt_collective_action).toBe(Math.round(((4 * 6 + 2) / 7) * 100) / 100);
    expect(scored.scores.npt_reflexive_monitoring).toBe(4);
  });

  it('leaves a construct empty when fewer than half its items are answered', () => {
    const scored = scoreProcessResponse(survey, answers(RECIPIENT, 'Harbour', 'Not part of ROSE at my site', {
      coherence_1: 'Agree', collective_action_1: 'Agree', collective_action_3: 'Agree', collective_action_4: 'Agree',
      cognitive_participation_1: 'Agree', cognitive_participation_2: 'Agree',
    }));
    expect(scored.group).toBe('recipient');
    expect(scored.scores).toEqual({ npt_coherence: null, npt_cognitive_participation: 4, npt_collective_action: null, npt_reflexive_monitoring: null });
  });
});

describe('processReport', () => {
  const group = (g: 'implementer' | 'recipient', site: string, n: number, coherence: number): ProcessResponse[] =>
    Array.from({ length: n }, () => ({ site, group: g, scores: { npt_coherence: coherence } }));
  const constructs = [{ id: 'npt_coherence', title: 'Coherence' }];

  it('reports each group per site and hides groups below the minimum size, and the complement that would give them away', () => {
    const report = processReport([...group('recipient', 'Harbour', 6, 4), ...group('recipient', 'Ridge', 5, 2), ...group('implementer', 'Harbour', 2, 5), ...group('recipient', 'Quiet', 1, 1)], constructs, 5);
    const recipients = report.groups.find((g) => g.group === 'recipient')!;
    expect(recipients.sites.map((s) => [s.site, s.respondents])).toEqual([['Harbour', 6], ['Quiet', { suppressed: true }], ['Ridge', { suppressed: true, complementary: true }]]);
    expect(recipients.overall.constructs.npt_coherence).toBeCloseTo((6 * 4 + 5 * 2 + 1) / 12, 12);
    const implementers = report.groups.find((g) => g.group === 'implementer')!;
    expect(implementers.overall.respondents).toEqual({ suppressed: true });
    const everyone = report.groups.find((g) => g.group === 'everyone')!;
    expect(everyone.sites.find((s) => s.site === 'Harbour')!.constructs.npt_coherence).toBeCloseTo((6 * 4 + 2 * 5) / 8, 12);
  });
});

describe('interviewSummary', () => {
  const log = tables({
    'Interview Log': [
      { ID: 'INT-0001', Date: '2026-02-01', Role: 'Recipient (peer staff)', 'Consent recorded': 'Yes', 'ROSE strategy': 'Photo ID cards', 'NPT constructs': 'Coherence, collective action', 'What they said': 'Works', 'Short notes': 'ID card opens doors at the hospital' },
      { ID: 'INT-0002', Date: '2026-02-02', Role: 'Implementer (manager or coordinator)', 'Consent recorded': 'Yes', 'ROSE strategy': 'photo id cards', 'NPT constructs': 'Collective action', 'What they said': 'Does not work', 'Short notes': 'Printer broke, cards late' },
      { ID: 'INT-0003', Date: '2026-02-03', Role: 'Recipient (peer staff)', 'Consent recorded': 'No', 'ROSE strategy': 'Living wage', 'What they said': 'Works', 'Short notes': 'should never be counted' },
      { ID: 'INT-0004', Date: '2026-02-04', Role: 'Recipient (peer staff)', 'Consent recorded': 'Yes', 'ROSE strategy': 'Living wage', 'NPT constructs': 'Reflexive monitoring, Sense-making', 'What they said': 'Mixed', 'Short notes': 'Raise helped; hours cut' },
      { ID: 'INT-0005', Date: '2026-02-05', Role: 'Recipient (peer staff)', 'Consent recorded': 'Yes', 'ROSE strategy': 'Living wage', 'What they said': 'Works' },
    ],
  })['Interview Log'] as Table<'Interview Log'>;

  it('counts what people said works and does not, per strategy, by role and construct, with consent only', () => {
    const summary = interviewSummary(log);
    expect(summary.strategies.map((s) => [s.strategy, s.interviews, s.works, s.doesNotWork, s.mixed])).toEqual([
      ['Living wage', 2, 1, 0, 1], ['Photo ID cards', 2, 1, 1, 0],
    ]);
    const id = summary.strategies[1];
    expect(id.byRole).toEqual({ 'Recipient (peer staff)': 1, 'Implementer (manager or coordinator)': 1 });
    expect(id.constructs).toEqual({ Coherence: 1, 'Collective action': 2 });
    expect(id.notes).toBeUndefined();
    expect(summary.withoutConsent).toEqual([4]);
    expect(summary.problems).toEqual(['Interview Log, row 5, column NPT constructs: "Sense-making" is not an NPT construct (Coherence, Cognitive participation, Collective action, Reflexive monitoring).']);
  });

  it("gives the evaluator the notes by what was said, never a note from a row without consent", () => {
    const summary = interviewSummary(log, { includeNotes: true });
    expect(summary.strategies[1].notes).toEqual({ works: ['ID card opens doors at the hospital'], doesNotWork: ['Printer broke, cards late'], mixed: [], notSaid: [] });
    expect(JSON.stringify(summary)).not.toContain('should never be counted');
  });
});
