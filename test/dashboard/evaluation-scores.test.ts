// The Dashboard's evaluation reads the survey's own score columns, which the tracker schema does not declare.
import { evaluationLines } from '../../addon/dashboard/compute';
import { responseRecords } from '../../addon/surveys/row';
import { tabSpec } from '../../addon/tracker/schema';

const LEADING = tabSpec('Survey Responses').columns.map((c) => c.header);
const SCORE = 'Score: Burnout [burnout]';

function row(values: Record<string, string | number>): (string | number)[] {
  return [...LEADING, SCORE].map((header) => values[header] ?? '');
}

describe('the Dashboard evaluation', () => {
  it('shows the average change of a score column for matched people once the group is large enough', () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 5; i += 1) {
      rows.push(row({ Wave: 'Baseline', Site: 'SITE-0001', 'Participant code': `CODE${i}`, Submitted: '2026-01-10', [SCORE]: 30 }));
      rows.push(row({ Wave: 'Follow-up', Site: 'SITE-0001', 'Participant code': `CODE${i}`, Submitted: '2027-01-10', [SCORE]: 30 - i }));
    }
    const lines = evaluationLines(responseRecords([...LEADING, SCORE], rows), 5);
    expect(lines).toContainEqual({ measure: 'People who answered both (matched)', value: 5, digits: 0 });
    expect(lines).toContainEqual({ measure: 'Burnout: average change for matched people', value: -2, digits: 2 });
  });
});
