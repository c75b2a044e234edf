// The shipped survey definitions load and validate, and a broken file is named when the build fails.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChoiceItem, ShortTextItem, SurveyDefinition, itemWithRole } from '../../addon/surveys/definition';
import { normalizeSubmission } from '../../addon/surveys/normalize';
import { surveyColumns } from '../../addon/surveys/row';
import { scoreResponse } from '../../addon/surveys/scoring';
import { loadSurveyDefinitions } from '../../scripts/templates/surveys';
import { intakeRaw } from './fixtures';

const shippedDir = path.join(__dirname, '..', '..', 'templates', 'surveys');

function scratchDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rose-surveys-'));
  for (const name of Object.keys(files)) fs.writeFileSync(path.join(dir, name), files[name]);
  return dir;
}

describe('loadSurveyDefinitions', () => {
  const definitions = loadSurveyDefinitions(shippedDir);
  const byId = (id: string): SurveyDefinition => {
    const found = definitions.find((definition) => definition.id === id);
    if (!found) throw new Error(`no survey ${id}`);
    return found;
  };

  it('loads the three shipped surveys in file-name order', () => {
    expect(definitions.map((definition) => definition.id)).toEqual(['rose-evaluation', 'support-request', 'training-feedback']);
  });

  it('ships an anonymous evaluation survey that asks for no name or email', () => {
    const survey = byId('rose-evaluation');
    expect(survey).toMatchObject({ targetTab: 'Survey Responses', anonymous: true, collectEmail: false });
    expect(survey.items.some((item) => item.identifying)).toBe(false);
    for (const role of ['wave', 'site', 'participantCode', 'selfRatedHealth', 'selfRatedMentalHealth'] as const) {
      expect(itemWithRole(survey, role)).toBeDefined();
    }
  });

  it('gives a participant-code example on the form that its own pattern accepts', () => {
    const code = itemWithRole(byId('rose-evaluation'), 'participantCode') as ShortTextItem;
    const example = /: ([A-Z0-9]+)$/.exec(code.help || '');
    expect(example).not.toBeNull();
    expect(new RegExp(code.pattern as string).test((example as RegExpExecArray)[1])).toBe(true);
  });

  it('offers "Prefer not to say" on every demographic question', () => {
    const survey = byId('rose-evaluation');
    for (const id of ['age_group', 'gender', 'indigenous', 'time_in_peer_work', 'hours_per_week']) {
      const item = survey.items.find((candidate) => candidate.id === id) as ChoiceItem;
      expect(item.options).toContain('Prefer not to say');
    }
  });

  it('declares the ROSE working-condition scales, each with a reverse-worded item', () => {
    const survey = byId('rose-evaluation');
    expect(survey.scales.map((scale) => scale.id)).toEqual([
      'role_clarity', 'fair_pay', 'respect_at_work', 'professional_recognition', 'debriefing', 'training_received', 'job_security', 'org_support',
    ]);
    for (const scale of survey.scales) expect(scale.reverse.length).toBeGreaterThan(0);
  });

  it('scores a full evaluation response from the form into every scale', () => {
    const survey = byId('rose-evaluation');
    const namedValues: Record<string, string[]> = {};
    for (const item of survey.items) {
      if (item.type === 'choice' && item.options.length > 0) namedValues[item.title] = [item.options[item.options.length > 5 ? 3 : 0]];
    }
    namedValues[(itemWithRole(survey, 'site') as ChoiceItem).title] = ['Harbour Street'];
    namedValues[(itemWithRole(survey, 'participantCode') as ShortTextItem).title] = ['RO07K2'];
    const normalized = normalizeSubmission(survey, { namedValues, timestamp: new Date('2025-02-01T17:00:00Z') });
    expect(normalized.flags).toEqual([]);
    const scored = scoreResponse(survey, normalized.answers);
    for (const scale of survey.scales) expect(scored.scores[scale.id]).not.toBeNull();
  });

  it('maps training feedback to the Training Log and support requests to Support Requests', () => {
    expect(surveyColumns(byId('training-feedback'))).toEqual(expect.arrayContaining(['Staff', 'Topic', 'Date', 'Provider']));
    expect(surveyColumns(byId('support-request'))).toEqual(expect.arrayContaining(['Type', 'Details', 'Urgency', 'Contact', 'Date', 'Status']));
    expect(byId('support-request').newRowValues).toEqual({ Status: 'New' });
  });

  it('fails with the file name when a file is not valid JSON', () => {
    const dir = scratchDir({ 'good.json': JSON.stringify(intakeRaw()), 'broken.json': '{ "id": ' });
    expect(() => loadSurveyDefinitions(dir)).toThrow(/^broken\.json: is not valid JSON/);
  });

  it('fails with the file name and path when a definition is not coherent', () => {
    const raw = intakeRaw();
    raw.targetTab = 'Staff';
    const dir = scratchDir({ 'intake.json': JSON.stringify(raw) });
    expect(() => loadSurveyDefinitions(dir)).toThrow('intake.json: targetTab "Staff" must be one of');
  });

  it('fails when two files use the same survey id', () => {
    const dir = scratchDir({ 'a.json': JSON.stringify(intakeRaw()), 'b.json': JSON.stringify(intakeRaw()) });
    expect(() => loadSurveyDefinitions(dir)).toThrow('b.json: id "test-intake" is already the id of a.json');
  });
});
