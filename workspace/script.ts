// ScriptApp of the local Workspace: auth modes, installable triggers with the add-on limits, and their firing.
import type { Host } from './host';
import { unwrap } from './expose';

export const AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } as const;
export const EventType = {
  CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE',
} as const;
/** ScriptApp.WeekDay, the days onWeekDay takes (https://developers.google.com/apps-script/reference/base/weekday). */
export const WeekDay = {
  SUNDAY: 'SUNDAY', MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY',
} as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS' } as const;

export interface TriggerData {
  id: string;
  handlerFunction: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  /** The Sheet or Form the trigger watches (empty for clock triggers). */
  sourceId: string;
  /** The document the add-on was running in when it created the trigger (add-on limit: one per type there). */
  documentId: string | null;
  owner: string;
  everyHours?: number;
  everyDays?: number;
  atHour?: number;
  everyWeeks?: number;
  /** The day a weekly trigger runs (onWeekDay), as ScriptApp.WeekDay names it: 'MONDAY'… */
  weekDay?: string;
  /** The zone atHour is read in (inTimezone); the script's time zone otherwise. */
  timeZone?: string;
}

/** Apps Script allows 20 triggers per user per script. */
const TRIGGERS_PER_USER = 20;

export class TriggerRegistry {
  readonly triggers: TriggerData[] = [];
}

/** An object with getId() — a Spreadsheet or Form — or a plain id. */
function idOf(source: unknown): string {
  if (typeof source === 'string') return source;
  const inner = unwrap(source) as { getId?: () => string } | null;
  if (!inner || typeof inner.getId !== 'function') throw new Error('Invalid argument: source');
  return inner.getId();
}

export class ScriptAppService {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(private readonly host: Host, private readonly registry: TriggerRegistry, private readonly scriptId: string) {}

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.host.requireAuthorization('ScriptApp.newTrigger');
    this.host.requireScope('ScriptApp.newTrigger', ['script.scriptapp']);
    return this.host.wrap('TriggerBuilder', new TriggerBuilderImpl(this.host, this.registry, functionName)) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  /** The current user's triggers in this project (for an add-on: across documents). */
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    this.host.requireAuthorization('ScriptApp.getProjectTriggers');
    this.host.requireScope('ScriptApp.getProjectTriggers', ['script.scriptapp']);
    return this.registry.triggers.filter((t) => t.owner === this.host.activeUser).map((t) => triggerFor(this.host, t));
  }

  /** The current user's triggers for one Sheet or Form. */
  getUserTriggers(source: unknown): GoogleAppsScript.Script.Trigger[] {
    this.host.requireAuthorization('ScriptApp.getUserTriggers');
    this.host.requireScope('ScriptApp.getUserTriggers', ['script.scriptapp']);
    const id = idOf(source);
    return this.registry.triggers
      .filter((t) => t.owner === this.host.activeUser && (t.sourceId === id || t.documentId === id))
      .map((t) => triggerFor(this.host, t));
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    this.host.requireAuthorization('ScriptApp.deleteTrigger');
    this.host.requireScope('ScriptApp.deleteTrigger', ['script.scriptapp']);
    const id = (unwrap(trigger) as unknown as { _data: TriggerData })._data.id;
    const index = this.registry.triggers.findIndex((t) => t.id === id);
    if (index < 0) throw new Error('Trigger not found.');
    if (this.registry.triggers[index].owner !== this.host.activeUser) throw new Error('You do not have permission to delete this trigger.');
    this.registry.triggers.splice(index, 1);
  }

  getScriptId(): string { return this.scriptId; }
  getOAuthToken(): string { return `local-token-${this.host.activeUser}`; }
  getAuthorizationInfo(): { getAuthorizationStatus(): string; getAuthorizationUrl(): string | null } {
    return this.host.wrap('AuthorizationInfo', {
      getAuthorizationStatus: () => 'NOT_REQUIRED',
      getAuthorizationUrl: () => null,
    });
  }
  AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
}

function triggerFor(host: Host, data: TriggerData): GoogleAppsScript.Script.Trigger {
  return host.wrap('Trigger', {
    _data: data,
    getUniqueId: () => data.id,
    getHandlerFunction: () => data.handlerFunction,
    getEventType: () => data.eventType,
    getTriggerSource: () => data.source,
    getTriggerSourceId: () => data.sourceId || null,
  }) as unknown as GoogleAppsScript.Script.Trigger;
}

class TriggerBuilderImpl {
  constructor(private readonly host: Host, private readonly registry: TriggerRegistry, private readonly handler: string) {}

  private sub(kind: string, data: Partial<TriggerData>): unknown {
    return this.host.wrap(kind, new SourceTriggerBuilder(this.host, this.registry, { handlerFunction: this.handler, ...data }));
  }
  forSpreadsheet(source: unknown): unknown { return this.sub('SpreadsheetTriggerBuilder', { source: 'SPREADSHEETS', sourceId: idOf(source) }); }
  forForm(source: unknown): unknown { return this.sub('FormTriggerBuilder', { source: 'FORMS', sourceId: idOf(source) }); }
  timeBased(): unknown { return this.sub('ClockTriggerBuilder', { source: 'CLOCK', sourceId: '', eventType: 'CLOCK' }); }
}

class SourceTriggerBuilder {
  constructor(private readonly host: Host, private readonly registry: TriggerRegistry, private readonly data: Partial<TriggerData>) {}
  onFormSubmit(): this { this.data.eventType = 'ON_FORM_SUBMIT'; return this; }
  onEdit(): this { this.data.eventType = 'ON_EDIT'; return this; }
  onChange(): this { this.data.eventType = 'ON_CHANGE'; return this; }
  onOpen(): this { this.data.eventType = 'ON_OPEN'; return this; }
  everyMinutes(minutes: number): this {
    throw new Error(`Add-ons cannot create time-based triggers that run more often than once an hour (asked for every ${minutes} minutes).`);
  }
  everyHours(hours: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(hours)) throw new Error('Invalid argument: hours (must be 1, 2, 4, 6, 8 or 12)');
    this.data.everyHours = hours;
    return this;
  }
  everyDays(days: number): this { this.data.everyDays = days; return this; }
  // everyWeeks(n) and onWeekDay(day): https://developers.google.com/apps-script/reference/script/clock-trigger-builder
  // (its onWeekDay example creates a weekly trigger with onWeekDay alone, so the day counts as an interval). Google does
  // not say what a day outside ScriptApp.WeekDay does: it is refused here.
  everyWeeks(weeks: number): this {
    if (!Number.isInteger(weeks) || weeks < 1) throw new Error('Invalid argument: weeks');
    this.data.everyWeeks = weeks;
    return this;
  }
  onWeekDay(day: unknown): this {
    const name = String(day);
    if (!Object.prototype.hasOwnProperty.call(WeekDay, name)) throw new Error('Invalid argument: day');
    this.data.weekDay = name;
    return this;
  }
  atHour(hour: number): this {
    if (hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.data.atHour = hour;
    return this;
  }
  nearMinute(_minute: number): this { return this; }
  inTimezone(timeZone: string): this {
    try { new Intl.DateTimeFormat('en-US', { timeZone }); } catch { throw new Error(`Invalid argument: timeZone "${timeZone}"`); }
    this.data.timeZone = timeZone;
    return this;
  }
  create(): GoogleAppsScript.Script.Trigger {
    const data = this.data;
    if (!data.eventType) throw new Error('The trigger needs an event type before it is created.');
    if (data.source === 'CLOCK' && !data.everyHours && !data.everyDays && !data.everyWeeks && !data.weekDay) throw new Error('A time-based trigger needs an interval.');
    const documentId = this.host.activeSpreadsheetId;
    const mine = this.registry.triggers.filter((t) => t.owner === this.host.activeUser);
    if (mine.length >= TRIGGERS_PER_USER) throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    // Editor add-on rule: "Add-ons can only create triggers for the file in which the add-on is used"
    // (developers.google.com/workspace/add-ons/concepts/editor-triggers, "Add-on triggers" restrictions):
    // a form-submit trigger for a Form or a Sheet other than the open one is refused. Google does not give
    // the error's text; the model names both files.
    if (this.host.deployment.kind === 'editor add-on' && data.source !== 'CLOCK' && data.sourceId !== documentId) {
      throw new Error(`An add-on can only create triggers for the file it is used in: this run is in ${documentId ?? 'no file'}, the trigger asked for ${data.sourceId}.`);
    }
    // Editor add-on rule: one trigger of each type per user per document (a bound script has no such limit).
    if (this.host.deployment.kind === 'editor add-on' && mine.some((t) => t.documentId === documentId && t.eventType === data.eventType && t.source === data.source)) {
      throw new Error(`This add-on has created too many ${data.eventType === 'CLOCK' ? 'time-based' : data.eventType.toLowerCase().replace(/_/g, ' ').replace('on ', '')} triggers in this document for this Google Account user.`);
    }
    const trigger: TriggerData = {
      id: this.host.newId(20), handlerFunction: data.handlerFunction!, eventType: data.eventType, source: data.source!,
      sourceId: data.sourceId ?? '', documentId, owner: this.host.activeUser,
      everyHours: data.everyHours, everyDays: data.everyDays, atHour: data.atHour, timeZone: data.timeZone,
      everyWeeks: data.everyWeeks, weekDay: data.weekDay,
    };
    this.registry.triggers.push(trigger);
    return triggerFor(this.host, trigger);
  }
}
