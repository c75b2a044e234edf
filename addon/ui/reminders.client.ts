// The Reminders dialog: choose which coordinators receive the digest, how often and at what hour, save it (one time-driven trigger), or send the digest now.
import type { Frequency, ReminderRun, ReminderSchedule, ReminderSettings, ScheduleResult, SendNowResult, WeekDayName } from '../reminders/types';
import { call, closePage } from './server';
import { $, messageOf, setBusy } from './page';


let loaded: ReminderSettings | null = null;

/** Shows a heading and, below it, each problem as its own line; an empty heading hides the box. */
function showError(heading: string, problems: string[] = []): void {
  $<HTMLSpanElement>('error-text').textContent = heading;
  const list = $<HTMLUListElement>('problems');
  list.textContent = '';
  for (const problem of problems) {
    const item = document.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  $<HTMLDivElement>('error').hidden = heading === '' && problems.length === 0;
}

function showOutcome(message: string): void {
  const box = $<HTMLParagraphElement>('outcome');
  box.textContent = message;
  box.hidden = message === '';
}


function hourLabel(hour: number): string {
  return `${hour}:00`;
}

/** "MONDAY" as a person writes it: "Monday". */
function dayLabel(day: WeekDayName): string {
  return day[0] + day.slice(1).toLowerCase();
}

function renderDayChoice(days: readonly WeekDayName[], selected: WeekDayName): void {
  const select = $<HTMLSelectElement>('day');
  select.textContent = '';
  for (const day of days) {
    const option = document.createElement('option');
    option.value = day;
    option.textContent = dayLabel(day);
    select.append(option);
  }
  select.value = selected;
}

function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function renderRecipients(coordinators: string[], chosen: string[]): void {
  const list = $<HTMLUListElement>('recipients');
  list.textContent = '';
  coordinators.forEach((email, index) => {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `recipient-${index}`;
    box.value = email;
    // Nobody chosen yet means everyone: the digest goes to all coordinators.
    box.checked = !chosen.length || chosen.some((c) => sameEmail(c, email));
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = email;
    item.append(box, label);
    list.append(item);
  });
}

function renderRuns(runs: ReminderRun[], quotaLeft: number): void {
  const list = $<HTMLUListElement>('last-runs');
  list.textContent = '';
  for (const run of runs) {
    const item = document.createElement('li');
    item.textContent = `${run.when}: ${run.result}${run.items ? ` (${run.items} thing${run.items === 1 ? '' : 's'} to look at)` : ''}`;
    list.append(item);
  }
  $<HTMLDivElement>('last-runs-block').hidden = runs.length === 0;
  $<HTMLDivElement>('quota').textContent = `Emails this account can still send today: ${quotaLeft} (each recipient counts as one).`;
  $<HTMLDivElement>('status').hidden = false;
}

function renderHourChoice(selected: number, timeZone: string): void {
  const select = $<HTMLSelectElement>('hour');
  select.textContent = '';
  for (let hour = 0; hour < 24; hour += 1) {
    const option = document.createElement('option');
    option.value = String(hour);
    option.textContent = hourLabel(hour);
    select.append(option);
  }
  select.value = String(selected);
  $<HTMLDivElement>('zone').textContent =
    `Times are in the tracker's time zone, ${timeZone} (Settings → Time zone). Google sends it some time within that hour. After changing the time zone, save here again.`;
}

function chosenFrequency(): Frequency {
  return (document.querySelector<HTMLInputElement>('input[name=frequency]:checked')?.value ?? 'off') as Frequency;
}

/** The hour only matters when reminders are on, the day only when weekly. */
function syncHour(): void {
  $<HTMLSelectElement>('hour').disabled = chosenFrequency() === 'off';
  $<HTMLSpanElement>('day-choice').hidden = chosenFrequency() !== 'weekly';
}

/** Whose trigger sends the schedule, and how another coordinator takes it over (reminders/trigger.ts ownerNote). */
function renderOwner(note: string): void {
  const owner = $<HTMLParagraphElement>('owner-note');
  owner.textContent = note;
  owner.hidden = !note;
}

/** Each address in Settings that is not a confirmed coordinator, with why it is left out and what to do (its text as text). */
function renderRefused(refused: readonly string[]): void {
  const list = $<HTMLUListElement>('refused-list');
  list.textContent = '';
  for (const message of refused) {
    const item = document.createElement('li');
    item.textContent = message;
    list.append(item);
  }
  $<HTMLDivElement>('refused').hidden = refused.length === 0;
}

function render(settings: ReminderSettings): void {
  loaded = settings;
  renderOwner(settings.ownerNote);
  renderRefused(settings.refused);
  $<HTMLParagraphElement>('loading').hidden = true;
  renderRuns(settings.lastRuns, settings.quotaLeft);
  // Only a confirmed coordinator sends or schedules the digest (the server refuses anyone else too): the others read who can, and no buttons.
  const notCoordinator = $<HTMLParagraphElement>('not-coordinator');
  notCoordinator.textContent = settings.senderRefusal;
  // With no coordinator confirmed yet, the box below says how to name and confirm the first ones.
  notCoordinator.hidden = settings.senderRefusal === '' || !settings.coordinators.length;
  if (settings.senderRefusal && settings.coordinators.length) {
    $<HTMLDivElement>('no-coordinators').hidden = true;
    $<HTMLFormElement>('schedule').hidden = true;
    $<HTMLButtonElement>('save-button').hidden = true;
    $<HTMLButtonElement>('send-button').hidden = true;
    return;
  }
  if (!settings.coordinators.length) {
    $<HTMLDivElement>('no-coordinators').hidden = false;
    $<HTMLFormElement>('schedule').hidden = true;
    $<HTMLButtonElement>('save-button').hidden = true;
    $<HTMLButtonElement>('send-button').hidden = true;
    return;
  }
  $<HTMLDivElement>('no-coordinators').hidden = true;
  $<HTMLFormElement>('schedule').hidden = false;
  $<HTMLButtonElement>('save-button').hidden = false;
  $<HTMLButtonElement>('send-button').hidden = false;
  renderRecipients(settings.coordinators, settings.schedule.recipients);
  $<HTMLInputElement>(`frequency-${settings.schedule.frequency}`).checked = true;
  renderDayChoice(settings.weekDays, settings.schedule.day);
  renderHourChoice(settings.schedule.hour, settings.timeZone);
  syncHour();
}

function checkedRecipients(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('#recipients input[type=checkbox]:checked')).map((box) => box.value);
}

function savedMessage(result: ScheduleResult): string {
  if (!result.installed) return 'Saved: reminders are off. No digest will be sent until you choose Daily or Weekly.';
  const how = result.schedule.frequency === 'weekly' ? `Every ${dayLabel(result.schedule.day)}` : 'Every day';
  const who = result.schedule.recipients.length ? result.schedule.recipients.join(', ') : 'all coordinators';
  return `Saved. ${how} at ${hourLabel(result.schedule.hour)} (${loaded?.timeZone ?? 'the tracker\'s time zone'}), to ${who}.`;
}

function save(): void {
  showError('');
  showOutcome('');
  const chosen = checkedRecipients();
  if (!chosen.length) return showError('Nothing was saved.', ['Tick at least one coordinator to receive the digest.']);
  const everyone = loaded !== null && chosen.length === loaded.coordinators.length;
  // Everyone ticked is saved as "all coordinators", so people added to Settings later are included.
  const schedule: ReminderSchedule = {
    frequency: chosenFrequency(), hour: Number($<HTMLSelectElement>('hour').value), day: $<HTMLSelectElement>('day').value as WeekDayName,
    recipients: everyone ? [] : chosen,
  };
  setBusy(true);
  call('setReminderSchedule', schedule).then(
    (result) => {
      setBusy(false);
      if (!result.ok) return showError('Nothing was saved:', result.problems);
      if (loaded) loaded.schedule = result.schedule;
      showOutcome(savedMessage(result));
      // Saving makes the schedule run on this person's trigger: the note about its owner follows.
      reload();
    },
    (error) => {
      setBusy(false);
      showError(messageOf(error));
    },
  );
}

function sendNow(): void {
  showError('');
  showOutcome('');
  setBusy(true);
  call('sendRemindersNow').then(
    (result: SendNowResult) => {
      setBusy(false);
      if (result.outcome === 'sent' || result.outcome === 'nothing to send') showOutcome(result.message);
      else showError(result.message);
      reload();
    },
    (error) => {
      setBusy(false);
      showError(messageOf(error));
    },
  );
}

/** Refreshes the last runs and the quota after a send, leaving the choices on screen as they are. */
function reload(): void {
  call('getReminderSettings').then(
    (settings) => {
      if (loaded) loaded = { ...settings, schedule: loaded.schedule };
      renderRuns(settings.lastRuns, settings.quotaLeft);
      renderOwner(settings.ownerNote);
    },
    (error) => showError(messageOf(error)),
  );
}

function load(): void {
  setBusy(true);
  call('getReminderSettings').then(
    (settings) => {
      setBusy(false);
      render(settings);
    },
    (error) => {
      setBusy(false);
      $<HTMLParagraphElement>('loading').hidden = true;
      showError(messageOf(error));
    },
  );
}

document.querySelectorAll<HTMLInputElement>('input[name=frequency]').forEach((radio) => radio.addEventListener('change', syncHour));
$<HTMLButtonElement>('save-button').addEventListener('click', save);
$<HTMLButtonElement>('send-button').addEventListener('click', sendNow);
$<HTMLButtonElement>('close-button').addEventListener('click', closePage);
load();
