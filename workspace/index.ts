// The local Workspace: an in-memory Google behind the Apps Script service API, with a ledger of every call.
import { Ledger, EXECUTION_LIMIT_MS } from './ledger';
import { Host, SIMPLE_TRIGGER_LIMIT_MS, type AuthModeName } from './host';
import { SpreadsheetAppService, createSpreadsheetModel, spreadsheetModel, ADDON_NAME } from './spreadsheet';
import { ScriptAppService, TriggerRegistry, type TriggerData } from './script';
import {
  CacheServiceImpl, LockServiceImpl, LockTable, LoggerImpl, MailAppImpl, PropertiesServiceImpl, PropertyStores,
  SessionImpl, UtilitiesImpl, consoleFor, type SentMail,
} from './basics';
import { HtmlServiceImpl } from './html';
import { ChartsService } from './charts';
import { SpreadsheetModel } from './spreadsheet-model';
import { driveServices, DOCUMENTS_CREATED_PER_DAY } from './drive';
import { docsServices } from './docs';
import { sheetsServices } from './sheets';
import {
  formsServices, submitForm, fireFormSubmitAgain, type PersonAnswers, type SheetFormSubmitEvent, type Submission, type TriggerRun,
  type TriggerRunner,
} from './forms';
import { enterScriptTimeZone } from './script-zone';
import { Quotas } from './quotas';
import { runConcurrently, type ConcurrentExecution, type ConcurrentOptions, type ConcurrentResult } from './concurrency';

export { Ledger } from './ledger';
export type { SpreadsheetModel } from './spreadsheet-model';

export interface WorkspaceOptions {
  user?: string;
  timeZone?: string;
  /** Fixes the Workspace clock ("today" for the add-on). */
  now?: Date | string;
  /** The add-on's name, used as the title of its menu. */
  addonName?: string;
  /**
   * The manifest's oauthScopes. Unset means every scope, as when Apps Script detects them;
   * AddOn.load sets it from dist/appsscript.json when the test did not.
   */
  scopes?: string[];
  /** Google Docs a user may create per day (FACTS: 250 consumer, 1,500 Workspace). */
  documentsCreatedPerDay?: number;
}

export interface ExecutionOptions {
  authMode?: AuthModeName;
  user?: string;
  /** Modelled time limit of this execution; Apps Script stops one at 6 minutes. null = none. */
  timeLimitMs?: number | null;
  /** False for installable-trigger runs: no editor to show UI in, so getUi() throws. */
  ui?: boolean;
}

/** How one trigger run ended: its result, or the error Apps Script would log. */
export type TriggerOutcome = ({ ok: true; result: unknown } | { ok: false; error: string }) & {
  /** The service calls the run made, as the ledger recorded them. */
  calls: string[];
  /** The run's modelled time: its calls' costs and its waits (lock waits, sleeps). */
  modelledMs: number;
};

/** The trigger runs one person's edit caused: the simple onEdit (null when the add-on has none) and each installable on-edit trigger. */
export interface EditFiring {
  simple: TriggerOutcome | null;
  installable: (TriggerOutcome & { trigger: TriggerData })[];
}

/** One file of an Apps Script project, as the Apps Script API's projects.getContent returns it. */
export interface ScriptFileData {
  name: string;
  type: 'SERVER_JS' | 'HTML' | 'JSON';
  source: string;
  createTime: Date;
  updateTime: Date;
  lastModifyUser: string;
}

/** An Apps Script project; bound to a Sheet, Doc or Form when parentId is set. */
export interface ScriptProjectData {
  scriptId: string;
  title: string;
  parentId: string | null;
  creator: string;
  createTime: Date;
  updateTime: Date;
  files: ScriptFileData[];
}

/** A service another module of the Workspace adds (Drive, Docs, Forms): built once per Workspace. */
export type ServiceFactory = (ws: Workspace) => Record<string, unknown>;
const extraServices: ServiceFactory[] = [];

/** Lets a module register more globals (DriveApp, DocumentApp, FormApp, Docs, …). */
export function registerServices(factory: ServiceFactory): void {
  extraServices.push(factory);
}

export class Workspace {
  readonly ledger = new Ledger();
  readonly host: Host;
  readonly triggers = new TriggerRegistry();
  readonly properties = new PropertyStores();
  readonly locks = new LockTable();
  readonly outbox: SentMail[] = [];
  readonly logs: { level: string; text: string }[] = [];
  readonly logger = new LoggerImpl();
  /** The project's HTML files by name (without .html), as clasp pushes them. */
  readonly projectFiles = new Map<string, string>();
  readonly scriptId: string;
  /** Apps Script projects made through the Apps Script API (rest/apps-script.ts), by script ID. */
  readonly scriptProjects = new Map<string, ScriptProjectData>();
  /** The loaded script's top-level functions, visible to HTML templates. */
  scriptScope: Record<string, unknown> = {};
  private cachedGlobals: Record<string, unknown> | null = null;
  readonly mail: MailAppImpl;
  /** The manifest's oauthScopes; null = not declared (every scope allowed). Services read them through the host. */
  get scopes(): readonly string[] | null {
    return this.host.scopes;
  }
  set scopes(scopes: readonly string[] | null) {
    this.host.scopes = scopes;
  }
  documentsCreatedPerDay: number;
  /** Google's per-minute Docs and Drive API quotas, counted on the modelled clock (quotas.ts). */
  readonly quotas: Quotas;

  constructor(options: WorkspaceOptions = {}) {
    this.host = new Host(this.ledger);
    if (options.user) this.host.activeUser = options.user;
    if (options.timeZone) this.host.timeZone = options.timeZone;
    if (options.now) this.host.setNow(options.now);
    if (options.addonName) ADDON_NAME.value = options.addonName;
    this.scriptId = this.host.newId(57);
    this.mail = new MailAppImpl(this.host, this.outbox);
    this.scopes = options.scopes ?? null;
    this.documentsCreatedPerDay = options.documentsCreatedPerDay ?? DOCUMENTS_CREATED_PER_DAY;
    this.quotas = new Quotas(this);
    this.ledger.quotaCheck = (method, atMs) => this.quotas.check(method, atMs);
  }

  /** The Apps Script globals the add-on sees. */
  globals(): Record<string, unknown> {
    if (this.cachedGlobals) return this.cachedGlobals;
    const host = this.host;
    const services: Record<string, unknown> = {
      SpreadsheetApp: host.wrap('SpreadsheetApp', new SpreadsheetAppService(host)),
      ScriptApp: host.wrap('ScriptApp', new ScriptAppService(host, this.triggers, this.scriptId)),
      PropertiesService: host.wrap('PropertiesService', new PropertiesServiceImpl(host, this.properties, this.scriptId)),
      LockService: host.wrap('LockService', new LockServiceImpl(host, this.locks, this.scriptId)),
      CacheService: host.wrap('CacheService', new CacheServiceImpl(host, this.scriptId)),
      Session: host.wrap('Session', new SessionImpl(host)),
      Utilities: host.wrap('Utilities', new UtilitiesImpl(host)),
      MailApp: host.wrap('MailApp', this.mail),
      HtmlService: host.wrap('HtmlService', new HtmlServiceImpl(host, this.projectFiles, () => this.scriptScope)),
      Charts: host.wrap('Charts', new ChartsService()),
      Logger: this.logger,
      console: consoleFor(this.logs),
    };
    for (const factory of extraServices) Object.assign(services, factory(this));
    this.cachedGlobals = services;
    return services;
  }

  /** A new spreadsheet owned by `owner` (default: the active user); returns its id. */
  createSpreadsheet(name: string, owner = this.host.activeUser): string {
    const previous = this.host.activeUser;
    this.host.activeUser = owner;
    try {
      return createSpreadsheetModel(this.host, name).id;
    } finally {
      this.host.activeUser = previous;
    }
  }

  spreadsheet(id: string): SpreadsheetModel {
    return spreadsheetModel(this.host, id);
  }

  /** Makes a spreadsheet the document the add-on runs in (getActiveSpreadsheet). */
  openInSheets(id: string): void {
    this.spreadsheet(id);
    this.host.activeSpreadsheetId = id;
  }

  /** Shares a file or folder with a person as viewer, commenter or editor (default), as Drive's Share does. */
  share(fileId: string, email: string, role: 'viewer' | 'commenter' | 'editor' = 'editor'): void {
    this.host.share(fileId, email, role);
  }

  /**
   * Moves the script to a standard Cloud project (what Marketplace publishing and the Picker need).
   * drive.file grants stay with the old project, so the script no longer reaches what it made before.
   */
  useStandardProject(number: string): void {
    if (!/^\d{6,}$/.test(number)) throw new Error(`A Cloud project number is digits: ${number}`);
    this.host.scriptProject = { number, kind: 'standard' };
  }

  /**
   * Runs one execution: a fresh time budget, the given auth mode and user, and every lock it took
   * released when it ends, as Apps Script does.
   */
  execute<T>(run: () => T, options: ExecutionOptions = {}): T {
    const previousMode = this.host.authMode;
    const previousUser = this.host.activeUser;
    this.host.authMode = options.authMode ?? 'FULL';
    if (options.user) this.host.activeUser = options.user;
    const previousExecution = this.locks.execution;
    this.locks.execution = previousExecution + 1000;
    const execution = this.locks.execution;
    this.ledger.beginExecution(options.timeLimitMs === undefined ? EXECUTION_LIMIT_MS : options.timeLimitMs);
    const restoreZone = enterScriptTimeZone(this.host.scriptTimeZone);
    const previousUi = this.host.uiAvailable;
    this.host.uiAvailable = options.ui ?? true;
    try {
      return run();
    } finally {
      restoreZone();
      this.host.uiAvailable = previousUi;
      this.ledger.endExecution();
      this.locks.releaseAll(execution);
      this.locks.execution = previousExecution;
      this.host.authMode = previousMode;
      this.host.activeUser = previousUser;
    }
  }

  /** The loaded add-on (AddOn.load sets it): form submissions fire its triggers. */
  addon: (TriggerRunner & { readonly source: string; has(name: string): boolean }) | null = null;

  /** A person submits a form on a phone: stored, appended to the responses sheet, form-submit triggers fired. */
  submitForm(formId: string, answers: PersonAnswers, options: { at?: Date } = {}): Submission {
    return submitForm(this, formId, answers, options);
  }

  /** The known duplicate firing of the form-submit trigger (sometimes blank). */
  fireFormSubmitAgain(event: SheetFormSubmitEvent, options: { blank?: boolean } = {}): TriggerRun {
    return fireFormSubmitAgain(this, event, options);
  }

  /** Runs add-on executions at the same time, interleaved at service-call boundaries (see concurrency.ts). */
  /**
   * Makes the loaded script one bound to a spreadsheet (Extensions → Apps Script in that Sheet) rather
   * than an Editor add-on: its time-driven runs then have that spreadsheet as the active one.
   */
  bindScriptTo(spreadsheetId: string): void {
    this.spreadsheet(spreadsheetId);
    this.host.deployment = { kind: 'bound', containerId: spreadsheetId };
  }

  /**
   * Fires a time-driven trigger as Apps Script does: as its owner (installable triggers "always run
   * under the account of the person who created them", developers.google.com/apps-script/guides/triggers/installable)
   * with Google's clock event object. Where it runs depends on the deployment:
   * - an Editor add-on's run has no active spreadsheet: getActiveSpreadsheet() is null, and so are
   *   PropertiesService.getDocumentProperties() and LockService.getDocumentLock(), which exist only
   *   "within the current document" (…/reference/properties/properties-service#getDocumentProperties,
   *   …/reference/lock/lock-service#getDocumentLock); the add-on must open its file by ID
   *   (…/workspace/add-ons/concepts/editor-triggers: time-driven triggers of add-ons are installable
   *   triggers tied to the user, and the run carries no document);
   * - a script bound to a spreadsheet runs in its container: getActiveSpreadsheet() lets a bound
   *   script "refer to their parent file without referring to the file's ID" (…/guides/bound), so the
   *   document's properties and lock are there. The guide does not single out time-driven runs; the
   *   model keeps the container in them, as bound scripts' clock triggers are commonly written.
   */
  fireTimeTrigger(trigger: TriggerData): unknown {
    if (!this.addon) throw new Error('Load the add-on (AddOn.load) before firing triggers.');
    const now = this.host.now();
    const event = {
      authMode: 'FULL', triggerUid: trigger.id, year: now.getUTCFullYear(), month: now.getUTCMonth() + 1,
      'day-of-month': now.getUTCDate(), hour: now.getUTCHours(), minute: now.getUTCMinutes(), second: now.getUTCSeconds(),
      timezone: 'UTC', 'week-of-year': 0,
    };
    const previous = this.host.activeSpreadsheetId;
    const deployment = this.host.deployment;
    this.host.activeSpreadsheetId = deployment.kind === 'bound' ? deployment.containerId : null;
    try {
      return this.addon.call(trigger.handlerFunction, [event], { authMode: 'FULL', user: trigger.owner, ui: false });
    } finally {
      this.host.activeSpreadsheetId = previous;
    }
  }

  /**
   * A person acts in the Sheet while the next execution runs: `action` runs just before that
   * execution's service call number `atCall` (0-based), between two of its calls, as `user` and
   * through the same SpreadsheetApp (so Google's semantics of sort, insert, delete and paste apply).
   * The person's calls are not the execution's: the ledger does not count them, faults and the
   * execution's time budget do not apply, and the manifest's scopes do not limit a person.
   */
  interleave(atCall: number, action: (apps: { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }) => void, options: { user?: string } = {}): { readonly ran: boolean } {
    return this.ledger.interleave(atCall, () => {
      const host = this.host;
      const previous = { user: host.activeUser, mode: host.authMode, scopes: host.scopes };
      host.activeUser = options.user ?? host.activeUser;
      host.authMode = 'FULL';
      host.scopes = null;
      try {
        action({ SpreadsheetApp: this.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp });
      } finally {
        host.activeUser = previous.user;
        host.authMode = previous.mode;
        host.scopes = previous.scopes;
      }
    });
  }

  /**
   * Remembers every spreadsheet's content and every property store, and returns a function that puts
   * them back: a test that runs the same execution many times starts each run from the same tracker.
   * Drive files other than spreadsheets, triggers and mail are not rolled back.
   */
  snapshot(): () => void {
    const sheets = new Map<string, SpreadsheetModel>();
    for (const [id, file] of this.host.files) if (file.content instanceof SpreadsheetModel) sheets.set(id, file.content.clone());
    const stores = new Map([...this.properties.stores].map(([key, store]) => [key, new Map(store)]));
    return () => {
      for (const [id, model] of sheets) {
        const file = this.host.files.get(id);
        if (file) file.content = model.clone();
      }
      this.properties.stores.clear();
      for (const [key, store] of stores) this.properties.stores.set(key, new Map(store));
    };
  }

  /**
   * A person edits a spreadsheet and Sheets fires its edit triggers, as Google does:
   * - `edit` makes the change as that person (their protections apply) and returns the edited range;
   * - the add-on's simple onEdit(e) runs as that person, in AuthMode.LIMITED, for at most 30 seconds
   *   (developers.google.com/apps-script/guides/triggers#restrictions); it does not run for a person
   *   who may only view or comment (same page), which this model enforces by the edit itself failing;
   * - every installable on-edit trigger of the spreadsheet runs, whoever edited, as the person who
   *   created it, with that person's authorization, in a six-minute execution
   *   (developers.google.com/apps-script/guides/triggers/installable#restrictions: "runs with the
   *   authorization of the user who created the trigger, even if another user with edit access opens
   *   the spreadsheet"; limits from developers.google.com/apps-script/guides/services/quotas).
   * Google does not say in which order the two start; here the simple trigger runs first. A trigger
   * that throws is not reported to the person (add-ons get no failure email: editor-triggers guide):
   * the error is returned, not thrown. Script writes fire no trigger, so only this path fires them.
   * The event carries authMode, range, source and (installable) triggerUid; value and oldValue,
   * which Google sets only for single-cell edits, are not modelled.
   */
  personEdits(spreadsheetId: string, user: string, edit: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => GoogleAppsScript.Spreadsheet.Range): EditFiring {
    if (!this.addon) throw new Error('Load the add-on (AddOn.load) before firing triggers.');
    const addon = this.addon;
    const apps = this.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const range = this.execute(() => edit(apps.openById(spreadsheetId)), { user });
    const previous = this.host.activeSpreadsheetId;
    this.host.activeSpreadsheetId = spreadsheetId;
    const attempt = (run: () => unknown): TriggerOutcome => {
      const mark = this.ledger.mark();
      try {
        const result = run();
        return { ok: true, result, calls: this.ledger.since(mark), modelledMs: this.ledger.elapsedMs };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error), calls: this.ledger.since(mark), modelledMs: this.ledger.elapsedMs };
      }
    };
    try {
      const source = this.execute(() => apps.getActiveSpreadsheet(), { user });
      const simple = addon.has('onEdit')
        ? attempt(() => addon.call('onEdit', [{ authMode: 'LIMITED', range, source }], { authMode: 'LIMITED', user, timeLimitMs: SIMPLE_TRIGGER_LIMIT_MS }))
        : null;
      const installable = this.triggersFor('ON_EDIT', spreadsheetId).map((trigger) => ({
        trigger,
        ...attempt(() => addon.call(trigger.handlerFunction, [{ authMode: 'FULL', range, source, triggerUid: trigger.id }], { authMode: 'FULL', user: trigger.owner })),
      }));
      return { simple, installable };
    } finally {
      this.host.activeSpreadsheetId = previous;
    }
  }

  runConcurrently(executions: ConcurrentExecution[], options: ConcurrentOptions = {}): ConcurrentResult[] {
    return runConcurrently(this, executions, options);
  }

  /** Installable triggers of a type on a source (for tests and the trigger firing paths). */
  triggersFor(eventType: TriggerData['eventType'], sourceId?: string): TriggerData[] {
    return this.triggers.triggers.filter((t) => t.eventType === eventType && (sourceId === undefined || t.sourceId === sourceId));
  }
}

export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  return new Workspace(options);
}

registerServices(driveServices);
registerServices(docsServices);
registerServices(sheetsServices);
registerServices(formsServices);
