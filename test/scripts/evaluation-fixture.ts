// Test fixture for the evaluation exports: a tracker whose survey rows moved to its Evaluation workbook (the built add-on's Set up private workbooks), and implementation-survey answers laid out as intake lays them out.
import type { Workspace } from '../../workspace';
import type { AddOn } from '../../workspace/bundle';
import { processDefinition } from '../../scripts/lib/export-evaluation';
import type { SurveyDefinition } from '../../addon/surveys/definition';
import { rowFor, surveyColumns, surveyRecord } from '../../addon/surveys/row';
import { scoreResponse, type Answers } from '../../addon/surveys/scoring';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** Runs Set up private workbooks in the tracker as its coordinator and returns the Evaluation workbook's ID. */
export function linkEvaluationWorkbook(ws: Workspace, addon: AddOn, trackerId: string): string {
  ws.openInSheets(trackerId);
  // Set up tracker, run by the coordinator, confirms the coordinator list: only a confirmed coordinator sets up the workbooks.
  addon.call('setupTracker');
  const result = addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
  const evaluation = result.workbooks.find((w) => w.name === 'Evaluation');
  if (!evaluation) throw new Error(`Set up private workbooks made no Evaluation workbook: ${result.problems.join(' ')}`);
  return evaluation.workbookId;
}

/** One fictional answer to the implementation survey: who, where, when, and one answer for every construct item (some overridden). */
export interface ProcessPerson {
  group: 'implementer' | 'recipient';
  site: string;
  /** ISO time the form was sent. */
  at: string;
  /** The answer every construct item gets, by its wording. */
  every: string;
  overrides?: Answers;
}

export function processAnswers(definition: SurveyDefinition, person: ProcessPerson): Answers {
  const group = definition.items.find((i) => i.id === 'respondent_group');
  if (!group || group.type !== 'choice' || !group.optionKeys) throw new Error('The implementation survey has no respondent_group choice.');
  const answers: Answers = { respondent_group: group.options[group.optionKeys.indexOf(person.group)], site: person.site };
  for (const scale of definition.scales) for (const id of scale.items) answers[id] = person.every;
  return { ...answers, ...person.overrides };
}

/**
 * Appends implementation-survey rows to a Survey Responses tab the way intake stores a submission
 * (surveyColumns for the header, surveyRecord for the row: the add-on's own layout), adding the
 * survey's columns to the header row first. The process form's intake is wired in the add-on
 * separately; these rows are what it writes.
 */
export function addProcessAnswers(ws: Workspace, spreadsheetId: string, people: ProcessPerson[], firstId = 900): void {
  const definition = processDefinition();
  const SpreadsheetApp = ws.globals().SpreadsheetApp as SpreadsheetApp;
  ws.execute(() => {
    const ss = SpreadsheetApp.openById(spreadsheetId);
    const sheet = ss.getSheetByName('Survey Responses')!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const added = surveyColumns(definition).filter((h) => !headers.includes(h));
    if (headers.length + added.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), headers.length + added.length - sheet.getMaxColumns());
    if (added.length) sheet.getRange(1, headers.length + 1, 1, added.length).setValues([added]);
    const all = [...headers, ...added];
    const rows = people.map((person, i) => {
      const answers = processAnswers(definition, person);
      const submission = { answers, flags: [], blank: false, submitted: person.at, key: `process-${firstId + i}`, wave: null, site: person.site, participantCode: null };
      const record = surveyRecord(definition, submission, scoreResponse(definition, answers), { timeZone: ss.getSpreadsheetTimeZone(), id: `RESP-${firstId + i}` });
      const row = rowFor(all, record, 'Survey Responses');
      return [...row, ...Array<string>(all.length - row.length).fill('')];
    });
    const first = sheet.getLastRow() + 1;
    if (first + rows.length - 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - 1 - sheet.getMaxRows());
    sheet.getRange(first, 1, rows.length, all.length).setValues(rows);
  });
}

const HARBOUR = 'Harbour Lights Drop-in';
const CEDAR = 'Cedar House';

/**
 * The sample's process survey: Harbour Lights 6 recipients and 2 implementers (a group below the
 * minimum of 5), Cedar House 5 and 5; answers in November 2025 and February–March 2026, some "not relevant".
 */
export function sampleProcessPeople(): ProcessPerson[] {
  const people: ProcessPerson[] = [];
  for (let i = 0; i < 6; i++) people.push({ group: 'recipient', site: HARBOUR, at: `2025-11-${String(2 + i).padStart(2, '0')}T18:05:00Z`, every: i % 2 ? 'Agree' : 'Strongly agree', overrides: i === 0 ? { coherence_2: 'Not relevant to my role', collective_action_2: 'Disagree' } : {} });
  for (let i = 0; i < 2; i++) people.push({ group: 'implementer', site: HARBOUR, at: `2025-11-${String(10 + i).padStart(2, '0')}T21:40:00Z`, every: 'Agree', overrides: { reflexive_monitoring_1: 'Too early to tell' } });
  for (let i = 0; i < 5; i++) people.push({ group: 'recipient', site: CEDAR, at: `2026-02-${String(1 + i).padStart(2, '0')}T16:00:00Z`, every: 'Neither agree nor disagree' });
  for (let i = 0; i < 5; i++) people.push({ group: 'implementer', site: CEDAR, at: `2026-03-${String(2 + i).padStart(2, '0')}T16:30:00Z`, every: i < 2 ? 'Not part of ROSE at my site' : 'Disagree' });
  return people;
}
