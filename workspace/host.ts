// What every local service shares: the ledger, the clock, the signed-in user, Drive's files and who may reach them, and the current execution.
import { randomBytes } from 'node:crypto';
import { expose } from './expose';
import type { Ledger } from './ledger';
import { SpreadsheetModel, protectionsOf } from './spreadsheet-model';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** One file in the in-memory Drive. `content` is the model of a Sheet, Doc, Form or blob. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  /** Users who may open the file besides the owner (editors). */
  editors: Set<string>;
  /** People the file is shared with to view or to comment (Drive roles reader and commenter); see Host.share. */
  readers?: Map<string, 'viewer' | 'commenter'>;
  parents: string[];
  createdTime: Date;
  modifiedTime: Date;
  trashed: boolean;
  /** Made by an app (any API call) rather than put in Drive by a person; who may reach it under drive.file is Host.appGrants. */
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
  /** A dialog's size as its HtmlOutput set it (setWidth/setHeight), in pixels. */
  width?: number;
  height?: number;
}

/**
 * A person's access to a file, as Drive's roles name it (owner, writer = editor, commenter, reader = viewer):
 * developers.google.com/workspace/drive/api/guides/ref-roles.
 */
export type Role = 'viewer' | 'commenter' | 'editor' | 'owner';
const ROLE_RANK: Record<Role, number> = { viewer: 1, commenter: 2, editor: 3, owner: 4 };

/** A Google Cloud project: every Apps Script project has one (a hidden default one, or a standard one the developer chose). */
export interface CloudProject {
  /** The project number: what PickerBuilder.setAppId takes ("The Cloud project number"). */
  number: string;
  kind: 'default' | 'standard';
}

function projectNumber(): string {
  return String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
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
  /**
   * The script's Cloud project. Apps Script makes a default one for each script; publishing on the
   * Marketplace or using the Picker needs a standard project the developer switches to
   * (developers.google.com/apps-script/guides/cloud-platform-projects). drive.file grants belong to
   * a project, so switching cuts the script off from what it reached before.
   */
  scriptProject: CloudProject = { number: projectNumber(), kind: 'default' };
  /** The Cloud project of the command-line OAuth client the scripts (provision, import-roster) sign in with. */
  cliProject: CloudProject = { number: projectNumber(), kind: 'standard' };
  /** OAuth client IDs of other Cloud projects (any client not listed is the command-line client, cliProject). */
  readonly oauthClientProjects = new Map<string, string>();
  /** Set while a REST call runs: the project of the caller's OAuth client (rest/access.ts asCaller). */
  callingProject: string | null = null;
  /** The Google Workspace domain the add-on's developer belongs to (null: consumer account, none shared). */
  workspaceDomain: string | null = null;
  timeZone = 'America/Vancouver';
  /**
   * The script's time zone, the manifest's timeZone (AddOn.load reads it): Session.getScriptTimeZone()
   * and the local-time methods of Date in the script follow it (see Workspace.execute). Null: the host's `timeZone`.
   */
  scriptTimeZone: string | null = null;
  /**
   * Whether the execution has a person's editor to show UI in: false in installable-trigger runs
   * (time-driven, form submit), where SpreadsheetApp.getUi() throws (see SpreadsheetAppService.getUi).
   */
  uiAvailable = true;
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

  /**
   * A file made by an app is reachable under drive.file by the person who made it, through the
   * Cloud project that made it: "per-file access to files created or opened by the app"
   * (developers.google.com/workspace/drive/api/guides/api-specific-auth). Google grants per user
   * and per project; another person, or the same person through another project, does not reach it.
   */
  addFile(file: Omit<DriveFile, 'editors' | 'createdTime' | 'modifiedTime' | 'trashed' | 'createdByApp' | 'parents'> & Partial<DriveFile>): DriveFile {
    const now = this.now();
    const full: DriveFile = {
      editors: new Set(), createdTime: now, modifiedTime: now, trashed: false, createdByApp: true, parents: [],
      ...file,
    };
    this.files.set(full.id, full);
    if (full.createdByApp) this.grantToApp(full.id);
    return full;
  }

  // -------------------------------------------------------------------------------------------
  // People and their access

  /** The project whose credentials the running code uses: a REST caller's client, else the script's. */
  get activeProject(): string {
    return this.callingProject ?? this.scriptProject.number;
  }

  private readonly appGrants = new Set<string>();

  /** drive.file now reaches the file for this person through this project (the app made it, or the person picked it). */
  grantToApp(fileId: string, user = this.activeUser, project = this.activeProject): void {
    this.appGrants.add(`${user}\u0000${project}\u0000${fileId}`);
  }

  /** Whether drive.file reaches the file for this person through this project. */
  appHolds(fileId: string, user = this.activeUser, project = this.activeProject): boolean {
    return this.appGrants.has(`${user}\u0000${project}\u0000${fileId}`);
  }

  /**
   * A person's role on a file: the owner, a direct share, or the best role on any folder above it.
   * "Permission lists for a folder propagate downward. All child files and folders inherit
   * permissions from the parent" (developers.google.com/workspace/drive/api/guides/manage-sharing).
   * A folder's owner gets the files others put in it as an editor (the owner of a file is its
   * creator; Google does not make the folder's owner the file's owner).
   */
  roleOf(file: DriveFile, user: string, seen = new Set<string>()): Role | null {
    if (file.owner === user) return 'owner';
    let best: Role | null = file.editors.has(user) ? 'editor' : file.readers?.get(user) ?? null;
    seen.add(file.id);
    for (const parentId of file.parents) {
      const parent = this.files.get(parentId);
      if (!parent || seen.has(parentId)) continue;
      let inherited = this.roleOf(parent, user, seen);
      if (inherited === 'owner') inherited = 'editor';
      if (inherited && (!best || ROLE_RANK[inherited] > ROLE_RANK[best])) best = inherited;
    }
    return best;
  }

  canRead(file: DriveFile, user = this.activeUser): boolean {
    return this.roleOf(file, user) !== null;
  }

  canWrite(file: DriveFile, user = this.activeUser): boolean {
    const role = this.roleOf(file, user);
    return role === 'editor' || role === 'owner';
  }

  /** Everyone who may edit the file: its owner first, then editors direct or through a folder. */
  editorsOf(file: DriveFile): string[] {
    const people = new Set<string>([file.owner]);
    const visit = (f: DriveFile, seen: Set<string>) => {
      if (seen.has(f.id)) return;
      seen.add(f.id);
      people.add(f.owner);
      f.editors.forEach((e) => people.add(e));
      for (const id of f.parents) { const parent = this.files.get(id); if (parent) visit(parent, seen); }
    };
    visit(file, new Set());
    return [...people].filter((p) => this.canWrite(file, p));
  }

  /**
   * Shares a file or folder with a person as viewer, commenter or editor (Drive's reader,
   * commenter, writer). A share never lowers the owner; sharing again replaces the direct role.
   */
  share(fileId: string, email: string, role: Exclude<Role, 'owner'> = 'editor'): void {
    const file = this.files.get(fileId);
    if (!file) throw new Error(`No file ${fileId}`);
    if (file.owner === email) return;
    file.editors.delete(email);
    file.readers?.delete(email);
    if (role === 'editor') file.editors.add(email);
    else (file.readers ??= new Map()).set(email, role);
    this.mirrorSpreadsheetEditors();
  }

  /**
   * Removes a person's direct role on a file (Spreadsheet.removeEditor / removeViewer:
   * developers.google.com/apps-script/reference/spreadsheet/spreadsheet#removeEditor(String)). A role
   * through a folder stays, as Drive keeps inherited access. What removing the owner does is not
   * documented; the model refuses it (the stricter choice).
   */
  unshare(fileId: string, email: string, role: 'editor' | 'reader'): void {
    const file = this.files.get(fileId);
    if (!file) throw new Error(`No file ${fileId}`);
    if (file.owner === email) throw new Error(`${email} owns "${file.name}" and cannot be removed from it.`);
    if (role === 'editor') file.editors.delete(email);
    else file.readers?.delete(email);
    this.mirrorSpreadsheetEditors();
  }

  /**
   * A protection made by Sheet.protect() or Range.protect() whose editors the script has not
   * changed keeps the spreadsheet's editors: "a new protection ... mirrors the spreadsheet's
   * editors" (Protection class, developers.google.com/apps-script/reference/spreadsheet/protection:
   * its sample adds the current user and removes every other editor to limit one). So each share
   * reaches those protections, the folder shares above the spreadsheet included.
   */
  mirrorSpreadsheetEditors(): void {
    for (const file of this.files.values()) {
      if (!(file.content instanceof SpreadsheetModel)) continue;
      const editors = this.editorsOf(file);
      for (const sheet of file.content.sheets) {
        for (const p of protectionsOf(sheet)) if (p.mirrorsEditors) p.editors = new Set(editors);
      }
    }
  }

  /** A file the active user may open, or Google's "not found / no access" error. */
  openFile(id: string, mimeType: string, what: string): DriveFile {
    const file = this.files.get(id);
    if (!file || file.trashed || file.mimeType !== mimeType) {
      throw new Error(`Unexpected error while getting the method or property openById on object ${what}.`);
    }
    if (!this.canRead(file)) {
      throw new Error(`You do not have permission to access the requested document.`);
    }
    return file;
  }

  /**
   * A write by someone who may only view or comment. Apps Script's wording for this is not
   * documented; the model refuses with the text openById uses for a file not shared, which names
   * the cause (the stricter choice: Google may word it differently, never allow it).
   */
  requireWrite(file: DriveFile): void {
    if (this.canWrite(file)) return;
    const role = this.roleOf(file, this.activeUser);
    const can = role === 'commenter' ? ` ${this.activeUser} can only comment on "${file.name}".` : role === 'viewer' ? ` ${this.activeUser} can only view "${file.name}".` : '';
    throw new Error(`You do not have permission to access the requested document.${can}`);
  }
}
