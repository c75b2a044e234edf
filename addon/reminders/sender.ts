// Pure: who may send or schedule the digest. It goes out from the sender's account, so they keep a copy in their Sent mail.
//
// The digest names staff, who is paid below the living wage and how many people asked for urgent
// help: what only coordinators may read. MailApp sends as the person the script runs as: the one who
// pressed "Send now", or the owner of the time-driven trigger ("Installable triggers always run under
// the account of the person who created them", so an email they send "is always sent from your
// account", developers.google.com/apps-script/guides/triggers/installable#restrictions). So only a confirmed coordinator
// (tracker/coordinators.ts: named in Settings and confirmed there by a coordinator) may send it or
// own the trigger that does. Anyone else is told in one sentence who can and how.
import type { CoordinatorCheck } from '../tracker/coordinators';

const key = (email: string): string => email.trim().toLowerCase();

/** Is `person` one of the confirmed coordinators this check trusts? */
export function isConfirmedCoordinator(person: string, check: CoordinatorCheck): boolean {
  const me = key(person);
  return me !== '' && check.trusted.some((email) => key(email) === me);
}

/** Why `person` may not send or schedule the digest (one sentence: who can, and how), or '' when they may. */
export function senderRefusal(person: string, check: CoordinatorCheck): string {
  if (isConfirmedCoordinator(person, check)) return '';
  const you = person.trim() || 'you';
  if (!check.trusted.length) {
    return `Only a confirmed coordinator can send or schedule the reminder digest, since it names staff and pay and goes out from the sender's account, and Settings has none yet: type the coordinators in Settings → Coordinator emails and run ROSE Tracker → Set up tracker to confirm them.`;
  }
  const who = `a confirmed coordinator (${check.trusted.join(', ')})`;
  return `Only ${who} can send or schedule the reminder digest, since it names staff and pay and goes out from the sender's account: ask one to do it under ROSE Tracker → Reminders, or to make ${you} a coordinator, a coordinator adds ${you} to Settings → Coordinator emails and runs ROSE Tracker → Set up tracker.`;
}

/** The Reminder log's line for a scheduled run whose trigger owner is not a confirmed coordinator (it sends nothing). */
export function ownerRefusal(owner: string): string {
  return `Not sent: this schedule runs on the trigger of ${owner || 'someone'}, who is not a confirmed coordinator, so no digest went out from their account. A coordinator saves the schedule under ROSE Tracker → Reminders to send it from theirs (the old trigger then removes itself at its next run).`;
}
