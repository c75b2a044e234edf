// Survey definition checks: problems are named by file and path, and a coherent file comes back resolved.
import { answerFields } from '../../addon/surveys/definition';
import { validateSurveyDefinition } from '../../scripts/templates/surveys';
import { evaluation, evaluationRaw, intakeRaw } from './fixtures';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problemsOf(raw: unknown, source = 'test.json'): string {
  try {
    validateSurveyDefinition(raw, source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
}

function edited(edit: (raw: Raw) => void, base: () => Raw = evaluationRaw): Raw {
  const raw = base();
  edit(raw);
  return raw;
}

describe('validateSurveyDefinition', () => {
  it('accepts a coherent survey and writes answer sets out into each item', () => {
    const definition = evaluation();
    const pay1 = definition.items.find((item) => item.id === 'pay_1');
    expect(pay1).toMatchObject({ type: 'choice', options: expect.arrayContaining(['Agree']), optionValues: [1, 2, 3, 4, 5, null] });
    expect(definition).not.toHaveProperty('answerSets');
  });

  it('gives the same definition when a validated one is validated again', () => {
    const once = evaluation();
    expect(validateSurveyDefinition(JSON.parse(JSON.stringify(once)), 'again.json')).toEqual(once);
  });

  it('names the file and the path of a scale item that does not exist', () => {
    const raw = edited((r) => (r.scales[0].items[1] = 'pay_9'));
    expect(problemsOf(raw, 'rose-evaluation.json')).toContain('rose-evaluation.json: scales[0].items[1] "pay_9" is not an item of this survey');
  });

  it('lists every problem of a file, one per line', () => {
    const raw = edited((r) => {
      r.items[4].id = 'pay_2';
      r.scales[0].minAnswered = 9;
    });
    const lines = problemsOf(raw).split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringContaining('test.json: items[5].id "pay_2" is also the id of items[4].id'),
      expect.stringContaining('test.json: scales[0].minAnswered (9) is more than the scale\'s 4 items'),
    ]));
  });

  it('rejects an unknown item type and names the allowed ones', () => {
    expect(problemsOf(edited((r) => (r.items[4].type = 'slider')))).toContain('items[4].type "slider" is not a known type (choice, checkbox, scale, grid');
  });

  it('rejects a misspelt property instead of ignoring it', () => {
    expect(problemsOf(edited((r) => (r.items[4].requried = true)))).toContain('items[4] has an unknown property "requried"');
  });

  it('rejects a choice without options and a choice with an option listed twice', () => {
    expect(problemsOf(edited((r) => (r.items[3].options = [])))).toContain('items[3].options must list at least one option');
    expect(problemsOf(edited((r) => (r.items[3].options = ['Good', 'good '])))).toContain('items[3].options[1] "good " appears twice');
  });

  it('rejects an option that Sheets would read as a formula', () => {
    expect(problemsOf(edited((r) => (r.items[3].options = ['Good', '=1+1'])))).toContain('items[3].options[1] "=1+1" must not start with =, +, - or @');
  });

  it('rejects a scale item that cannot be scored', () => {
    expect(problemsOf(edited((r) => (r.scales[0].items[0] = 'comments')))).toContain('scales[0].items[0] "comments" cannot be scored');
  });

  it('rejects a reverse item that is not one of the scale\'s items', () => {
    expect(problemsOf(edited((r) => (r.scales[0].reverse = ['stress'])))).toContain('scales[0].reverse[0] "stress" is not one of this scale\'s items');
  });

  it('rejects item values outside the scale\'s range', () => {
    expect(problemsOf(edited((r) => (r.scales[0].max = 4)))).toContain('scales[0].items[0] "pay_1" has answer values outside 1–4');
  });

  it('rejects cut-points that do not increase, and an open cut-point before the last', () => {
    expect(problemsOf(edited((r) => (r.scales[0].cutPoints[1].upTo = 2)))).toContain('scales[0].cutPoints[1].upTo (2) must be higher than the cut-point before it (2.5)');
    expect(problemsOf(edited((r) => (r.scales[0].cutPoints[0].upTo = null)))).toContain('scales[0].cutPoints[0].upTo may be left open (null) only on the last cut-point');
  });

  it('rejects a grid without rows or columns', () => {
    expect(problemsOf(edited((r) => (r.items[9].rows = [])))).toContain('items[9].rows must list at least one row');
    expect(problemsOf(edited((r) => delete r.items[9].columns))).toContain('items[9].columns must list at least one column');
  });

  it('rejects two questions with the same title, since Forms keys answers by title', () => {
    expect(problemsOf(edited((r) => (r.items[5].title = 'pay is fair.')))).toContain('items[5].title "pay is fair." is also the title of items[4]');
  });

  it('rejects a question that asks for a name or email in an anonymous survey', () => {
    const byFlag = edited((r) => r.items.push({ id: 'favourite', type: 'short_text', title: 'Favourite colour', required: false, identifying: true }));
    expect(problemsOf(byFlag)).toContain('"favourite" asks for something that identifies a person');
    const byId = edited((r) => r.items.push({ id: 'first_name', type: 'short_text', title: 'What do we call you?', required: false }));
    expect(problemsOf(byId)).toContain('"first_name" asks for something that identifies a person');
    const byTitle = edited((r) => r.items.push({ id: 'reach', type: 'short_text', title: 'Your email, if you want a copy', required: false }));
    expect(problemsOf(byTitle)).toContain('"reach" asks for something that identifies a person');
  });

  it('rejects an anonymous survey that collects email', () => {
    expect(problemsOf(edited((r) => (r.collectEmail = true)))).toContain('collectEmail must be false: the survey is anonymous');
  });

  it('rejects a wave item without both waves', () => {
    expect(problemsOf(edited((r) => (r.items[0].optionKeys = ['baseline', 'later'])))).toContain('items[0].optionKeys must include "follow-up"');
  });

  it('rejects a participant code without a pattern, and a pattern that is not a regular expression', () => {
    expect(problemsOf(edited((r) => delete r.items[2].pattern))).toContain('items[2] is the participant code: it must be a short_text with a pattern');
    expect(problemsOf(edited((r) => (r.items[2].pattern = '^[A-Z')))).toContain('items[2].pattern is not a valid regular expression');
  });

  it('requires an intake form to map every answer to a non-empty column', () => {
    expect(problemsOf(edited((r) => delete r.mapping.details, intakeRaw))).toContain('mapping does not say which Support Requests column holds "details"');
    expect(problemsOf(edited((r) => (r.mapping.details = ' '), intakeRaw))).toContain('mapping.details must be a non-empty column header');
    expect(problemsOf(edited((r) => (r.mapping.nothing = 'Notes'), intakeRaw))).toContain('mapping.nothing "nothing" is not an item of this survey');
  });

  it('keeps the Submission key column for the tool itself', () => {
    expect(problemsOf(edited((r) => (r.mapping.details = 'Submission key'), intakeRaw))).toContain('mapping must not fill "Submission key"');
  });

  it('adds an instrument\'s scales, and says which of its items are missing', () => {
    const message = problemsOf(edited((r) => (r.instruments = ['proqol5'])));
    expect(message).toContain('instrument scale "proqol_burnout".items[0] "proqol_01" is not an item of this survey');
    const withItems = edited((r) => {
      r.instruments = ['proqol5'];
      for (let n = 1; n <= 30; n++) r.items.push({ id: `proqol_${String(n).padStart(2, '0')}`, type: 'scale', title: `Item ${n}`, required: false, min: 1, max: 5 });
    });
    const definition = validateSurveyDefinition(withItems, 'with-proqol.json');
    expect(definition.scales.map((scale) => scale.id)).toEqual(['pay', 'pay_sum', 'workload', 'proqol_compassion_satisfaction', 'proqol_burnout', 'proqol_secondary_traumatic_stress']);
  });

  it('stores each grid row as its own answer', () => {
    expect(answerFields(evaluation()).map((field) => field.id)).toEqual(expect.arrayContaining(['shifts_day', 'shifts_night']));
    expect(answerFields(evaluation()).map((field) => field.id)).not.toContain('shifts');
  });
});
