// The local Workspace: an in-memory Google behind the Apps Script service API, with a ledger of every call.
import { Ledger, EXECUTION_LIMIT_MS } from './ledger';
import { Host, type AuthModeName } from './host';
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

  /** Shares a file with another user as an editor. */
  share(fileId: string, email: string): void {
    const file = this.host.files.get(fileId);
    if (!file) throw new Error(`No file ${fileId}`);
    file.editors.add(email);
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
    try {
      return run();
    } finally {
      this.ledger.endExecution();
      this.locks.releaseAll(execution);
      this.locks.execution = previousExecution;
      this.host.authMode = previousMode;
      this.host.activeUser = previousUser;
    }
  }

  /** The loaded add-on (AddOn.load sets it): form submissions fire its triggers. */
  addon: (TriggerRunner & { readonly source: string }) | null = null;

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
   * Fires a time-driven trigger as Apps Script does: as its owner, with no active spreadsheet
   * (getActiveSpreadsheet() is null in a time-driven run) and Google's clock event object.
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
    this.host.activeSpreadsheetId = null;
    try {
      return this.addon.call(trigger.handlerFunction, [event], { authMode: 'FULL', user: trigger.owner });
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
