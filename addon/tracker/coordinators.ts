// Pure: who counts as a coordinator — the list in Settings as last confirmed by a coordinator, never what anyone typed since.
//
// "Coordinator emails" widens access: the digest (staff names, who is paid below the living wage)
// goes to those addresses, and setup lets them edit the confidential tabs. Setup protects that row
// to the coordinators, but the owner can remove a protection and an editor can edit one they are
// listed on, so every use checks the cell against the confirmed list too. The confirmed list lives in
// the spreadsheet's developer metadata with PROJECT visibility: "only visible to and accessible by
// the developer project that created the metadata"
// (developers.google.com/apps-script/reference/spreadsheet/developer-metadata-visibility), so only
// ROSE Tracker's own code writes it, and only when a coordinator runs Set up tracker. Google warns
// that such metadata "can be exposed to users with view access": the list is not a secret (it is in
// Settings); what we need from it is that nobody else writes it. A time-driven run reads it too,
// where document properties are missing.

export interface ConfirmedCoordinators {
  /** The record's shape, for reading older records after it changes. */
  format: 1;
  /** Lower-case addresses, as confirmed. */
  emails: string[];
  /** Who confirmed them (Session.getActiveUser in a run they started). */
  by: string;
  /** When, as an ISO instant. */
  at: string;
}

/** What a use of "Coordinator emails" may rely on. */
export interface CoordinatorCheck {
  /** Addresses in the cell that a coordinator confirmed: the only ones to honour. */
  trusted: string[];
  /** Addresses in the cell no coordinator confirmed: refused, each named in `messages`. */
  unconfirmed: string[];
  messages: string[];
}

const key = (email: string): string => email.trim().toLowerCase();

export function confirmedToJson(record: ConfirmedCoordinators): string {
  return JSON.stringify(record);
}

/** The kept record, or null when there is none or it is not one of ours (then nothing counts as confirmed). */
export function confirmedFromJson(json: string | null | undefined): ConfirmedCoordinators | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json) as Partial<ConfirmedCoordinators> | null;
    if (!raw || raw.format !== 1 || !Array.isArray(raw.emails) || typeof raw.by !== 'string' || typeof raw.at !== 'string') return null;
    return { format: 1, emails: raw.emails.map((e) => key(String(e))).filter(Boolean), by: key(raw.by), at: raw.at };
  } catch {
    return null;
  }
}

/**
 * May this person confirm the list? A coordinator of the confirmed list may, and so may the person
 * who confirmed it. With no record yet (a new tracker, or one set up by an older version), the
 * person running setup may, unless the confidential tabs are already protected to editors they are
 * not among (`lockedOut`): then only one of those coordinators can start the record.
 */
export function mayConfirm(person: string, record: ConfirmedCoordinators | null, lockedOut: boolean): boolean {
  const me = key(person);
  if (!me) return false;
  if (!record) return !lockedOut;
  return record.by === me || record.emails.indexOf(me) >= 0;
}

/** The cell's addresses split into those a coordinator confirmed and those nobody did, with a message per refused address. */
export function checkCoordinators(cell: readonly string[], record: ConfirmedCoordinators | null): CoordinatorCheck {
  const confirmed = new Set(record ? record.emails : []);
  const trusted: string[] = [];
  const unconfirmed: string[] = [];
  for (const email of cell) {
    if (confirmed.has(key(email))) { if (trusted.indexOf(email) < 0) trusted.push(email); } else if (unconfirmed.indexOf(email) < 0) unconfirmed.push(email);
  }
  const who = record ? `${record.by} on ${record.at.slice(0, 10)}` : 'nobody yet';
  const messages = unconfirmed.map((email) => `Settings, "Coordinator emails": ${email} is not a confirmed coordinator (last confirmed by ${who}), so ROSE Tracker sends it no digest and gives it no editing of the confidential tabs. If ${email} should be a coordinator, a coordinator runs ROSE Tracker → Set up tracker to confirm it; if not, remove it from Settings.`);
  return { trusted, unconfirmed, messages };
}

/** A new record of the cell's addresses, confirmed by `person` at `at`. */
export function confirmCoordinators(cell: readonly string[], person: string, at: Date): ConfirmedCoordinators {
  const emails: string[] = [];
  for (const email of cell) if (emails.indexOf(key(email)) < 0) emails.push(key(email));
  return { format: 1, emails, by: key(person), at: at.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Other Settings rows that widen access (Documents folder): the value a coordinator confirmed.
//
// Generated contracts and letters (pay, addresses) land in the Documents folder, so a folder typed in
// by someone else while the row was unprotected would hand them every document. Like the coordinator
// list, the value counts only as a coordinator confirmed it: setup confirms it when a confirmed
// coordinator runs it and the row's protection stood, and ROSE Tracker confirms the folder it makes
// for a coordinator. Kept in developer metadata with PROJECT visibility, like the list.

export interface ConfirmedSetting {
  /** The cell's text as confirmed (trimmed). */
  value: string;
  by: string;
  /** ISO instant. */
  at: string;
}

export interface ConfirmedSettings {
  format: 1;
  settings: Record<string, ConfirmedSetting>;
}

export function settingsToJson(record: ConfirmedSettings): string {
  return JSON.stringify(record);
}

/** The kept record, or null when there is none or it is not one of ours (then no value counts as confirmed). */
export function settingsFromJson(json: string | null | undefined): ConfirmedSettings | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json) as Partial<ConfirmedSettings> | null;
    if (!raw || raw.format !== 1 || typeof raw.settings !== 'object' || raw.settings === null) return null;
    const settings: Record<string, ConfirmedSetting> = {};
    for (const [name, entry] of Object.entries(raw.settings)) {
      if (entry && typeof entry.value === 'string' && typeof entry.by === 'string' && typeof entry.at === 'string') settings[name] = { value: entry.value, by: entry.by, at: entry.at };
    }
    return { format: 1, settings };
  } catch {
    return null;
  }
}

/** The record with `setting` confirmed as `value` by `person` (unchanged, and so keeping who confirmed it first, when the value is the same). */
export function confirmSetting(record: ConfirmedSettings | null, setting: string, value: string, person: string, at: Date): ConfirmedSettings {
  const settings = { ...(record ? record.settings : {}) };
  const kept = settings[setting];
  if (!kept || kept.value !== value.trim()) settings[setting] = { value: value.trim(), by: key(person), at: at.toISOString() };
  return { format: 1, settings };
}

/**
 * Why a Settings value that widens access is refused at use, or null when a coordinator confirmed it.
 * The message names the row and says what to do.
 */
export function settingRefusal(setting: string, cell: string, record: ConfirmedSettings | null, consequence: string): string | null {
  const value = cell.trim();
  const kept = record ? record.settings[setting] : undefined;
  if (kept && kept.value === value) return null;
  const before = kept && kept.value ? ` (last confirmed: "${kept.value}", by ${kept.by} on ${kept.at.slice(0, 10)})` : '';
  return `Settings, "${setting}": "${value}" was not confirmed by a coordinator${before}, so ${consequence}. If it is right, a coordinator runs ROSE Tracker → Set up tracker to confirm it; if not, put back the confirmed value or clear the row.`;
}
