// Form intake: answers by title become answers by id, unsafe text is guarded, repeated deliveries are recognised.
import {
  FormSubmission,
  guardText,
  normalizeSubmission,
  readDateAnswer,
  splitCheckboxAnswer,
  submissionKey,
} from '../../addon/surveys/normalize';
import { answersFromRecord, itemIdFromHeader, scaleIdFromHeader, surveyColumns, surveyRecord, waveKey, waveLabel } from '../../addon/surveys/row';
import { WAVES } from '../../addon/surveys/definition';
import { tabSpec } from '../../addon/tracker/schema';
import { scoreResponse } from '../../addon/surveys/scoring';
import { evaluation, intake } from './fixtures';

/** A written record as Sheets holds it: a leading apostrophe only says "text" and is not stored. */
function asStored<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v])) as T;
}

const definition = evaluation();
const when = new Date('2025-03-14T18:22:05.000Z');
/** The zone this test runs in: the expected day below is read with the host's local getters. */
const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function submission(answers: Record<string, string>, timestamp = when): FormSubmission {
  const namedValues: Record<string, string[]> = { Timestamp: ['3/14/2025 11:22:05'] };
  for (const title of Object.keys(answers)) namedValues[title] = [answers[title]];
  return { namedValues, timestamp };
}

const complete = {
  'Which survey is this?': 'First',
  'Where do you work?': 'Harbour Street',
  'Your code': 'ro 07',
  'Your health': 'Very good',
  'Pay is fair.': 'Agree',
  'Pay is on time.': 'Strongly agree',
  'Pay is worse than elsewhere.': 'Disagree',
  'Pay covers my needs.': 'Agree',
  'How stressful is work?': '4',
  'How often do you work [Days]': 'Often',
  'How often do you work [Nights]': 'Sometimes',
  'Training you want': 'First aid, CPR, Self-care',
  'Last training day': '3/4/2025',
  'Anything else?': 'More breaks please',
};

describe('guardText', () => {
  it('puts an apostrophe before answers Sheets would read as a formula', () => {
    expect(guardText('=IMPORTXML("http://x.example","//a")')).toBe('\'=IMPORTXML("http://x.example","//a")');
    expect(guardText('+1 604 555 0100')).toBe('\'+1 604 555 0100');
    expect(guardText('@everyone')).toBe('\'@everyone');
    expect(guardText('  =1+1')).toBe('\'  =1+1');
  });

  it('keeps ordinary text, and negative numbers only for numeric items', () => {
    expect(guardText('I need ID')).toBe('I need ID');
    expect(guardText('-5')).toBe('\'-5');
    expect(guardText('-5', { numeric: true })).toBe('-5');
    expect(guardText('-5+1', { numeric: true })).toBe('\'-5+1');
  });

  it('changes nothing when applied twice', () => {
    expect(guardText(guardText('=A1'))).toBe('\'=A1');
  });
});

describe('splitCheckboxAnswer', () => {
  it('keeps an option that contains a comma whole', () => {
    expect(splitCheckboxAnswer('First aid, CPR, Naloxone', ['Naloxone', 'First aid, CPR', 'Self-care'])).toEqual(['First aid, CPR', 'Naloxone']);
  });

  it('splits unknown text at ", " and keeps it', () => {
    expect(splitCheckboxAnswer('Naloxone, Sign language, Self-care', ['Naloxone', 'Self-care'])).toEqual(['Naloxone', 'Sign language', 'Self-care']);
  });
});

describe('readDateAnswer', () => {
  it('reads ISO dates and slashed dates in the sheet\'s order, and refuses impossible ones', () => {
    expect(readDateAnswer('2025-03-04')).toBe('2025-03-04');
    expect(readDateAnswer('3/4/2025', 'mdy')).toBe('2025-03-04');
    expect(readDateAnswer('3/4/2025', 'dmy')).toBe('2025-04-03');
    expect(readDateAnswer('2/30/2025')).toBeNull();
    expect(readDateAnswer('next Tuesday')).toBeNull();
  });
});

describe('normalizeSubmission', () => {
  it('turns answers keyed by question title into answers keyed by item id', () => {
    const result = normalizeSubmission(definition, submission(complete));
    expect(result.flags).toEqual([]);
    expect(result.blank).toBe(false);
    expect(result.answers).toMatchObject({
      wave: 'First',
      pay_1: 'Agree',
      stress: 4,
      shifts_day: 'Often',
      shifts_night: 'Sometimes',
      wanted: ['First aid, CPR', 'Self-care'],
      last_training: '2025-03-04',
      comments: 'More breaks please',
    });
    expect(result).toMatchObject({ wave: 'baseline', site: 'Harbour Street', participantCode: 'RO07', submitted: '2025-03-14T18:22:05.000Z' });
  });

  it('flags a missing required answer', () => {
    const withoutCode: Record<string, string> = { ...complete };
    delete withoutCode['Your code'];
    const result = normalizeSubmission(definition, submission(withoutCode));
    expect(result.flags).toEqual(['No answer to the required question "Your code".']);
    expect(result.answers.code).toBeNull();
  });

  it('keeps an unreadable participant code as typed and flags it', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'Your code': 'Rosa 7' }));
    expect(result.answers.code).toBe('Rosa 7');
    expect(result.participantCode).toBe('Rosa 7');
    expect(result.flags).toEqual([expect.stringContaining('The participant code "Rosa 7" is not in the form the survey asks for')]);
  });

  it('keeps an answer that is not one of the options, guarded, and flags it', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'Your health': '=1+1', 'Training you want': 'Naloxone, Knitting' }));
    expect(result.answers.health).toBe('\'=1+1');
    expect(result.answers.wanted).toEqual(['Naloxone', 'Knitting']);
    expect(result.flags).toEqual([
      '"=1+1" is not one of the choices for "Your health"; kept as typed.',
      '"Knitting" is not one of the choices for "Training you want"; kept as typed.',
    ]);
  });

  it('checks options that come from the tracker when its lists are given', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'Where do you work?': 'harbour street ' }), { lists: { sites: ['Harbour Street', 'Main Street'] } });
    expect(result.site).toBe('Harbour Street');
    const unknown = normalizeSubmission(definition, submission({ ...complete, 'Where do you work?': 'Elm Road' }), { lists: { sites: ['Harbour Street'] } });
    expect(unknown.flags).toEqual(['"Elm Road" is not one of the choices for "Where do you work?"; kept as typed.']);
  });

  it('guards formula-like free text so it is stored as text', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'Anything else?': '=HYPERLINK("http://x.example","click")' }));
    expect(result.answers.comments).toBe('\'=HYPERLINK("http://x.example","click")');
  });

  it('flags a scale answer out of range and a date it cannot read, keeping both as typed', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'How stressful is work?': '9', 'Last training day': 'last spring' }));
    expect(result.answers.stress).toBe('9');
    expect(result.answers.last_training).toBe('last spring');
    expect(result.flags).toHaveLength(2);
  });

  it('flags an answer to a question the survey does not know, and does not store it', () => {
    const result = normalizeSubmission(definition, submission({ ...complete, 'What is your name?': 'Rosa' }));
    expect(result.flags).toEqual(['An answer came for "What is your name?", which is not a question of this survey; it was not stored.']);
    expect(JSON.stringify(result.answers)).not.toContain('Rosa');
  });

  it('recognises the blank second firing: no answers, no flags, no key', () => {
    const blank: FormSubmission = {
      namedValues: { Timestamp: ['3/14/2025 11:22:09'], 'Which survey is this?': [''], 'Your code': [''], 'Anything else?': [''] },
      timestamp: new Date('2025-03-14T18:22:09.000Z'),
    };
    const result = normalizeSubmission(definition, blank);
    expect(result.blank).toBe(true);
    expect(result.key).toBeNull();
    expect(result.flags).toEqual([]);
    expect(Object.values(result.answers).every((answer) => answer === null)).toBe(true);
    expect(normalizeSubmission(definition, { namedValues: {}, timestamp: when }).blank).toBe(true);
  });
});

describe('submissionKey', () => {
  it('is the same for the second delivery of the same submission', () => {
    const first = submission(complete);
    const again = submission({ ...complete }, new Date(when.getTime() + 400)); // same second
    expect(submissionKey(again.namedValues, again.timestamp)).toBe(submissionKey(first.namedValues, first.timestamp));
    expect(submissionKey(first.namedValues, first.timestamp)).toMatch(/^k1-[0-9a-f]{16}$/);
  });

  it('differs when an answer or the second differs', () => {
    const base = submissionKey(submission(complete).namedValues, when);
    expect(submissionKey(submission({ ...complete, 'Pay is fair.': 'Disagree' }).namedValues, when)).not.toBe(base);
    expect(submissionKey(submission(complete).namedValues, new Date(when.getTime() + 1000))).not.toBe(base);
  });

  it('is null for a blank firing', () => {
    expect(submissionKey({ Timestamp: ['3/14/2025'], 'Your code': ['', ''] }, when)).toBeNull();
  });
});

describe('columns and rows', () => {
  it('opens Survey Responses with the fixed columns, then one per answer, then scores and bands', () => {
    const columns = surveyColumns(definition);
    expect(columns.slice(0, 9)).toEqual(['ID', 'Submitted', 'Survey', 'Survey version', 'Wave', 'Site', 'Participant code', 'Flags', 'Submission key']);
    expect(columns).toContain('pay_1 · Pay is fair.');
    expect(columns).toContain('shifts_night · How often do you work [Nights]');
    expect(columns).toContain('Score: Fair pay [pay]');
    expect(columns).toContain('Band: Fair pay [pay]');
    expect(columns).not.toContain('Band: Workload [workload]'); // no cut-points, no band
    expect(columns.some((header) => itemIdFromHeader(header) === 'code')).toBe(false); // already a leading column
  });

  it('recovers the id from every answer and scale header, and nothing from the fixed ones', () => {
    const columns = surveyColumns(definition);
    const ids = columns.map(itemIdFromHeader).filter((id) => id !== null);
    expect(ids).toEqual(['health', 'pay_1', 'pay_2', 'pay_3', 'pay_4', 'stress', 'shifts_day', 'shifts_night', 'wanted', 'last_training', 'comments']);
    expect(scaleIdFromHeader('Score: Fair pay [pay]')).toEqual({ scaleId: 'pay', kind: 'score' });
    expect(scaleIdFromHeader('Band: Anything at all [pay_sum]')).toEqual({ scaleId: 'pay_sum', kind: 'band' });
    expect(itemIdFromHeader('pay_1 · A reworded question')).toBe('pay_1');
    expect(itemIdFromHeader('Participant code')).toBeNull();
  });

  it('writes a row whose headers are exactly the survey\'s columns, with its scores and only the day for an anonymous survey', () => {
    const normalized = normalizeSubmission(definition, submission({ ...complete, 'Anything else?': '@me' }));
    const record = surveyRecord(definition, normalized, scoreResponse(definition, normalized.answers), { id: 'SR-0001', timeZone: hostZone });
    expect(Object.keys(record)).toEqual(surveyColumns(definition));
    const day = new Date(when);
    const localDay = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect(record).toMatchObject({
      ID: 'SR-0001', Submitted: localDay, Wave: 'Baseline', 'Participant code': '\'RO07', 'Survey version': 2,
      'wanted · Training you want': 'First aid, CPR, Self-care',
      'comments · Anything else?': '\'@me',
      'Score: Fair pay [pay]': 4.25,
      'Band: Fair pay [pay]': 'High',
      'Submission key': normalized.key,
    });
  });

  it('reads a stored row back into answers that score the same', () => {
    const normalized = normalizeSubmission(definition, submission(complete));
    const record = surveyRecord(definition, normalized, scoreResponse(definition, normalized.answers), { id: 'SR-1', timeZone: hostZone });
    const answers = answersFromRecord(definition, asStored(record));
    expect(answers.wanted).toEqual(['First aid, CPR', 'Self-care']);
    expect(answers.wave).toBe('First');
    expect(answers.code).toBe('RO07');
    expect(scoreResponse(definition, answers)).toEqual(scoreResponse(definition, normalized.answers));
  });

  it('maps an intake form to its tab\'s columns, with the fixed values and the submission key', () => {
    const form = intake();
    expect(surveyColumns(form)).toEqual(['Type', 'Contact', 'Details', 'Date', 'Status', 'Submission key']);
    const normalized = normalizeSubmission(form, submission({ 'What do you need?': 'Housing', 'How can we reach you?': '+1 250 555 0199' }));
    expect(surveyRecord(form, normalized, scoreResponse(form, normalized.answers), { timeZone: hostZone })).toEqual({
      Type: 'Housing', Contact: '\'+1 250 555 0199', Details: '', Date: '2025-03-14T18:22:05.000Z', Status: 'New', 'Submission key': normalized.key,
    });
  });
});

describe('the Wave column', () => {
  it('holds the words its dropdown offers, one for each wave, and reads back the keys an older version wrote', () => {
    const choices = tabSpec('Survey Responses').columns.find((c) => c.key === 'wave')!.choices!;
    expect(WAVES.map(waveLabel)).toEqual([...choices]);
    for (const wave of WAVES) {
      expect(waveKey(waveLabel(wave))).toBe(wave);
      expect(waveKey(wave)).toBe(wave);
    }
    expect(waveKey('Midline')).toBeNull();
  });
});
