// Drive for the local Workspace: DriveApp (which needs the restricted drive scope), the Drive v3 advanced service (which works under drive.file for files the app made or was given), the manifest-scope checks shared with Docs, and the daily "documents created" quota.
//
// What Google documents, and what this module enforces:
// - DriveApp methods require https://www.googleapis.com/auth/drive (reads also accept
//   drive.readonly); without it Apps Script throws "You do not have permission to call
//   DriveApp.getFileById. Required permissions: (…drive.readonly || …drive)". drive is a restricted
//   scope, so an add-on that avoids it cannot use DriveApp at all.
// - The advanced Drive and Docs services call the REST APIs, whose methods accept drive.file:
//   "per-file access to files created or opened by the app". Under drive.file alone a file the
//   app did not create (DriveFile.createdByApp) and was not given (grantFileToApp: the Picker or
//   "Open with") is invisible: the API answers "File not found" / "Requested entity was not found".
// - A scope missing from the manifest fails an advanced-service call with the API's 403
//   "Request had insufficient authentication scopes.".
// - Apps Script caps documents created per day (FACTS: 250 consumer, 1,500 Workspace); creating a
//   Google Doc, by Docs.Documents.create or by copying one, past the cap throws
//   "Service invoked too many times for one day: docs create.".
import type { Workspace } from './index';
import type { DriveFile } from './host';
import { unwrap } from './expose';
import { BlobImpl, newBlob } from './basics';
import { DocumentModel } from './docs-model';
import { documentPdf } from './export-pdf';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOCUMENT_MIME = 'application/vnd.google-apps.document';
export const PDF_MIME = 'application/pdf';

export const SCOPES = {
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  documents: 'https://www.googleapis.com/auth/documents',
  documentsReadonly: 'https://www.googleapis.com/auth/documents.readonly',
} as const;

const READ_DRIVE = [SCOPES.driveReadonly, SCOPES.drive];
const WRITE_DRIVE = [SCOPES.drive];

/** Consumer accounts may create 250 documents a day (FACTS: Apps Script quotas); Workspace accounts 1,500. */
export const DOCUMENTS_CREATED_PER_DAY = 250;

interface DriveState {
  /** Each user's "My Drive" folder id. */
  roots: Map<string, string>;
  /** user + day → documents created that day. */
  created: Map<string, number>;
  /** user + file id pairs handed out by files.generateIds and not used yet. */
  generatedIds: Set<string>;
  /** Top folders of shared drives (sharedDrives()). */
  sharedDrives: Set<string>;
}

const states = new WeakMap<Workspace, DriveState>();

function stateOf(ws: Workspace): DriveState {
  let state = states.get(ws);
  if (!state) {
    state = { roots: new Map(), created: new Map(), generatedIds: new Set(), sharedDrives: new Set() };
    states.set(ws, state);
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Scopes and reach

function hasScope(ws: Workspace, anyOf: readonly string[]): boolean {
  return ws.scopes === null || anyOf.some((scope) => ws.scopes?.includes(scope));
}

/** A built-in service (DriveApp, DocumentApp) refuses a call the manifest's scopes do not cover. */
export function requirePermission(ws: Workspace, method: string, anyOf: readonly string[]): void {
  ws.host.requireAuthorization(method);
  if (hasScope(ws, anyOf)) return;
  const required = anyOf.length === 1 ? anyOf[0] : `(${anyOf.join(' || ')})`;
  throw new Error(`You do not have permission to call ${method}. Required permissions: ${required}`);
}

/** How Apps Script reports a failed advanced-service call: "API call to docs.documents.get failed with error: …". */
export function apiError(call: string, message: string): Error {
  return new Error(`API call to ${call} failed with error: ${message}`);
}

/** An advanced-service call needs one of the REST method's scopes in the manifest. */
export function requireApiScopes(ws: Workspace, call: string, anyOf: readonly string[]): void {
  ws.host.requireAuthorization(call);
  if (!hasScope(ws, anyOf)) throw apiError(call, 'Request had insufficient authentication scopes.');
}

/** Whether the person may open the file: owner, shared directly, or through a folder above it (Host.roleOf). */
function canOpen(ws: Workspace, file: DriveFile): boolean {
  return ws.host.canRead(file);
}

/**
 * Whether an advanced-service call may see `file`: the person must have access, and the manifest
 * must carry a broad scope (`broad`) or drive.file with the file made by, or granted to, this
 * person through the script's Cloud project (Host.appHolds; drive.file is per user and per project,
 * developers.google.com/workspace/drive/api/guides/api-specific-auth).
 */
export function appReaches(ws: Workspace, file: DriveFile, broad: readonly string[]): boolean {
  if (!canOpen(ws, file)) return false;
  if (ws.scopes === null || hasScope(ws, broad)) return true;
  if (!hasScope(ws, [SCOPES.driveFile])) return false;
  return ws.host.appHolds(file.id);
}

/**
 * The person opens a file with the app through the Google Picker (PickerBuilder.setAppId(<project
 * number>), developers.google.com/workspace/drive/picker/reference/picker.pickerbuilder.setappid):
 * drive.file now reaches it for that person through that project only. The project defaults to the
 * script's. A person who cannot open the file cannot pick it.
 */
export function grantFileToApp(ws: Workspace, fileId: string, user = ws.host.activeUser, project = ws.host.scriptProject.number): void {
  const file = ws.host.files.get(fileId);
  if (!file) throw new Error(`No file ${fileId}`);
  if (!ws.host.canRead(file, user)) throw new Error(`${user} cannot pick "${file.name}": it is not shared with them.`);
  ws.host.grantToApp(fileId, user, project);
}

// ---------------------------------------------------------------------------------------------
// Files

export function rootFolderId(ws: Workspace, user = ws.host.activeUser): string {
  const state = stateOf(ws);
  let id = state.roots.get(user);
  if (!id) {
    id = ws.host.newId(28);
    ws.host.addFile({ id, name: 'My Drive', mimeType: FOLDER_MIME, owner: user, content: null, createdByApp: false });
    state.roots.set(user, id);
  }
  return id;
}

export function parentsOf(ws: Workspace, file: DriveFile): string[] {
  if (file.parents.length) return file.parents;
  if (file.id === stateOf(ws).roots.get(file.owner)) return [];
  return [rootFolderId(ws, file.owner)];
}

function dayOf(ws: Workspace): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ws.host.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ws.host.now());
}

/** Counts one Google Doc made by the active user today, or throws Apps Script's daily-quota error. */
function countDocumentCreated(ws: Workspace): void {
  const key = `${ws.host.activeUser}\u0000${dayOf(ws)}`;
  const state = stateOf(ws);
  const made = state.created.get(key) ?? 0;
  if (made >= ws.documentsCreatedPerDay) throw new Error('Service invoked too many times for one day: docs create.');
  state.created.set(key, made + 1);
}

/** Documents the user has created today (Docs.Documents.create and copies of Google Docs). */
export function documentsCreatedToday(ws: Workspace, user = ws.host.activeUser): number {
  return stateOf(ws).created.get(`${user}\u0000${dayOf(ws)}`) ?? 0;
}

function addAppFile(ws: Workspace, name: string, mimeType: string, content: unknown, parents: string[], id = ws.host.newId()): DriveFile {
  return ws.host.addFile({ id, name, mimeType, owner: ws.host.activeUser, content, parents, createdByApp: true });
}

/** A new, empty Google Doc owned by the active user; counts against the daily quota. */
export function createDocumentFile(ws: Workspace, title: string, parents?: string[], id = ws.host.newId()): DriveFile {
  countDocumentCreated(ws);
  return ws.host.addFile({
    id, name: title, mimeType: DOCUMENT_MIME, owner: ws.host.activeUser, content: new DocumentModel(id, title),
    parents: parents ?? [rootFolderId(ws)], createdByApp: true,
  });
}

/** A copy made by the app: a Google Doc copy counts against the daily quota. */
function copyFile(ws: Workspace, source: DriveFile, name: string, parents: string[], fail: (message: string) => Error, id = ws.host.newId()): DriveFile {
  if (source.mimeType === FOLDER_MIME) throw fail('Folders cannot be copied.');
  if (source.mimeType === DOCUMENT_MIME) {
    countDocumentCreated(ws);
    const model = (source.content as DocumentModel).copy(id, name);
    return ws.host.addFile({ id, name, mimeType: DOCUMENT_MIME, owner: ws.host.activeUser, content: model, parents, createdByApp: true });
  }
  if (Buffer.isBuffer(source.content)) return addAppFile(ws, name, source.mimeType, Buffer.from(source.content), parents, id);
  throw new Error(`Copying a file of type ${source.mimeType} is not implemented by the local Workspace`);
}

/** The Docs model behind a Google Doc file (for tests, exports and the Docs service). */
export function documentModel(ws: Workspace, id: string): DocumentModel {
  const file = ws.host.files.get(id);
  if (!file || file.mimeType !== DOCUMENT_MIME) throw new Error(`No Google Doc with id ${id}`);
  return file.content as DocumentModel;
}

/**
 * Puts a file in someone's Drive that the add-on did not make (a template the coordinator wrote,
 * a PDF they uploaded): drive.file does not reach it until it is granted.
 */
export function putFileInDrive(ws: Workspace, file: { name: string; mimeType?: string; text?: string; bytes?: Buffer; owner?: string; parents?: string[] }): DriveFile {
  const owner = file.owner ?? ws.host.activeUser;
  const mimeType = file.mimeType ?? DOCUMENT_MIME;
  const id = ws.host.newId();
  let content: unknown;
  if (mimeType === DOCUMENT_MIME) {
    const model = new DocumentModel(id, file.name);
    if (file.text) model.applyBatch([{ insertText: { location: { index: 1 }, text: file.text } }]);
    content = model;
  } else if (mimeType === FOLDER_MIME) content = null;
  else content = file.bytes ? Buffer.from(file.bytes) : Buffer.from(file.text ?? '', 'utf8');
  return ws.host.addFile({ id, name: file.name, mimeType, owner, content, parents: file.parents ?? [rootFolderId(ws, owner)], createdByApp: false });
}

function renameFile(file: DriveFile, name: string, now: Date): void {
  file.name = name;
  if (file.content instanceof DocumentModel) file.content.title = name;
  file.modifiedTime = now;
}

export function urlOf(file: DriveFile): string {
  switch (file.mimeType) {
    case DOCUMENT_MIME: return `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`;
    case 'application/vnd.google-apps.spreadsheet': return `https://docs.google.com/spreadsheets/d/${file.id}/edit?usp=drivesdk`;
    case FOLDER_MIME: return `https://drive.google.com/drive/folders/${file.id}`;
    default: return `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
  }
}

/** The file converted to `contentType`, as File.getAs and Drive's export do; Google Docs convert to PDF. */
export function convertFile(file: DriveFile, contentType: string): { bytes: Buffer; name: string } {
  if (file.mimeType === DOCUMENT_MIME && contentType === PDF_MIME) {
    const model = file.content as DocumentModel;
    return { bytes: documentPdf(model.toJson(), (id) => model.inlineImage(id)), name: `${file.name}.pdf` };
  }
  if (Buffer.isBuffer(file.content) && contentType === file.mimeType) return { bytes: Buffer.from(file.content), name: file.name };
  if (file.mimeType === DOCUMENT_MIME || Buffer.isBuffer(file.content) || file.mimeType === FOLDER_MIME) {
    throw new Error(`Converting from ${file.mimeType} to ${contentType} is not supported.`);
  }
  throw new Error(`Converting a file of type ${file.mimeType} is not implemented by the local Workspace`);
}

function blobContent(blob: unknown): BlobImpl {
  const inner = unwrap(blob);
  if (!(inner instanceof BlobImpl)) throw new Error('Invalid argument: blob');
  return inner;
}

// ---------------------------------------------------------------------------------------------
// DriveApp

const NO_ITEM = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

class FileIteratorImpl<T> {
  private _at = 0;
  constructor(private readonly _items: T[]) {}
  hasNext(): boolean { return this._at < this._items.length; }
  next(): T {
    if (this._at >= this._items.length) throw new Error('Cannot retrieve the next object: iterator has reached the end.');
    return this._items[this._at++];
  }
}

function fileFor(ws: Workspace, file: DriveFile): GoogleAppsScript.Drive.File {
  return ws.host.wrap('File', new FileImpl(ws, file)) as unknown as GoogleAppsScript.Drive.File;
}

function folderFor(ws: Workspace, file: DriveFile): GoogleAppsScript.Drive.Folder {
  return ws.host.wrap('Folder', new FolderImpl(ws, file)) as unknown as GoogleAppsScript.Drive.Folder;
}

function filesIterator(ws: Workspace, files: DriveFile[]): GoogleAppsScript.Drive.FileIterator {
  return ws.host.wrap('FileIterator', new FileIteratorImpl(files.map((f) => fileFor(ws, f)))) as unknown as GoogleAppsScript.Drive.FileIterator;
}

function foldersIterator(ws: Workspace, folders: DriveFile[]): GoogleAppsScript.Drive.FolderIterator {
  return ws.host.wrap('FolderIterator', new FileIteratorImpl(folders.map((f) => folderFor(ws, f)))) as unknown as GoogleAppsScript.Drive.FolderIterator;
}

function folderOf(folder: unknown): DriveFile {
  const inner = unwrap(folder);
  if (!(inner instanceof FolderImpl)) throw new Error('Invalid argument: destination');
  return inner._file;
}

/** Files the user can open in a folder. DriveApp lists trashed files too; callers check isTrashed(). */
function childrenOf(ws: Workspace, folder: DriveFile): DriveFile[] {
  return [...ws.host.files.values()].filter((f) => canOpen(ws, f) && f.id !== folder.id && parentsOf(ws, f).includes(folder.id));
}

/** Creates a file in a folder from a Blob, or from a name, text content and MIME type. */
function createFileIn(ws: Workspace, parent: DriveFile, blobOrName: unknown, content?: string, mimeType?: string): DriveFile {
  if (typeof blobOrName === 'string') {
    if (mimeType?.startsWith('application/vnd.google-apps.')) throw new Error(`Invalid argument: file type ${mimeType}`);
    return addAppFile(ws, blobOrName, mimeType ?? 'text/plain', Buffer.from(content ?? '', 'utf8'), [parent.id]);
  }
  const blob = blobContent(blobOrName);
  return addAppFile(ws, blob._name ?? 'Untitled', blob._contentType ?? 'application/octet-stream', Buffer.from(blob._bytes), [parent.id]);
}

class DriveAppImpl {
  constructor(private readonly _ws: Workspace) {}

  getRootFolder(): GoogleAppsScript.Drive.Folder {
    requirePermission(this._ws, 'DriveApp.getRootFolder', READ_DRIVE);
    return folderFor(this._ws, this._ws.host.files.get(rootFolderId(this._ws))!);
  }

  getFileById(id: string): GoogleAppsScript.Drive.File {
    requirePermission(this._ws, 'DriveApp.getFileById', READ_DRIVE);
    const file = this._ws.host.files.get(String(id));
    if (!file || file.mimeType === FOLDER_MIME || !canOpen(this._ws, file)) throw new Error(NO_ITEM);
    return fileFor(this._ws, file);
  }

  getFolderById(id: string): GoogleAppsScript.Drive.Folder {
    requirePermission(this._ws, 'DriveApp.getFolderById', READ_DRIVE);
    const file = this._ws.host.files.get(String(id));
    if (!file || file.mimeType !== FOLDER_MIME || !canOpen(this._ws, file)) throw new Error(NO_ITEM);
    return folderFor(this._ws, file);
  }

  createFolder(name: string): GoogleAppsScript.Drive.Folder {
    requirePermission(this._ws, 'DriveApp.createFolder', WRITE_DRIVE);
    return folderFor(this._ws, addAppFile(this._ws, String(name), FOLDER_MIME, null, [rootFolderId(this._ws)]));
  }

  createFile(blobOrName: unknown, content?: string, mimeType?: string): GoogleAppsScript.Drive.File {
    requirePermission(this._ws, 'DriveApp.createFile', WRITE_DRIVE);
    return fileFor(this._ws, createFileIn(this._ws, this._ws.host.files.get(rootFolderId(this._ws))!, blobOrName, content, mimeType));
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    requirePermission(this._ws, 'DriveApp.getFilesByName', READ_DRIVE);
    return filesIterator(this._ws, [...this._ws.host.files.values()].filter((f) => f.mimeType !== FOLDER_MIME && f.name === name && canOpen(this._ws, f)));
  }

  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    requirePermission(this._ws, 'DriveApp.getFoldersByName', READ_DRIVE);
    return foldersIterator(this._ws, [...this._ws.host.files.values()].filter((f) => f.mimeType === FOLDER_MIME && f.name === name && canOpen(this._ws, f)));
  }
}

/** What a File and a Folder share: permission checks, identity, trashing and parents. */
abstract class DriveItemImpl {
  constructor(protected readonly _ws: Workspace, readonly _file: DriveFile, private readonly _kind: 'File' | 'Folder') {}

  protected _read(method: string): DriveFile {
    requirePermission(this._ws, `${this._kind}.${method}`, READ_DRIVE);
    return this._file;
  }

  protected _write(method: string): DriveFile {
    requirePermission(this._ws, `${this._kind}.${method}`, WRITE_DRIVE);
    if (!this._ws.host.canWrite(this._file)) throw new Error('Access denied: DriveApp.');
    return this._file;
  }

  /** Only the owner may move an item to the trash. */
  protected _trash(trashed: boolean): void {
    const file = this._write('setTrashed');
    if (file.owner !== this._ws.host.activeUser) throw new Error('Access denied: DriveApp.');
    file.trashed = trashed === true;
  }

  getId(): string { return this._read('getId').id; }
  getName(): string { return this._read('getName').name; }
  getUrl(): string { return urlOf(this._read('getUrl')); }
  isTrashed(): boolean { return this._read('isTrashed').trashed; }

  getParents(): GoogleAppsScript.Drive.FolderIterator {
    const item = this._read('getParents');
    return foldersIterator(this._ws, parentsOf(this._ws, item).map((id) => this._ws.host.files.get(id)!).filter((f) => canOpen(this._ws, f)));
  }
}

class FileImpl extends DriveItemImpl {
  constructor(ws: Workspace, file: DriveFile) {
    super(ws, file, 'File');
  }

  getMimeType(): string { return this._read('getMimeType').mimeType; }
  getDateCreated(): Date { return new Date(this._read('getDateCreated').createdTime.getTime()); }
  getLastUpdated(): Date { return new Date(this._read('getLastUpdated').modifiedTime.getTime()); }
  getSize(): number {
    const file = this._read('getSize');
    return Buffer.isBuffer(file.content) ? file.content.length : 0;
  }

  setName(name: string): GoogleAppsScript.Drive.File {
    renameFile(this._write('setName'), String(name), this._ws.host.now());
    return fileFor(this._ws, this._file);
  }

  setTrashed(trashed: boolean): GoogleAppsScript.Drive.File {
    this._trash(trashed);
    return fileFor(this._ws, this._file);
  }

  moveTo(destination: unknown): GoogleAppsScript.Drive.File {
    const file = this._write('moveTo');
    file.parents = [folderOf(destination).id];
    file.modifiedTime = this._ws.host.now();
    return fileFor(this._ws, file);
  }

  /** makeCopy(), makeCopy(name), makeCopy(destination) or makeCopy(name, destination). */
  makeCopy(nameOrDestination?: unknown, destination?: unknown): GoogleAppsScript.Drive.File {
    // Copying needs the drive scope and read access to the file (a viewer may copy).
    requirePermission(this._ws, 'File.makeCopy', WRITE_DRIVE);
    const file = this._file;
    const name = typeof nameOrDestination === 'string' ? nameOrDestination : `Copy of ${file.name}`;
    const folder = destination ?? (typeof nameOrDestination === 'object' && nameOrDestination !== null ? nameOrDestination : undefined);
    const parents = folder === undefined ? parentsOf(this._ws, file) : [folderOf(folder).id];
    return fileFor(this._ws, copyFile(this._ws, file, name, parents, (m) => new Error(m)));
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const { bytes, name } = convertFile(this._read('getAs'), String(contentType));
    return newBlob(this._ws.host, bytes, String(contentType), name);
  }

  /** A Google Doc's blob is its PDF, as in Apps Script. */
  getBlob(): GoogleAppsScript.Base.Blob {
    const file = this._read('getBlob');
    const type = file.mimeType === DOCUMENT_MIME ? PDF_MIME : file.mimeType;
    const { bytes, name } = convertFile(file, type);
    return newBlob(this._ws.host, bytes, type, name);
  }
}

class FolderImpl extends DriveItemImpl {
  constructor(ws: Workspace, file: DriveFile) {
    super(ws, file, 'Folder');
  }

  setName(name: string): GoogleAppsScript.Drive.Folder {
    renameFile(this._write('setName'), String(name), this._ws.host.now());
    return folderFor(this._ws, this._file);
  }

  setTrashed(trashed: boolean): GoogleAppsScript.Drive.Folder {
    this._trash(trashed);
    return folderFor(this._ws, this._file);
  }

  createFolder(name: string): GoogleAppsScript.Drive.Folder {
    const parent = this._write('createFolder');
    return folderFor(this._ws, addAppFile(this._ws, String(name), FOLDER_MIME, null, [parent.id]));
  }

  createFile(blobOrName: unknown, content?: string, mimeType?: string): GoogleAppsScript.Drive.File {
    return fileFor(this._ws, createFileIn(this._ws, this._write('createFile'), blobOrName, content, mimeType));
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return filesIterator(this._ws, childrenOf(this._ws, this._read('getFiles')).filter((f) => f.mimeType !== FOLDER_MIME));
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    return filesIterator(this._ws, childrenOf(this._ws, this._read('getFilesByName')).filter((f) => f.mimeType !== FOLDER_MIME && f.name === name));
  }

  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return foldersIterator(this._ws, childrenOf(this._ws, this._read('getFolders')).filter((f) => f.mimeType === FOLDER_MIME));
  }

  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    return foldersIterator(this._ws, childrenOf(this._ws, this._read('getFoldersByName')).filter((f) => f.mimeType === FOLDER_MIME && f.name === name));
  }
}

// ---------------------------------------------------------------------------------------------
// Shared drives
//
// A shared drive's files are invisible to a Drive API request that does not say it handles shared
// drives: "include the supportsAllDrives=true query parameter in your requests when your app
// performs" files.get, create, update, copy, delete, list (developers.google.com/workspace/drive/api/
// guides/enable-shareddrives; files.export is not on that list and takes no such parameter). Google
// does not document the error; public reports show "File not found" (stackoverflow.com/questions/
// 68177309), which is what this model answers, for the file and for a shared-drive parent.

/** A shared drive with `members` as its managers; returns the ID of its top folder, where files go. */
export function createSharedDrive(ws: Workspace, name: string, members: readonly string[]): string {
  const id = ws.host.newId(19);
  const file = ws.host.addFile({ id, name, mimeType: FOLDER_MIME, owner: members[0] ?? ws.host.activeUser, content: null, createdByApp: false });
  for (const member of members) file.editors.add(member);
  stateOf(ws).sharedDrives.add(id);
  return id;
}

/** Whether a file lives in a shared drive (it or a folder above it is a shared drive's top folder). */
export function inSharedDrive(ws: Workspace, file: DriveFile): boolean {
  const drives = stateOf(ws).sharedDrives;
  const seen = new Set<string>();
  const pending = [file.id];
  while (pending.length) {
    const id = pending.pop() as string;
    if (drives.has(id)) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const current = ws.host.files.get(id);
    if (current) pending.push(...current.parents);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The Drive v3 advanced service

/** A Drive v3 File resource with the fields asked for (default: kind, id, name, mimeType). */
export interface DriveResource {
  kind?: 'drive#file';
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
  createdTime?: string;
  modifiedTime?: string;
  webViewLink?: string;
  size?: string;
}

const RESOURCE_FIELDS = ['kind', 'id', 'name', 'mimeType', 'parents', 'trashed', 'createdTime', 'modifiedTime', 'webViewLink', 'size'] as const;
type ResourceField = (typeof RESOURCE_FIELDS)[number];
const DEFAULT_FIELDS: ResourceField[] = ['kind', 'id', 'name', 'mimeType'];

type Options = Record<string, unknown>;

class DriveFilesImpl {
  constructor(private readonly _ws: Workspace) {}

  private _options(call: string, options: unknown, allowed: readonly string[]): Options {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object' || Array.isArray(options)) throw apiError(call, 'Invalid argument: optionalArgs');
    for (const key of Object.keys(options)) {
      if (!['fields', 'supportsAllDrives', 'supportsTeamDrives', ...allowed].includes(key)) {
        throw new Error(`${call} option "${key}" is not implemented by the local Workspace`);
      }
    }
    return options as Options;
  }

  /** `allDrives`: the request said supportsAllDrives: true (or, like files.export, needs not). */
  private _reach(call: string, fileId: unknown, broad: readonly string[], allDrives = false): DriveFile {
    const file = this._ws.host.files.get(String(fileId));
    if (!file || !appReaches(this._ws, file, broad) || (!allDrives && inSharedDrive(this._ws, file))) throw apiError(call, `File not found: ${String(fileId)}.`);
    // A viewer or commenter may read and copy, not change (Drive roles, drive/api/guides/ref-roles).
    if (broad === WRITE_DRIVE && !this._ws.host.canWrite(file)) throw apiError(call, 'The user does not have sufficient permissions for this file.');
    return file;
  }

  private _resource(call: string, file: DriveFile, fields: unknown): DriveResource {
    let names: string[] = DEFAULT_FIELDS;
    if (typeof fields === 'string' && fields.trim() !== '') {
      names = fields.trim() === '*' ? [...RESOURCE_FIELDS] : fields.split(',').map((f) => f.trim());
      for (const name of names) {
        if (!(RESOURCE_FIELDS as readonly string[]).includes(name)) throw apiError(call, `Invalid field selection ${name}`);
      }
    }
    const all: DriveResource = {
      kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType, parents: parentsOf(this._ws, file),
      trashed: file.trashed, createdTime: file.createdTime.toISOString(), modifiedTime: file.modifiedTime.toISOString(),
      webViewLink: urlOf(file),
    };
    if (Buffer.isBuffer(file.content)) all.size = String(file.content.length);
    const out: Record<string, unknown> = {};
    for (const name of names) if (all[name as ResourceField] !== undefined) out[name] = all[name as ResourceField];
    return out as DriveResource;
  }

  private _parentFolders(call: string, parents: unknown, allDrives: boolean): string[] | undefined {
    if (parents === undefined) return undefined;
    if (!Array.isArray(parents)) throw apiError(call, 'Invalid value for parents');
    return parents.map((id) => {
      const folder = this._reach(call, id, WRITE_DRIVE, allDrives);
      if (folder.mimeType !== FOLDER_MIME) throw apiError(call, `The parent ${String(id)} is not a folder.`);
      return folder.id;
    });
  }

  /**
   * An ID from generateIds may be given in create or copy (Drive v3 reference: "IDs which can be
   * provided in create or copy requests"); any other, or one already used, is refused.
   */
  private _chosenId(call: string, id: unknown): string | undefined {
    if (id === undefined) return undefined;
    const key = `${this._ws.host.activeUser}\u0000${String(id)}`;
    const state = stateOf(this._ws);
    if (!state.generatedIds.has(key) || this._ws.host.files.has(String(id))) throw apiError(call, 'The provided file ID is not usable.');
    return String(id);
  }

  /** Marks a generated ID as used once the file exists under it. */
  private _used(id: string | undefined): void {
    if (id !== undefined) stateOf(this._ws).generatedIds.delete(`${this._ws.host.activeUser}\u0000${id}`);
  }

  generateIds(optionalArgs?: unknown): { kind: 'drive#generatedIds'; space: string; ids: string[] } {
    const call = 'drive.files.generateIds';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, ['count', 'space', 'type']);
    if (options.space !== undefined && options.space !== 'drive') throw new Error(`${call} in space ${String(options.space)} is not implemented by the local Workspace`);
    if (options.type !== undefined && options.type !== 'files') throw new Error(`${call} of type ${String(options.type)} is not implemented by the local Workspace`);
    const count = options.count === undefined ? 10 : Number(options.count);
    if (!Number.isInteger(count) || count < 1 || count > 1000) throw apiError(call, 'Invalid value for count: it must be between 1 and 1000.');
    const state = stateOf(this._ws);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = this._ws.host.newId(33);
      state.generatedIds.add(`${this._ws.host.activeUser}\u0000${id}`);
      ids.push(id);
    }
    return { kind: 'drive#generatedIds', space: 'drive', ids };
  }

  copy(resource: unknown, fileId: string, optionalArgs?: unknown): DriveResource {
    const call = 'drive.files.copy';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, []);
    const source = this._reach(call, fileId, READ_DRIVE, options.supportsAllDrives === true);
    const body = (resource ?? {}) as { name?: unknown; parents?: unknown; id?: unknown };
    const name = typeof body.name === 'string' ? body.name : `Copy of ${source.name}`;
    const parents = this._parentFolders(call, body.parents, options.supportsAllDrives === true) ?? parentsOf(this._ws, source);
    const id = this._chosenId(call, body.id);
    const copy = copyFile(this._ws, source, name, parents, (m) => apiError(call, m), id);
    this._used(id);
    return this._resource(call, copy, options.fields);
  }

  create(resource: unknown, mediaData?: unknown, optionalArgs?: unknown): DriveResource {
    const call = 'drive.files.create';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, []);
    const body = (resource ?? {}) as { name?: unknown; mimeType?: unknown; parents?: unknown; id?: unknown };
    const parents = this._parentFolders(call, body.parents, options.supportsAllDrives === true) ?? [rootFolderId(this._ws)];
    const id = this._chosenId(call, body.id);
    const blob = mediaData === undefined || mediaData === null ? null : blobContent(mediaData);
    const mimeType = typeof body.mimeType === 'string' ? body.mimeType : blob?._contentType ?? 'application/octet-stream';
    const name = typeof body.name === 'string' ? body.name : blob?._name ?? 'Untitled';
    let file: DriveFile;
    if (mimeType === FOLDER_MIME) file = addAppFile(this._ws, name, FOLDER_MIME, null, parents, id);
    else if (mimeType === DOCUMENT_MIME && !blob) file = createDocumentFile(this._ws, name, parents, id);
    else if (mimeType.startsWith('application/vnd.google-apps.')) {
      throw new Error(`${call} of ${mimeType}${blob ? ' from uploaded content' : ''} is not implemented by the local Workspace`);
    } else file = addAppFile(this._ws, name, mimeType, blob ? Buffer.from(blob._bytes) : Buffer.alloc(0), parents, id);
    this._used(id);
    return this._resource(call, file, options.fields);
  }

  get(fileId: string, optionalArgs?: unknown): DriveResource | GoogleAppsScript.Base.Blob {
    const call = 'drive.files.get';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveReadonly, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, ['alt']);
    const file = this._reach(call, fileId, READ_DRIVE, options.supportsAllDrives === true);
    if (options.alt === 'media') {
      if (!Buffer.isBuffer(file.content)) throw apiError(call, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
      return newBlob(this._ws.host, Buffer.from(file.content), file.mimeType, file.name);
    }
    return this._resource(call, file, options.fields);
  }

  update(resource: unknown, fileId: string, mediaData?: unknown, optionalArgs?: unknown): DriveResource {
    const call = 'drive.files.update';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, ['addParents', 'removeParents']);
    const file = this._reach(call, fileId, WRITE_DRIVE, options.supportsAllDrives === true);
    const body = (resource ?? {}) as Record<string, unknown>;
    if (body.parents !== undefined) {
      throw apiError(call, 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
    }
    for (const key of Object.keys(body)) {
      if (key !== 'name' && key !== 'trashed') throw new Error(`${call} of "${key}" is not implemented by the local Workspace`);
    }
    const now = this._ws.host.now();
    if (typeof body.name === 'string') renameFile(file, body.name, now);
    if (typeof body.trashed === 'boolean') file.trashed = body.trashed;
    const list = (value: unknown): string[] => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
    const removed = list(options.removeParents);
    const added = this._parentFolders(call, list(options.addParents), options.supportsAllDrives === true) ?? [];
    if (removed.length || added.length) file.parents = [...parentsOf(this._ws, file).filter((id) => !removed.includes(id)), ...added.filter((id) => !removed.includes(id))];
    if (mediaData !== undefined && mediaData !== null) {
      if (!Buffer.isBuffer(file.content)) throw new Error(`${call} of a Google Doc's content is not implemented by the local Workspace`);
      file.content = Buffer.from(blobContent(mediaData)._bytes);
    }
    file.modifiedTime = now;
    return this._resource(call, file, options.fields);
  }

  /**
   * Exports a Google Doc; Apps Script's advanced service needs {alt: 'media'} to return the bytes
   * (public issue 468534237), else it fails as below. One call instead of DocumentApp's two.
   */
  export(fileId: string, mimeType: string, optionalArgs?: unknown): GoogleAppsScript.Base.Blob {
    const call = 'drive.files.export';
    requireApiScopes(this._ws, call, [SCOPES.drive, SCOPES.driveReadonly, SCOPES.driveFile]);
    const options = this._options(call, optionalArgs, ['alt']);
    const file = this._reach(call, fileId, READ_DRIVE, true);
    if (options.alt !== 'media') throw apiError(call, 'Export requires alt=media to download the exported content.');
    if (!file.mimeType.startsWith('application/vnd.google-apps.')) throw apiError(call, 'Export only supports Docs Editors files.');
    if (file.mimeType !== DOCUMENT_MIME || mimeType !== PDF_MIME) throw new Error(`${call} of ${file.mimeType} to ${mimeType} is not implemented by the local Workspace`);
    const { bytes, name } = convertFile(file, PDF_MIME);
    return newBlob(this._ws.host, bytes, PDF_MIME, name);
  }
}

/** The MimeType enum of Apps Script, limited to the types the Workspace knows. */
const MIME_TYPES = {
  GOOGLE_DOCS: DOCUMENT_MIME,
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  FOLDER: FOLDER_MIME,
  PDF: PDF_MIME,
  PLAIN_TEXT: 'text/plain',
  HTML: 'text/html',
  CSV: 'text/csv',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The globals this module adds to a Workspace: DriveApp, Drive (advanced service) and MimeType. */
export function driveServices(ws: Workspace): Record<string, unknown> {
  const host = ws.host;
  return {
    DriveApp: host.wrap('DriveApp', new DriveAppImpl(ws)),
    Drive: host.wrap('Drive', { Files: host.wrap('Drive.Files', new DriveFilesImpl(ws)) }),
    MimeType: host.wrap('MimeType', { ...MIME_TYPES }),
  };
}
