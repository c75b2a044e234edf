// Build time: scoring keys of published instruments, expanded into scales for organizations that add the licensed items themselves (no item wording here).
import type { CutPoint, ScaleDefinition } from '../../addon/surveys/definition';

export type InstrumentName = 'proqol5' | 'jss';
export const INSTRUMENT_NAMES: readonly InstrumentName[] = ['proqol5', 'jss'];

interface Subscale {
  id: string;
  title: string;
  /** Item numbers as printed on the instrument. */
  numbers: number[];
}

interface InstrumentKey {
  itemCount: number;
  min: number;
  max: number;
  /** Item numbers that are reverse-scored (min + max − answer). */
  reverse: number[];
  subscales: Subscale[];
  cutPoints: CutPoint[];
  /** A whole-instrument total, when the key defines one. */
  total?: { id: string; title: string; cutPoints: CutPoint[] };
  /** Our default, not part of the published key: how many answered items a subscale needs to be scored. */
  minAnsweredShare: number;
  note: string;
}

// ProQOL 5 (Professional Quality of Life Scale, version 5), B. Hudnall Stamm, proqol.org.
// 30 items answered 1 (never) to 5 (very often) about the last 30 days; three 10-item subscales, summed.
// Free to copy with credit, unchanged and not sold: the item wording is the organization's to add.
const PROQOL5: InstrumentKey = {
  itemCount: 30,
  min: 1,
  max: 5,
  reverse: [1, 4, 15, 17, 29],
  subscales: [
    { id: 'proqol_compassion_satisfaction', title: 'ProQOL compassion satisfaction', numbers: [3, 6, 12, 16, 18, 20, 22, 24, 27, 30] },
    { id: 'proqol_burnout', title: 'ProQOL burnout', numbers: [1, 4, 8, 10, 15, 17, 19, 21, 26, 29] },
    { id: 'proqol_secondary_traumatic_stress', title: 'ProQOL secondary traumatic stress', numbers: [2, 5, 7, 9, 11, 13, 14, 23, 25, 28] },
  ],
  // 22 or less low, 23–41 moderate, 42 or more high (proqol.org scoring key).
  cutPoints: [
    { upTo: 22, label: 'Low' },
    { upTo: 41, label: 'Moderate' },
    { upTo: null, label: 'High' },
  ],
  minAnsweredShare: 0.8,
  note: 'ProQOL 5 scoring key, proqol.org. Item wording is not included: add it unchanged, with credit, and do not sell it. minAnswered is ROSE Tracker\'s default, not part of the key.',
};

// Job Satisfaction Survey, Paul E. Spector (1985, © 1994), paulspector.com.
// 36 items answered 1 (disagree very much) to 6 (agree very much); nine 4-item facets and a total, summed.
// Free for non-commercial research and education: the item wording is the organization's to add.
const JSS: InstrumentKey = {
  itemCount: 36,
  min: 1,
  max: 6,
  reverse: [2, 4, 6, 8, 10, 12, 14, 16, 18, 19, 21, 23, 24, 26, 29, 31, 32, 34, 36],
  subscales: [
    { id: 'jss_pay', title: 'JSS pay', numbers: [1, 10, 19, 28] },
    { id: 'jss_promotion', title: 'JSS promotion', numbers: [2, 11, 20, 33] },
    { id: 'jss_supervision', title: 'JSS supervision', numbers: [3, 12, 21, 30] },
    { id: 'jss_fringe_benefits', title: 'JSS fringe benefits', numbers: [4, 13, 22, 29] },
    { id: 'jss_contingent_rewards', title: 'JSS contingent rewards', numbers: [5, 14, 23, 32] },
    { id: 'jss_operating_procedures', title: 'JSS operating procedures', numbers: [6, 15, 24, 31] },
    { id: 'jss_coworkers', title: 'JSS coworkers', numbers: [7, 16, 25, 34] },
    { id: 'jss_nature_of_work', title: 'JSS nature of work', numbers: [8, 17, 27, 35] },
    { id: 'jss_communication', title: 'JSS communication', numbers: [9, 18, 26, 36] },
  ],
  // Facet scores 4–24: 4–12 dissatisfied, 13–15 ambivalent, 16–24 satisfied (Spector's interpretation guide).
  cutPoints: [
    { upTo: 12, label: 'Dissatisfied' },
    { upTo: 15, label: 'Ambivalent' },
    { upTo: null, label: 'Satisfied' },
  ],
  // Total 36–216: 36–108 dissatisfied, 109–143 ambivalent, 144–216 satisfied.
  total: {
    id: 'jss_total',
    title: 'JSS total job satisfaction',
    cutPoints: [
      { upTo: 108, label: 'Dissatisfied' },
      { upTo: 143, label: 'Ambivalent' },
      { upTo: null, label: 'Satisfied' },
    ],
  },
  minAnsweredShare: 0.75,
  note: 'Job Satisfaction Survey scoring key, Paul E. Spector (paulspector.com). Item wording is not included: use it only as Spector permits (non-commercial research and education). minAnswered is ROSE Tracker\'s default, not part of the key.',
};

const KEYS: Record<InstrumentName, InstrumentKey> = { proqol5: PROQOL5, jss: JSS };
const PREFIX: Record<InstrumentName, string> = { proqol5: 'proqol', jss: 'jss' };

/** The default item id for item number n: proqol_01 … proqol_30, jss_01 … jss_36. */
export function instrumentItemId(name: InstrumentName, n: number): string {
  return `${PREFIX[name]}_${n < 10 ? '0' : ''}${n}`;
}

/** How many items the instrument has and their answer range, for whoever adds the items to a survey. */
export function instrumentItems(name: InstrumentName): { count: number; min: number; max: number } {
  const key = KEYS[name];
  return { count: key.itemCount, min: key.min, max: key.max };
}

/**
 * The instrument's subscales (and total, for the JSS) as scales a survey can carry. `itemIdFor` maps an
 * item number to the id the organization gave that item; by default proqol_01 … / jss_01 ….
 * Partly answered subscales are prorated (see addon/surveys/scoring.ts); a subscale needs at least
 * minAnsweredShare of its items, our default rather than the publisher's.
 */
export function instrumentScales(name: InstrumentName, itemIdFor?: (n: number) => string): ScaleDefinition[] {
  const key = KEYS[name];
  const idFor = itemIdFor || ((n: number) => instrumentItemId(name, n));
  const scale = (id: string, title: string, numbers: number[], cutPoints: CutPoint[]): ScaleDefinition => ({
    id,
    title,
    items: numbers.map(idFor),
    reverse: numbers.filter((n) => key.reverse.indexOf(n) >= 0).map(idFor),
    min: key.min,
    max: key.max,
    scoring: 'sum',
    minAnswered: Math.ceil(numbers.length * key.minAnsweredShare),
    cutPoints: cutPoints.map((cut) => ({ ...cut })),
    note: key.note,
  });
  const scales = key.subscales.map((sub) => scale(sub.id, sub.title, sub.numbers, key.cutPoints));
  if (key.total) {
    const all: number[] = [];
    for (let n = 1; n <= key.itemCount; n++) all.push(n);
    scales.push(scale(key.total.id, key.total.title, all, key.total.cutPoints));
  }
  return scales;
}
