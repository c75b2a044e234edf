// The index as the scripts release it: the training share is hidden where the people behind it are too few, though its person × topic basis is not.
import { implementationIndex, publishableIndex } from '../../addon/evaluation/implementation';
import { readSettings } from '../../addon/tracker/settings';
import { releasableIndex } from '../../scripts/lib/index-release';
import { tables, type Row } from '../evaluation/tables';

const DAY = '2026-03-31';

function staff(site: string, n: number, from: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ ID: `STAFF-${String(from + i).padStart(4, '0')}`, 'Full name': `Person ${from + i}`, Role: 'Peer Worker', Site: site, Start: '2025-01-01', 'Photo ID issued': '2025-02-01' }));
}

const tracker = tables({
  Sites: [{ ID: 'SITE-0001', Name: 'Small site' }, { ID: 'SITE-0002', Name: 'Large site' }],
  Staff: [...staff('SITE-0001', 3, 1), ...staff('SITE-0002', 6, 10)],
  'Training Topics': [
    { Topic: 'Naloxone administration', 'Required for roles': 'Peer Worker' },
    { Topic: 'First aid and CPR', 'Required for roles': 'Peer Worker' },
  ],
  // Everyone at the small site holds both trainings: its share is 1, green, and about three people.
  'Training Log': [1, 2, 3].flatMap((n) => ['Naloxone administration', 'First aid and CPR'].map((topic, t) => ({ ID: `TRN-${n}${t}`, Staff: `STAFF-000${n}`, Topic: topic, Date: '2025-06-01' }))),
});

describe('releasableIndex', () => {
  const { sites } = implementationIndex(tracker, readSettings(undefined), { periodEnds: [DAY] });
  const training = (index: typeof sites, site: string) => index.find((s) => s.site === site)!.indicators.find((i) => i.name === 'Required training covered')!;

  it('hides the training share of a site of 3 people, which publishableIndex shows for its 6 person × topic pairs', () => {
    expect(training(publishableIndex(sites, 5), 'Small site').periods[0]).toMatchObject({ value: 1, basis: 6, status: 'green' });
    const released = releasableIndex(sites, tracker, 5);
    expect(training(released, 'Small site').periods[0]).toMatchObject({ value: null, status: 'none' });
    expect(training(released, 'Small site').baseline.value).toBeNull();
    expect(training(released, 'Large site').periods[0]).toMatchObject({ value: 0, basis: 12 });
  });

  it('counts the share in place again without the hidden figure', () => {
    const small = releasableIndex(sites, tracker, 5).find((s) => s.site === 'Small site')!;
    const known = small.indicators.filter((i) => i.periods[0].status !== 'none');
    expect(known.map((i) => i.name)).not.toContain('Required training covered');
    expect(small.inPlace[0]).toBe(known.filter((i) => i.periods[0].status === 'green').length / known.length);
    expect(small.inPlace[0]).not.toBe(publishableIndex(sites, 5).find((s) => s.site === 'Small site')!.inPlace[0]);
  });
});
