// Scoring engine: turns one response's answers into a score and a band for every scale of its survey.
import { AnswerField, ScaleDefinition, SurveyDefinition, answerFields, numericValues } from './definition';

/** One answer as stored: an option's wording, checked boxes, a number, or nothing. */
export type Answer = string | string[] | number | null;
/** A response's answers by answer id (item id, or grid row id). */
export type Answers = Record<string, Answer>;

export interface ScoredResponse {
  /** Score per scale id; null when too few items were answered. */
  scores: Record<string, number | null>;
  /** Cut-point label per scale id; null when there is no score or no band for it. */
  bands: Record<string, string | null>;
  /** How many of each scale's items had a usable answer. */
  answered: Record<string, number>;
}

interface ItemPlan {
  id: string;
  reverse: boolean;
  /** Option wording (lower case, trimmed) → value; null for options that do not count, like "Does not apply". */
  byLabel: Map<string, number | null>;
  /** Numbers accepted as they are (a linear scale's range, or a choice's option values). */
  accepted: Set<number>;
}

interface ScalePlan {
  scale: ScaleDefinition;
  items: ItemPlan[];
}

// Plans are built once per definition object and reused, so scoring many rows does no lookups twice.
const plans = new WeakMap<SurveyDefinition, ScalePlan[]>();

function planFor(definition: SurveyDefinition): ScalePlan[] {
  const cached = plans.get(definition);
  if (cached) return cached;
  const fields = new Map<string, AnswerField>();
  for (const field of answerFields(definition)) fields.set(field.id, field);
  const plan = definition.scales.map((scale) => ({
    scale,
    items: scale.items.map((id) => itemPlan(id, fields.get(id), scale.reverse.indexOf(id) >= 0)),
  }));
  plans.set(definition, plan);
  return plan;
}

function itemPlan(id: string, field: AnswerField | undefined, reverse: boolean): ItemPlan {
  const byLabel = new Map<string, number | null>();
  const accepted = new Set<number>((field && numericValues(field)) || []);
  if (field) {
    const item = field.item;
    const labels = item.type === 'choice' ? item.options : item.type === 'grid' ? item.columns : [];
    const values = item.type === 'choice' ? item.optionValues : item.type === 'grid' ? item.columnValues : undefined;
    if (values) labels.forEach((label, i) => byLabel.set(label.trim().toLowerCase(), values[i]));
  }
  return { id, reverse, byLabel, accepted };
}

/** The number an answer counts as, or null when it is missing or cannot count (unknown wording, out of range). */
function valueOf(plan: ItemPlan, answer: Answer | undefined): number | null {
  if (answer === null || answer === undefined || Array.isArray(answer)) return null;
  if (typeof answer === 'number') return plan.accepted.has(answer) ? answer : null;
  const label = answer.trim().toLowerCase();
  if (label === '') return null;
  const fromLabel = plan.byLabel.get(label);
  if (fromLabel !== undefined) return fromLabel;
  const number = Number(label);
  return Number.isFinite(number) && plan.accepted.has(number) ? number : null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The label of the first cut-point the score does not exceed; null when none applies. */
export function bandFor(scale: ScaleDefinition, score: number | null): string | null {
  if (score === null) return null;
  for (const cut of scale.cutPoints) {
    if (cut.upTo === null || score <= cut.upTo) return cut.label;
  }
  return null;
}

function scoreScale(plan: ScalePlan, answers: Answers): { score: number | null; answered: number } {
  const { scale } = plan;
  let total = 0;
  let answered = 0;
  for (const item of plan.items) {
    const value = valueOf(item, answers[item.id]);
    if (value === null) continue;
    total += item.reverse ? scale.min + scale.max - value : value;
    answered++;
  }
  if (answered < scale.minAnswered || answered === 0) return { score: null, answered };
  if (scale.scoring === 'mean') return { score: round2(total / answered), answered };
  // A sum with a few items missing (but at least minAnswered) is prorated: the mean of the answered
  // items times the number of items, rounded to 2 decimals, so that it stays on the full scale's range
  // and its cut-points still apply. A complete sum is left exact.
  if (answered === plan.items.length) return { score: total, answered };
  return { score: round2((total / answered) * plan.items.length), answered };
}

/**
 * Scores one response against every scale of its survey. Answers may be option wording (any case),
 * numbers, or numbers as text; a reverse-scored item counts min + max − answer.
 */
export function scoreResponse(definition: SurveyDefinition, answers: Answers): ScoredResponse {
  return scoreWithPlan(planFor(definition), answers);
}

/** Scores many responses to one survey, building the lookup tables once. */
export function scoreMany(definition: SurveyDefinition, rows: Answers[]): ScoredResponse[] {
  const plan = planFor(definition);
  const results: ScoredResponse[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) results[i] = scoreWithPlan(plan, rows[i]);
  return results;
}

function scoreWithPlan(plan: ScalePlan[], answers: Answers): ScoredResponse {
  const result: ScoredResponse = { scores: {}, bands: {}, answered: {} };
  for (const scalePlan of plan) {
    const { score, answered } = scoreScale(scalePlan, answers);
    const id = scalePlan.scale.id;
    result.scores[id] = score;
    result.bands[id] = bandFor(scalePlan.scale, score);
    result.answered[id] = answered;
  }
  return result;
}
