// The digest names who owns what is late and by how many days, lists blocked activities, unsigned contracts and missing required training, and counts new urgent support requests without a word of their details.
import { SECRET_DETAIL, generate, trackerWith } from '../dashboard/fixtures';

interface SendResult { outcome: string; text: string }

describe('what the digest asks coordinators to look at', () => {
  const g = generate(21, 100);
  g.plan = g.plan.map((a, i) => ({ ...a, Status: i === 0 ? 'Blocked' : 'In progress', Owner: i === 0 ? 'Robin Oduya' : '', End: i === 0 ? '2026-03-06' : '' }));
  g.milestones = [{ ID: 'MS-0001', Activity: g.plan[1].ID as string, Milestone: 'Order ID cards', Due: '2026-03-02', Completed: '', Owner: 'Sam Lee' }];
  g.support = [
    { ID: 'REQ-0001', Date: '2026-03-15', Type: 'Housing', Urgency: 'Today', Status: 'New', Details: SECRET_DETAIL, Name: 'Private Person' },
    { ID: 'REQ-0002', Date: '2026-03-15', Type: 'Housing', Urgency: 'Today', Status: 'Resolved', Details: SECRET_DETAIL },
    { ID: 'REQ-0003', Date: '2026-03-15', Type: 'Housing', Urgency: 'When possible', Status: 'New', Details: SECRET_DETAIL },
  ];
  const harness = trackerWith(g);
  const result = harness.addon.call<SendResult>('sendRemindersNow');
  const mail = harness.ws.outbox[0];

  it('names the owner and the days overdue of a milestone and of a blocked activity', () => {
    expect(result.outcome).toBe('sent');
    expect(mail.body).toContain('Overdue milestones (1)\n- Order ID cards (');
    expect(mail.body).toContain('was due 2026-03-02; owner: Sam Lee, 14 days overdue');
    expect(mail.body).toMatch(/Blocked activities \(1\)\n- Photo ID cards \(Site [A-U]\) is blocked; owner: Robin Oduya, 10 days overdue/);
  });

  it('lists contracts not signed and required training missing, person by person', () => {
    const unsigned = g.staff.filter((p) => p['Contract status'] !== 'Signed' && !p.End);
    expect(unsigned.length).toBeGreaterThan(0);
    expect(mail.body).toContain(`Contracts not signed (`);
    expect(mail.body).toContain(`- ${String(unsigned[0]['Full name'])} (`);
    expect(mail.body).toMatch(/Required training missing or expired \(\d+\)\n- .+ \(.+\): .+ (missing|expired)/);
  });

  it('counts new urgent support requests and gives nothing else of them', () => {
    expect(mail.body).toContain("New urgent support requests (1)\n- 1 support request asking for help today is still New: open the tracker's Support Requests tab to see it");
    const everything = `${mail.subject}\n${mail.body}\n${mail.htmlBody}`;
    expect(everything).not.toContain(SECRET_DETAIL);
    expect(everything).not.toContain('Private Person');
    expect(everything).not.toContain('REQ-0001');
  });
});
