// Instrument scoring keys: every item counted once, reverse items as published, known answers score by hand.
import type { SurveyDefinition } from '../../addon/surveys/definition';
import { validateSurveyDefinition } from '../../scripts/templates/surveys';
import { instrumentItemId, instrumentItems, instrumentScales } from '../../scripts/templates/instruments';
import { scoreResponse } from '../../addon/surveys/scoring';

function countOf(ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) || 0) + 1);
  return counts;
}

/** A survey holding placeholder items for an instrument (as an organization would, with the real wording). */
function surveyWith(name: 'proqol5' | 'jss'): SurveyDefinition {
  const { count, min, max } = instrumentItems(name);
  const items = [];
  for (let n = 1; n <= count; n++) items.push({ id: instrumentItemId(name, n), type: 'scale', title: `Item ${n}`, required: false, min, max });
  return validateSurveyDefinition(
    { id: 'instrument-test', version: 1, title: 'T', description: 'D', targetTab: 'Survey Responses', anonymous: true, collectEmail: false, items, instruments: [name] },
    'instrument-test.json',
  );
}

describe('ProQOL 5 key', () => {
  const scales = instrumentScales('proqol5');

  it('has three subscales that together hold items 1 to 30 exactly once', () => {
    expect(scales.map((scale) => scale.id)).toEqual(['proqol_compassion_satisfaction', 'proqol_burnout', 'proqol_secondary_traumatic_stress']);
    const counts = countOf(scales.flatMap((scale) => scale.items));
    expect(counts.size).toBe(30);
    for (let n = 1; n <= 30; n++) expect(counts.get(instrumentItemId('proqol5', n))).toBe(1);
  });

  it('reverse-scores items 1, 4, 15, 17 and 29, all in burnout', () => {
    const reverse = scales.flatMap((scale) => scale.reverse).sort();
    expect(reverse).toEqual(['proqol_01', 'proqol_04', 'proqol_15', 'proqol_17', 'proqol_29']);
    expect(scales[1].reverse).toHaveLength(5);
  });

  it('bands sums at 22 or less low, 23 to 41 moderate, 42 or more high', () => {
    const [cs] = scales;
    expect(cs.cutPoints).toEqual([{ upTo: 22, label: 'Low' }, { upTo: 41, label: 'Moderate' }, { upTo: null, label: 'High' }]);
  });

  it('scores a known response as computed by hand', () => {
    const survey = surveyWith('proqol5');
    const answers: Record<string, number> = {};
    for (let n = 1; n <= 30; n++) answers[instrumentItemId('proqol5', n)] = 3;
    answers.proqol_03 = 5; // compassion satisfaction: 9 × 3 + 5 = 32
    answers.proqol_01 = 1; // burnout, reversed: 5; with 4 → 2 and the rest 3: 5 + 2 + 8 × 3 = 31
    answers.proqol_04 = 4;
    answers.proqol_02 = 5; // secondary traumatic stress: 5 + 5 + 8 × 3 = 34
    answers.proqol_05 = 5;
    const result = scoreResponse(survey, answers);
    expect(result.scores).toEqual({ proqol_compassion_satisfaction: 32, proqol_burnout: 31, proqol_secondary_traumatic_stress: 34 });
    expect(result.bands.proqol_burnout).toBe('Moderate');
  });

  it('uses the organization\'s own item ids when given', () => {
    const scales2 = instrumentScales('proqol5', (n) => `pq${n}`);
    expect(scales2[1].items[0]).toBe('pq1');
    expect(scales2[1].reverse).toContain('pq29');
  });
});

describe('Job Satisfaction Survey key', () => {
  const scales = instrumentScales('jss');
  const facets = scales.slice(0, 9);

  it('has nine four-item facets that together hold items 1 to 36 exactly once, and a total of all 36', () => {
    expect(facets.every((facet) => facet.items.length === 4)).toBe(true);
    const counts = countOf(facets.flatMap((facet) => facet.items));
    expect(counts.size).toBe(36);
    for (let n = 1; n <= 36; n++) expect(counts.get(instrumentItemId('jss', n))).toBe(1);
    expect(scales[9].id).toBe('jss_total');
    expect(scales[9].items).toHaveLength(36);
  });

  it('reverse-scores the 19 negatively worded items, 7 minus the answer', () => {
    const reverse = facets.flatMap((facet) => facet.reverse).map((id) => Number(id.slice(4))).sort((a, b) => a - b);
    expect(reverse).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 19, 21, 23, 24, 26, 29, 31, 32, 34, 36]);
    expect(scales[9].reverse).toHaveLength(19);
    expect(facets[0]).toMatchObject({ min: 1, max: 6, scoring: 'sum' });
  });

  it('bands facets 4–12 / 13–15 / 16–24 and the total 36–108 / 109–143 / 144–216', () => {
    expect(facets[0].cutPoints.map((cut) => cut.upTo)).toEqual([12, 15, null]);
    expect(scales[9].cutPoints.map((cut) => cut.upTo)).toEqual([108, 143, null]);
    expect(scales[9].cutPoints.map((cut) => cut.label)).toEqual(['Dissatisfied', 'Ambivalent', 'Satisfied']);
  });

  it('scores a known response as computed by hand', () => {
    const survey = surveyWith('jss');
    const answers: Record<string, number> = {};
    for (let n = 1; n <= 36; n++) answers[instrumentItemId('jss', n)] = 6;
    const result = scoreResponse(survey, answers);
    // Pay is items 1, 10, 19, 28; 10 and 19 are reversed: 6 + 1 + 1 + 6 = 14.
    expect(result.scores.jss_pay).toBe(14);
    expect(result.bands.jss_pay).toBe('Ambivalent');
    // All 6: 17 positive items × 6 + 19 reversed items × 1 = 121.
    expect(result.scores.jss_total).toBe(121);
    expect(result.bands.jss_total).toBe('Ambivalent');
  });
});
