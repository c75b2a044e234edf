// Scoring engine: answers become numbers, reverse items flip, too-few answers give no score, sums prorate.
import { bandFor, scoreMany, scoreResponse } from '../../addon/surveys/scoring';
import { evaluation } from './fixtures';

const definition = evaluation();

describe('scoreResponse', () => {
  it('a reverse-scored item counts 6 minus the answer on a 1–5 scale', () => {
    const result = scoreResponse(definition, { pay_1: 'Strongly agree', pay_2: 'Strongly agree', pay_3: 'Strongly agree', pay_4: 'Strongly agree' });
    expect(result.scores.pay_sum).toBe(16); // 5 + 5 + (6 − 5) + 5
    expect(result.scores.pay).toBe(4);
    expect(result.answered.pay).toBe(4);
  });

  it('reads option wording without regard to case or spaces', () => {
    const result = scoreResponse(definition, { pay_1: ' agree', pay_2: 'AGREE', pay_3: 'disagree', pay_4: 'Agree ' });
    expect(result.scores.pay).toBe(4);
  });

  it('an option without a value ("Does not apply") counts as unanswered', () => {
    const result = scoreResponse(definition, { pay_1: 'Agree', pay_2: 'Agree', pay_3: 'Disagree', pay_4: 'Does not apply' });
    expect(result.answered.pay).toBe(3);
    expect(result.scores.pay).toBe(4);
  });

  it('leaves the score empty when fewer items than minAnswered were answered', () => {
    const result = scoreResponse(definition, { pay_1: 'Agree', pay_2: 'Agree', pay_3: null, pay_4: 'Does not apply' });
    expect(result.scores.pay).toBeNull();
    expect(result.bands.pay).toBeNull();
    expect(result.answered.pay).toBe(2);
  });

  it('prorates a sum with a missing item: mean of the answered items times the item count, to 2 decimals', () => {
    // 5 + 4 + (6 − 4) = 11 over 3 items; 11 / 3 × 4 = 14.666…
    const result = scoreResponse(definition, { pay_1: 'Strongly agree', pay_2: 'Agree', pay_3: 'Agree' });
    expect(result.scores.pay_sum).toBe(14.67);
    expect(result.scores.pay).toBe(3.67);
  });

  it('bands a score by the first cut-point it does not exceed', () => {
    // 2 + 3 + (6 − 3) + 2 = 10 → mean 2.5, which is still "Low" (up to and including 2.5)
    const atEdge = scoreResponse(definition, { pay_1: 'Disagree', pay_2: 'Unsure', pay_3: 'Unsure', pay_4: 'Disagree' });
    expect(atEdge.scores.pay).toBe(2.5);
    expect(atEdge.bands.pay).toBe('Low');
    const above = scoreResponse(definition, { pay_1: 'Unsure', pay_2: 'Unsure', pay_3: 'Unsure', pay_4: 'Disagree' });
    expect(above.scores.pay).toBe(2.75);
    expect(above.bands.pay).toBe('Mixed');
    expect(above.bands.pay_sum).toBe('High'); // 11 > 10
  });

  it('has no band when the scale has no cut-points, or the score is above every closed one', () => {
    const result = scoreResponse(definition, { stress: 3, shifts_night: 'Often' });
    expect(result.scores.workload).toBe(6);
    expect(result.bands.workload).toBeNull();
    expect(bandFor({ ...definition.scales[1], cutPoints: [{ upTo: 10, label: 'Low' }] }, 12)).toBeNull();
  });

  it('reads linear-scale answers as numbers or numeric text, and ignores values out of range', () => {
    expect(scoreResponse(definition, { stress: '4', shifts_night: 'Never' }).scores.workload).toBe(5);
    const outOfRange = scoreResponse(definition, { stress: 7, shifts_night: 'Never' });
    expect(outOfRange.answered.workload).toBe(1);
    expect(outOfRange.scores.workload).toBeNull();
  });

  it('ignores wording that is not an option and answers that are lists', () => {
    const result = scoreResponse(definition, { pay_1: 'Maybe', pay_2: ['Agree'], pay_3: 'Agree', pay_4: 'Agree' });
    expect(result.answered.pay).toBe(2);
  });
});

describe('scoreMany', () => {
  it('scores 10,000 responses the same way as one at a time', () => {
    const options = ['Strongly disagree', 'Disagree', 'Unsure', 'Agree', 'Strongly agree', 'Does not apply'];
    const rows = [];
    for (let i = 0; i < 10000; i++) {
      rows.push({
        pay_1: options[i % 6],
        pay_2: options[(i * 7) % 6],
        pay_3: i % 11 === 0 ? null : options[(i * 5) % 6],
        pay_4: options[(i * 3) % 5],
        stress: (i % 5) + 1,
        shifts_night: ['Never', 'Sometimes', 'Often'][i % 3],
      });
    }
    const results = scoreMany(definition, rows);
    expect(results).toHaveLength(10000);
    for (const i of [0, 1, 11, 4999, 9999]) expect(results[i]).toEqual(scoreResponse(definition, rows[i]));
    expect(results.filter((result) => result.scores.pay === null).length).toBeGreaterThan(0);
    expect(results.filter((result) => result.scores.pay !== null).length).toBeGreaterThan(5000);
  });
});
