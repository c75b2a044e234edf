// Sample survey answers for `npm start`: builds the forms, then fictional staff answer them on their phones (two waves, both sites, some matched, one small group).
import { join } from 'node:path';
import type { Workspace } from '../../workspace';
import type { AddOn } from '../../workspace/bundle';
import type { PersonAnswers } from '../../workspace/forms';
import { loadSurveyDefinitions } from '../templates/surveys';
import type { ChoiceItem, SurveyDefinition } from '../../addon/surveys/definition';
import { propertyKey } from '../../addon/core/keys';
import { shiftSampleDate } from './organization';

export const SURVEYS_DIR = join(__dirname, '..', '..', 'templates', 'surveys');
/** The process evaluation's implementation survey, built into a form alongside the others. */
export const EVALUATION_SURVEYS_DIR = join(__dirname, '..', '..', 'templates', 'evaluation');

export function sampleDefinitions(): SurveyDefinition[] {
  return [...loadSurveyDefinitions(SURVEYS_DIR), ...loadSurveyDefinitions(EVALUATION_SURVEYS_DIR)];
}

export function definitionById(id: string): SurveyDefinition {
  const found = sampleDefinitions().find((d) => d.id === id);
  if (!found) throw new Error(`No survey ${id} in templates/surveys or templates/evaluation`);
  return found;
}

/** One fictional person's evaluation answers. `mood` 1–5 moves every agreement answer (reverse items the other way). */
export interface EvaluationPerson {
  wave: 'baseline' | 'follow-up';
  site: string;
  code: string;
  mood: number;
  health?: string;
  /** Per scale id, how far this person's answers on that scale sit from their mood (none: every scale at the mood). */
  lean?: Record<string, number>;
}

/**
 * How the sample's people lean per scale, by wave, against their mood: pay and job security are the
 * sore points and training the best part in both waves; a year on, recognition and debriefing have
 * moved most and training least.
 * Fictional, chosen so that the scales tell apart in the report.
 */
const SAMPLE_LEAN: Record<EvaluationPerson['wave'], Record<string, number>> = {
  baseline: { role_clarity: -0.2, fair_pay: -0.9, respect_at_work: 0.1, professional_recognition: -0.6, debriefing: -0.4, training_received: 0.4, job_security: -0.7, org_support: 0 },
  'follow-up': { role_clarity: -0.6, fair_pay: -1.2, respect_at_work: -0.3, professional_recognition: -0.6, debriefing: -0.6, training_received: -0.2, job_security: -1.3, org_support: -0.5 },
};

/**
 * A person's lean per scale: the wave's lean plus a personal half step up, down or none, taken from
 * their participant code so that it is the same on every run and differs between people and scales.
 */
export function sampleLean(code: string, wave: EvaluationPerson['wave']): Record<string, number> {
  const seed = [...code].reduce((sum, ch, i) => sum + ch.charCodeAt(0) * (i + 1), 0);
  return Object.fromEntries(Object.entries(SAMPLE_LEAN[wave]).map(([scale, lean], i) => [scale, lean + (((seed + i * 7) % 3) - 1) * 0.5]));
}

/** The answers a person gives the evaluation form, keyed by question title as Forms keys them. */
export function evaluationAnswers(definition: SurveyDefinition, person: EvaluationPerson): PersonAnswers {
  const answers: PersonAnswers = {};
  const reverse = new Set(definition.scales.flatMap((s) => s.reverse));
  const scaleOf = new Map(definition.scales.flatMap((s) => s.items.map((id) => [id, s.id] as const)));
  for (const item of definition.items) {
    if (item.role === 'wave') {
      const choice = item as ChoiceItem;
      answers[item.title] = choice.options[choice.optionKeys!.indexOf(person.wave)];
    } else if (item.role === 'site') answers[item.title] = person.site;
    else if (item.role === 'participantCode') answers[item.title] = person.code;
    else if (item.role === 'selfRatedHealth' || item.role === 'selfRatedMentalHealth') answers[item.title] = person.health ?? 'Good';
    else if (item.type === 'choice' && item.optionValues) {
      const feeling = person.mood + (person.lean?.[scaleOf.get(item.id) ?? ''] ?? 0);
      const level = Math.max(1, Math.min(5, Math.round(reverse.has(item.id) ? 6 - feeling : feeling)));
      answers[item.title] = item.options[item.optionValues.indexOf(level)];
    }
  }
  return answers;
}

/** The sample's evaluator, as its Settings name them (Evaluator emails). */
export const SAMPLE_EVALUATOR = 'evaluator@example.org';

/** One fictional person's implementation-survey answers: their part in ROSE, their site, and how much they agree (1–5) throughout. */
export interface ProcessPerson {
  group: 'implementer' | 'recipient';
  site: string;
  agreement: number;
  /** Item ids answered "Not relevant to my role". */
  notRelevant?: string[];
}

/** The answers a person gives the implementation survey, keyed by question title. */
export function processAnswers(definition: SurveyDefinition, person: ProcessPerson): PersonAnswers {
  const answers: PersonAnswers = {};
  const reverse = new Set(definition.scales.flatMap((s) => s.reverse));
  for (const item of definition.items) {
    if (item.type !== 'choice') continue;
    if (item.optionKeys) answers[item.title] = item.options[item.optionKeys.indexOf(person.group)];
    else if (item.role === 'site') answers[item.title] = person.site;
    else if (item.optionValues) {
      if (person.notRelevant?.includes(item.id)) { answers[item.title] = item.options[item.optionValues.indexOf(null)]; continue; }
      const level = Math.max(1, Math.min(5, Math.round(reverse.has(item.id) ? 6 - person.agreement : person.agreement)));
      answers[item.title] = item.options[item.optionValues.indexOf(level)];
    }
  }
  return answers;
}

/**
 * The implementation survey for the sample: at Harbour Lights six peer staff and three managers, at
 * Cedar House five peer staff and two managers (the managers' groups are below the minimum size, so the
 * report hides them), answered while the follow-up ran.
 */
export function submitSampleProcessResponses(ws: Workspace, spreadsheetId: string, shiftDays = 0): number {
  const at = (iso: string): Date => answeredAt(ws, iso, shiftDays);
  const definition = definitionById('rose-process');
  const formId = formIdOf(ws, spreadsheetId, definition.id);
  const people: (ProcessPerson & { at: string })[] = [];
  const harbour = 'Harbour Lights Drop-in';
  const cedar = 'Cedar House';
  [4, 5, 4, 3, 4, 5].forEach((agreement, i) => people.push({ group: 'recipient', site: harbour, agreement, at: `2026-03-0${5 + (i % 3)}T19:00:00Z`, notRelevant: i === 0 ? ['collective_action_7'] : [] }));
  [4, 4, 5].forEach((agreement, i) => people.push({ group: 'implementer', site: harbour, agreement, at: `2026-03-0${6 + i}T16:00:00Z` }));
  [3, 3, 4, 2, 3].forEach((agreement, i) => people.push({ group: 'recipient', site: cedar, agreement, at: `2026-03-${String(9 + i).padStart(2, '0')}T18:00:00Z` }));
  [4, 3].forEach((agreement, i) => people.push({ group: 'implementer', site: cedar, agreement, at: `2026-03-1${i}T15:00:00Z` }));
  for (const person of people) {
    const result = ws.submitForm(formId, processAnswers(definition, person), { at: at(person.at) });
    for (const run of result.runs) if (run.error) throw new Error(`The implementation survey's answer was not stored: ${run.error}`);
  }
  return people.length;
}

/**
 * A sample answer's moment, moved with the story; an answer after the Workspace's clock (the sample's
 * day) stops the run, since the tracker would list it in Data check as a survey from the future.
 */
function answeredAt(ws: Workspace, iso: string, shiftDays: number): Date {
  const moment = new Date(shiftSampleDate(iso, shiftDays));
  const now = ws.host.now();
  if (moment.getTime() > now.getTime()) {
    throw new Error(`A sample answer is dated ${moment.toISOString()}, after the sample's day (${now.toISOString()}): date it in the sample's past.`);
  }
  return moment;
}

/** Where a survey's form is, as the add-on saved it in the document's properties. */
export function formIdOf(ws: Workspace, spreadsheetId: string, surveyId: string): string {
  const store = ws.properties.store(`document:${ws.scriptId}:${spreadsheetId}`);
  const text = store.get(propertyKey('form', surveyId));
  if (!text) throw new Error(`No form for ${surveyId}: run Create or update forms first.`);
  return (JSON.parse(text) as { formId: string }).formId;
}

/**
 * Creates the forms and submits fictional responses through the trigger path. Harbour Lights: 6 at
 * baseline (everyone then on its roster), 6 a year later, 5 of them matched by their code. Cedar
 * House: 5 at baseline but only 4 at follow-up so far — a group below the minimum size, which the
 * report shows as suppressed (with the evaluation's story, a fifth follow-up brings it to the minimum).
 * Each person leans their own way per scale (sampleLean), so the scales differ as real answers do.
 */
export function submitSampleResponses(ws: Workspace, addon: AddOn, spreadsheetId: string, shiftDays = 0, options: { evaluation?: boolean } = {}): { submitted: number; failed: string[] } {
  // The answers are dated in the sample's story, moved with it (see loadSampleOrganization).
  const at = (iso: string): Date => answeredAt(ws, iso, shiftDays);
  addon.call('createOrUpdateForms');
  const evaluation = definitionById('rose-evaluation');
  const formId = formIdOf(ws, spreadsheetId, evaluation.id);
  const people: (EvaluationPerson & { at: string })[] = [];
  const harbour = 'Harbour Lights Drop-in';
  const cedar = 'Cedar House';
  // Six people on Harbour Lights' roster on the first baseline day (templates/sample: Staff), six answers.
  const harbourCodes = ['RO07K2', 'MA12V0', 'XX23P1', 'LI30S3', 'JO05N9', 'AN19K0'];
  harbourCodes.forEach((code, i) => people.push({ wave: 'baseline', site: harbour, code, mood: 2 + (i % 2), health: i % 3 ? 'Fair' : 'Good', at: `2025-03-${String(3 + i).padStart(2, '0')}T18:00:00Z` }));
  harbourCodes.slice(0, 5).forEach((code, i) => people.push({ wave: 'follow-up', site: harbour, code, mood: 4, health: i % 2 ? 'Very good' : 'Good', at: `2026-03-${String(2 + i).padStart(2, '0')}T18:30:00Z` }));
  people.push({ wave: 'follow-up', site: harbour, code: 'DE14T4', mood: 3, at: '2026-03-09T19:00:00Z' });
  const cedarCodes = ['SA08C2', 'PA27W1', 'GR11Q0', 'HE04H5', 'BO16V2'];
  // Cedar House started in February 2025, so its follow-up opened in February 2026 and is still open on the sample's day.
  cedarCodes.forEach((code, i) => people.push({ wave: 'baseline', site: cedar, code, mood: 3, health: i % 2 ? 'Good' : 'Poor', at: `2025-02-${String(10 + i).padStart(2, '0')}T17:00:00Z` }));
  cedarCodes.slice(0, 3).forEach((code) => people.push({ wave: 'follow-up', site: cedar, code, mood: 4, at: '2026-03-10T17:00:00Z' }));
  // With the evaluation's story (npm start), one more Cedar House follow-up brings it to the minimum group size.
  if (options.evaluation) people.push({ wave: 'follow-up', site: cedar, code: 'BO16V2', mood: 3, at: '2026-03-12T17:00:00Z' });

  const failed: string[] = [];
  let submitted = 0;
  for (const person of people) {
    const result = ws.submitForm(formId, evaluationAnswers(evaluation, { ...person, lean: sampleLean(person.code, person.wave) }), { at: at(person.at) });
    submitted += 1;
    for (const run of result.runs) if (run.error) failed.push(run.error);
  }
  // The known duplicate delivery, once: it must not add a row.
  const last = ws.submitForm(formId, evaluationAnswers(evaluation, { wave: 'follow-up', site: cedar, code: 'HE04H5', mood: 2 }), { at: at('2026-03-11T17:00:00Z') });
  submitted += 1;
  if (last.event) ws.fireFormSubmitAgain(last.event, { blank: true });

  const training = definitionById('training-feedback');
  const trainingForm = formIdOf(ws, spreadsheetId, training.id);
  const t = (id: string) => training.items.find((i) => i.id === id)!.title;
  ws.submitForm(trainingForm, {
    [t('staff_name')]: 'Alex Moreno', [t('topic')]: 'Naloxone administration', [t('training_date')]: shiftSampleDate('2026-03-10', shiftDays),
    [t('provider')]: 'Health authority (fictional)', [t('usefulness')]: '5', [t('what_to_add')]: 'More practice with the kit.',
  }, { at: at('2026-03-10T22:00:00Z') });
  submitted += 1;

  const support = definitionById('support-request');
  const supportForm = formIdOf(ws, spreadsheetId, support.id);
  const s = (id: string) => support.items.find((i) => i.id === id)!.title;
  ws.submitForm(supportForm, {
    [s('request_for')]: 'Systems Navigator', [s('request_type')]: 'Housing application', [s('urgency')]: 'This week',
    [s('contact')]: 'Text me at the drop-in number', [s('details')]: 'Deadline is the end of the month.',
  }, { at: at('2026-03-13T20:00:00Z') });
  submitted += 1;

  if (options.evaluation) submitted += submitSampleProcessResponses(ws, spreadsheetId, shiftDays);

  addon.call('buildEvaluationReport');
  return { submitted, failed };
}

/**
 * The evaluator's part of the sample: Harbour Lights' follow-up has run, so it is closed (its report
 * frozen); Cedar House's opens soon. Then the Process evaluation report and each site's one page.
 */
export function runSampleEvaluation(ws: Workspace, addon: AddOn, spreadsheetId: string): { closed: string; processRows: number; siteReportRows: number } {
  // The evaluator named in Settings closes the wave: the coordinators share the tracker with them.
  ws.share(spreadsheetId, SAMPLE_EVALUATOR, 'editor');
  const closed = addon.call<{ site: string; closedOn: string }>('closeSurveyWave', ['Harbour Lights Drop-in', 'follow-up'], { user: SAMPLE_EVALUATOR });
  const process = addon.call<{ rows: number }>('buildProcessEvaluationReport');
  const site = addon.call<{ rows: number }>('buildSiteReportPage');
  return { closed: `${closed.site} on ${closed.closedOn}`, processRows: process.rows, siteReportRows: site.rows };
}
