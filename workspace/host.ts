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

/**
 * What a simple trigger (onEdit, onOpen in AuthMode.LIMITED) may call among the services that check
 * authorization. Google: simple triggers "cannot access services that require authorization" and
 * "can modify the file they are bound to, but cannot access other files"
 * (developers.google.com/apps-script/guides/triggers#restrictions); the Editor add-on authorization
 * table gives LIMITED the bound file and menus, and FULL alone other files and other services
 * (developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes).
 * Document properties are read outside AuthMode.NONE in Google's own AuthMode sample
 * (developers.google.com/apps-script/reference/script/auth-mode), so they are allowed. Google is
 * silent on LockService, CacheService and user or script properties in LIMITED: the stricter model
 * refuses them, as it refuses openById (another file, even the bound one by ID), dialogs and
 * sidebars, Drive, Docs, Forms, MailApp and trigger management.
 */
export const LIMITED_ALLOWS: ReadonlySet<string> = new Set([
  'SpreadsheetApp.getActiveSpreadsheet',
  'PropertiesService.getDocumentProperties',
]);

/** A simple trigger stops after 30 seconds (developers.google.com/apps-script/guides/triggers#restrictions; quotas page). */
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;

export class Host {
  authMode: AuthModeName = 'FULL';
  activeUser = 'coordinator@example.org';
  /** The Google Workspace domain the add-on's developer belongs to (null: consumer account, none shared). */
  workspaceDomain: string | null = null;
  timeZone = 'America/Vancouver';
  /** The spreadsheet the script is bound to (getActiveSpreadsheet). */
  activeSpreadsheetId: string | null = null;
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

  /** In AuthMode.NONE an add-on may only build its menu; in LIMITED only the bound file (see LIMITED_ALLOWS); anything else fails as in Apps Script. */
  requireAuthorization(method: string): void {
    if (this.authMode === 'NONE') {
      throw new Error(`You do not have permission to call ${method}. Required permissions: the add-on is not yet authorized in this document (AuthMode.NONE)`);
    }
    if (this.authMode === 'LIMITED' && !LIMITED_ALLOWS.has(method)) {
      throw new Error(`You do not have permission to call ${method}. Simple triggers such as onEdit and onOpen run in AuthMode.LIMITED and cannot use services that require authorization.`);
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
