// The reminder digest, from the dashboard model and the tabs it read: what is overdue, blocked, missing or expiring, each with its owner and a link to its row. Pure.
//
// Privacy: the digest is built only from the dashboard model, which holds no survey answers and no
// support-request details; survey and intake activity, and urgent support requests, appear as counts at most.
import type { TabName } from '../tracker/schema';
import type { DashboardModel, RowRef } from '../dashboard/compute';
import { ownerAndLateness, type Attention } from './attention';

export type DigestKind = 'urgent' | 'milestone' | 'blocked' | 'unsigned' | 'training' | 'certification' | 'contract' | 'wage' | 'teambuilding' | 'followUp' | 'submissions' | 'exemption' | 'idcard';

export interface DigestItem {
  kind: DigestKind;
  text: string;
  /** Link to the row in the tracker ('' when the item is not about one row). */
  link: string;
}

export interface Digest {
  subject: string;
  intro: string;
  items: DigestItem[];
}

/** What links need: the spreadsheet's id and the sheet id (gid) of each tab. */
export interface LinkTargets {
  spreadsheetId: string;
  sheetIds: Partial<Record<TabName | string, number>>;
}

export const SECTION_TITLES: Record<DigestKind, string> = {
  urgent: 'New urgent support requests',
  milestone: 'Overdue milestones',
  blocked: 'Blocked activities',
  unsigned: 'Contracts not signed',
  training: 'Required training missing or expired',
  certification: 'Certifications expiring soon',
  contract: 'Contracts ending soon',
  wage: 'Paid below the living wage',
  teambuilding: 'Sites without a recent teambuilding day',
  followUp: 'Follow-up surveys',
  submissions: 'Form submissions waiting',
  exemption: 'Earnings exemptions',
  idcard: 'ID cards expiring or expired',
};
const ORDER: DigestKind[] = ['urgent', 'milestone', 'blocked', 'unsigned', 'training', 'certification', 'idcard', 'contract', 'wage', 'exemption', 'teambuilding', 'followUp', 'submissions'];

/**
 * Where the urgent support requests were counted: the tracker's tab, the Support requests workbook
 * (linked to as a whole: its rows stay there, and only the coordinators and the support team can open
 * it), or nowhere, because the person the digest goes out from cannot open that workbook.
 */
export type SupportSource = { in: 'tracker' } | { in: 'workbook'; link: string } | { in: 'unreadable'; link: string; runner: string };

export function rowLink(targets: LinkTargets, ref: RowRef): string {
  const gid = targets.sheetIds[ref.tab];
  const base = `https://docs.google.com/spreadsheets/d/${targets.spreadsheetId}/edit`;
  return gid === undefined ? base : `${base}#gid=${gid}&range=A${ref.row}`;
}

/**
 * `attention` (attention.ts) adds owners, days overdue, blocked activities and urgent requests; without it the digest has the Dashboard's lists only.
 * `followUps` are the follow-up survey reminders (evaluation/reminders.ts): dates and shown counts per site, nothing about a person.
 * `support` says where the urgent requests were counted (the tracker when not given).
 */
export function buildDigest(model: DashboardModel, targets: LinkTargets, attention?: Attention, followUps: readonly string[] = [], support: SupportSource = { in: 'tracker' }): Digest {
  const items: DigestItem[] = [];
  const add = (kind: DigestKind, text: string, ref: RowRef | null): void => { items.push({ kind, text, link: ref ? rowLink(targets, ref) : '' }); };
  if (support.in === 'unreadable') {
    items.push({ kind: 'urgent', text: `The Support requests workbook (Settings → Support requests workbook) cannot be opened by ${support.runner || 'the person sending this'}, so new urgent support requests are not counted here: a coordinator runs ROSE Tracker → Set up private workbooks in the tracker to share it with every coordinator`, link: support.link });
  } else if (attention && attention.urgentRequests) {
    const n = attention.urgentRequests;
    const where = support.in === 'workbook' ? 'the Support requests workbook' : "the tracker's Support Requests tab";
    const text = `${n} support request${n === 1 ? '' : 's'} asking for help today ${n === 1 ? 'is' : 'are'} still New: open ${where} to see ${n === 1 ? 'it' : 'them'}`;
    if (support.in === 'workbook') items.push({ kind: 'urgent', text, link: support.link });
    else add('urgent', text, null);
  }
  for (const m of model.overdueMilestones) {
    const owned = attention?.milestones.get(m.id);
    add('milestone', `${m.milestone || m.id} (${m.site}) was due ${m.due}${owned ? `; ${ownerAndLateness(owned)}` : ''}`, m);
  }
  for (const a of attention?.blocked ?? []) add('blocked', `${a.strategy} (${a.site || 'no site'}) is blocked; ${ownerAndLateness(a)}`, a);
  for (const p of model.contractsMissing) add('unsigned', `${p.name} (${p.site}): no signed contract`, p);
  for (const row of model.coverage) {
    const gaps = Object.keys(row.topics).filter((topic) => row.topics[topic] === 'Missing' || row.topics[topic] === 'Expired');
    if (gaps.length) add('training', `${row.name} (${row.site}): ${gaps.map((t) => `${t} ${row.topics[t] === 'Expired' ? 'expired' : 'missing'}`).join(', ')}`, null);
  }
  for (const c of model.expiring) add('certification', `${c.name}: ${c.topic} valid until ${c.date}`, c);
  for (const c of attention?.idCards ?? []) {
    add('idcard', `${c.name}${c.site ? ` (${c.site})` : ''}: ID card ${c.expired ? 'expired' : 'expires'} ${c.expires}; make a new one with ROSE Tracker → Make ID cards for selected staff`, c);
  }
  for (const p of model.contractsEnding) add('contract', `${p.name} (${p.site}): contract ends ${p.date}`, p);
  for (const p of model.belowLivingWage) add('wage', `${p.name} (${p.site}) is paid below the living wage`, p);
  if (attention && attention.exemption.near) {
    // A count and the tab, never a name: whether someone receives assistance is theirs to tell.
    const { near, over } = attention.exemption;
    const people = `${near} ${near === 1 ? 'person' : 'people'}`;
    const overText = over ? ` (${over === near ? (near === 1 ? 'over it' : 'all over it') : `${over} over it`})` : '';
    add('exemption', `${people} whose payments are tracked against an earnings exemption ${near === 1 ? 'has' : 'have'} reached 75 % of it this period${overText}: talk with ${near === 1 ? 'them' : 'each'} before the next payment (Payments tab, "Exemption warning")`, { tab: 'Payments', row: 1 });
  }
  for (const e of model.events) {
    if (!e.teambuildingOverdue) continue;
    add('teambuilding', e.lastTeambuilding ? `${e.site}: last teambuilding day ${e.lastTeambuilding}` : `${e.site}: no teambuilding day recorded`, e);
  }
  for (const line of followUps) add('followUp', line, null);
  if (model.unprocessedSubmissions) {
    add('submissions', `${model.unprocessedSubmissions} form submission${model.unprocessedSubmissions === 1 ? '' : 's'} not processed yet: open ROSE Tracker in the Sheet to process them`, null);
  }
  items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const org = model.organizationName || 'your organization';
  return {
    subject: `ROSE Tracker: ${items.length} thing${items.length === 1 ? '' : 's'} to look at (${model.today})`,
    intro: `ROSE Tracker reminders for ${org}, ${model.today}. "Soon" means within ${model.leadDays} days.`,
    items,
  };
}

export function digestText(digest: Digest): string {
  const lines = [digest.intro, ''];
  for (const kind of ORDER) {
    const part = digest.items.filter((i) => i.kind === kind);
    if (!part.length) continue;
    lines.push(`${SECTION_TITLES[kind]} (${part.length})`);
    for (const item of part) lines.push(`- ${item.text}${item.link ? `\n  ${item.link}` : ''}`);
    lines.push('');
  }
  lines.push('You receive this because you are a coordinator in the tracker\'s Settings. Change it under ROSE Tracker → Reminders.');
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function digestHtml(digest: Digest): string {
  const parts = [`<p>${escapeHtml(digest.intro)}</p>`];
  for (const kind of ORDER) {
    const part = digest.items.filter((i) => i.kind === kind);
    if (!part.length) continue;
    parts.push(`<h3>${escapeHtml(SECTION_TITLES[kind])} (${part.length})</h3><ul>`);
    for (const item of part) {
      parts.push(item.link ? `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.text)}</a></li>` : `<li>${escapeHtml(item.text)}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push('<p style="color:#5f6368">You receive this because you are a coordinator in the tracker\'s Settings. Change it under ROSE Tracker → Reminders.</p>');
  return parts.join('\n');
}
