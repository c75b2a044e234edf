// What every local service shares: the ledger, the clock, the signed-in user, Drive's files and the current execution.
import { randomBytes } from 'node:crypto';
import { expose } from './expose';
import type { Ledger } from './ledger';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** One file in the in-memory Drive. `content` is the model of a Sheet, Doc, Form or blob. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  /** Users who may open the file besides the owner (editors). */
  editors: Set<string>;
  parents: string[];
  createdTime: Date;
  modifiedTime: Date;
  trashed: boolean;
  /** Created by this app (what the drive.file scope may reach). */
  createdByApp: boolean;
  content: unknown;
  /** Drive's appProperties: key-value pairs private to the app that set them (REST files.update). */
  appProperties?: Record<string, string>;
}

export interface MenuItem {
  caption: string;
  functionName?: string;
  separator?: boolean;
  items?: MenuItem[];
}

export interface UiRecord {
  kind: 'sidebar' | 'modalDialog' | 'modelessDialog' | 'alert' | 'prompt' | 'toast';
  title: string;
  content: string;
}

export class Host {
  authMode: AuthModeName = 'FULL';
  activeUser = 'coordinator@example.org';
  timeZone = 'America/Vancouver';
  /** The spreadsheet the script is bound to (getActiveSpreadsheet). */
  activeSpreadsheetId: string | null = null;
  /**
   * How the script is deployed: an Editor add-on (the default; one project for every document it is
   * used in) or a script bound to one spreadsheet, whose time-driven runs keep it as the active one.
   */
  deployment: { kind: 'editor add-on' } | { kind: 'bound'; containerId: string } = { kind: 'editor add-on' };
  readonly files = new Map<string, DriveFile>();
  /** Menus added to the UI, by the add-on's name for them. */
  readonly menus: { title: string; items: MenuItem[] }[] = [];
  readonly uiLog: UiRecord[] = [];
  /** Answers the next alerts/prompts return, in order (default: OK). */
  readonly uiAnswers: { button: string; text?: string }[] = [];
  /** The manifest's oauthScopes; null when none were declared (tests of the Workspace alone). */
  scopes: readonly string[] | null = null;
  private clockMs: number | null = null;

  constructor(readonly ledger: Ledger) {}

  now(): Date {
    return new Date(this.clockMs ?? Date.now());
  }

  /** Freezes the Workspace clock (tests and sample runs need a fixed "today"). */
  setNow(date: Date | string): void {
    this.clockMs = new Date(date).getTime();
  }

  advance(ms: number): void {
    this.clockMs = this.now().getTime() + ms;
  }

  newId(length = 44): string {
    return randomBytes(length).toString('base64url').slice(0, length);
  }

  wrap<T extends object>(kind: string, impl: T, options: { assignable?: boolean } = {}): T {
    return expose(kind, impl, this.ledger, options);
  }

  /** In AuthMode.NONE an add-on may only build its menu; anything else fails as in Apps Script. */
  requireAuthorization(method: string): void {
    if (this.authMode === 'NONE') {
      throw new Error(`You do not have permission to call ${method}. Required permissions: the add-on is not yet authorized in this document (AuthMode.NONE)`);
    }
  }

  /** Fails as Apps Script does when the manifest lacks every scope that would allow the call. */
  requireScope(method: string, anyOf: readonly string[]): void {
    if (this.scopes === null) return;
    const granted = anyOf.some((scope) => this.scopes!.includes(`https://www.googleapis.com/auth/${scope}`));
    if (!granted) {
      throw new Error(`You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/${anyOf[anyOf.length - 1]}`);
    }
  }

  addFile(file: Omit<DriveFile, 'editors' | 'createdTime' | 'modifiedTime' | 'trashed' | 'createdByApp' | 'parents'> & Partial<DriveFile>): DriveFile {
    const now = this.now();
    const full: DriveFile = {
      editors: new Set(), createdTime: now, modifiedTime: now, trashed: false, createdByApp: true, parents: [],
      ...file,
    };
    this.files.set(full.id, full);
    return full;
  }

  /** A file the active user may open, or Google's "not found / no access" error. */
  openFile(id: string, mimeType: string, what: string): DriveFile {
    const file = this.files.get(id);
    if (!file || file.trashed || file.mimeType !== mimeType) {
      throw new Error(`Unexpected error while getting the method or property openById on object ${what}.`);
    }
    if (file.owner !== this.activeUser && !file.editors.has(this.activeUser)) {
      throw new Error(`You do not have permission to access the requested document.`);
    }
    return file;
  }
}
