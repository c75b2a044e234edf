// Small survey definitions shared by the survey tests: just enough of each item type to pin behaviour.
import type { SurveyDefinition } from '../../addon/surveys/definition';
import { validateSurveyDefinition } from '../../scripts/templates/surveys';

/** A fresh copy each call, so a test can break one field without touching the others. */
export function evaluationRaw(): Record<string, unknown> {
  return {
    id: 'test-evaluation',
    version: 2,
    title: 'Test evaluation',
    description: 'A survey for tests.',
    targetTab: 'Survey Responses',
    anonymous: true,
    collectEmail: false,
    answerSets: {
      agree: {
        options: ['Strongly disagree', 'Disagree', 'Unsure', 'Agree', 'Strongly agree', 'Does not apply'],
        optionValues: [1, 2, 3, 4, 5, null],
      },
    },
    items: [
      { id: 'wave', type: 'choice', role: 'wave', title: 'Which survey is this?', required: true, options: ['First', 'Follow-up'], optionKeys: ['baseline', 'follow-up'] },
      { id: 'site', type: 'choice', role: 'site', title: 'Where do you work?', required: true, optionsFrom: 'sites' },
      { id: 'code', type: 'short_text', role: 'participantCode', title: 'Your code', required: true, pattern: '^[A-Z]{2}[0-9]{2}$' },
      { id: 'health', type: 'choice', role: 'selfRatedHealth', title: 'Your health', required: false, options: ['Excellent', 'Very good', 'Good', 'Fair', 'Poor'] },
      { id: 'pay_1', type: 'choice', title: 'Pay is fair.', required: false, answerSet: 'agree' },
      { id: 'pay_2', type: 'choice', title: 'Pay is on time.', required: false, answerSet: 'agree' },
      { id: 'pay_3', type: 'choice', title: 'Pay is worse than elsewhere.', required: false, answerSet: 'agree' },
      { id: 'pay_4', type: 'choice', title: 'Pay covers my needs.', required: false, answerSet: 'agree' },
      { id: 'stress', type: 'scale', title: 'How stressful is work?', required: false, min: 1, max: 5 },
      {
        id: 'shifts', type: 'grid', title: 'How often do you work', required: false,
        rows: [{ id: 'shifts_day', label: 'Days' }, { id: 'shifts_night', label: 'Nights' }],
        columns: ['Never', 'Sometimes', 'Often'], columnValues: [1, 2, 3],
      },
      { id: 'wanted', type: 'checkbox', title: 'Training you want', required: false, options: ['First aid, CPR', 'Naloxone', 'Self-care'] },
      { id: 'last_training', type: 'date', title: 'Last training day', required: false },
      { id: 'comments', type: 'long_text', title: 'Anything else?', required: false },
    ],
    scales: [
      {
        id: 'pay', title: 'Fair pay', items: ['pay_1', 'pay_2', 'pay_3', 'pay_4'], reverse: ['pay_3'],
        min: 1, max: 5, scoring: 'mean', minAnswered: 3,
        cutPoints: [{ upTo: 2.5, label: 'Low' }, { upTo: 3.5, label: 'Mixed' }, { upTo: null, label: 'High' }],
      },
      {
        id: 'pay_sum', title: 'Fair pay (sum)', items: ['pay_1', 'pay_2', 'pay_3', 'pay_4'], reverse: ['pay_3'],
        min: 1, max: 5, scoring: 'sum', minAnswered: 3,
        cutPoints: [{ upTo: 10, label: 'Low' }, { upTo: 20, label: 'High' }],
      },
      {
        id: 'workload', title: 'Workload', items: ['stress', 'shifts_night'], reverse: [],
        min: 1, max: 5, scoring: 'sum', minAnswered: 2, cutPoints: [],
      },
    ],
  };
}

export function evaluation(): SurveyDefinition {
  return validateSurveyDefinition(evaluationRaw(), 'test-evaluation.json');
}

export function intakeRaw(): Record<string, unknown> {
  return {
    id: 'test-intake',
    version: 1,
    title: 'Test intake',
    description: 'An intake form for tests.',
    targetTab: 'Support Requests',
    anonymous: false,
    collectEmail: false,
    items: [
      { id: 'request_type', type: 'choice', title: 'What do you need?', required: true, options: ['ID', 'Housing'] },
      { id: 'contact', type: 'short_text', identifying: true, title: 'How can we reach you?', required: true },
      { id: 'details', type: 'long_text', title: 'Details', required: false },
    ],
    mapping: { request_type: 'Type', contact: 'Contact', details: 'Details', '@submitted': 'Date' },
    newRowValues: { Status: 'New' },
  };
}

export function intake(): SurveyDefinition {
  return validateSurveyDefinition(intakeRaw(), 'test-intake.json');
}
