// Drive API v3 on loopback: about.get, files.create (folders, Google files, multipart and media uploads), files.get/list/update and permissions.create.
import { createHash } from 'node:crypto';
import type { DriveFile } from '../host';
import type { Workspace } from '../index';
import { DOCUMENT_MIME, FOLDER_MIME, createDocumentFile, parentsOf, rootFolderId, urlOf } from '../drive';
import { SPREADSHEET_MIME, createSpreadsheetModel } from '../spreadsheet';
import { SCOPE, canOpen, driveFile, tokenReaches } from './access';
import { parseQuery } from './drive-query';
import {
  ApiError, badRequest, booleanParam, notImplemented, objectBody, parseFieldMask, topLevelFields,
  Reply, type Caller, type FieldMask, type RestRequest, type Route,
} from './http';

const GOOGLE_APPS = 'application/vnd.google-apps.';

/** Scopes of the Drive v3 methods (developers.google.com/workspace/drive/api/guides/api-specific-auth). */
const CREATE_SCOPES = [SCOPE.drive, SCOPE.driveFile];
const READ_SCOPES = [SCOPE.drive, SCOPE.driveReadonly, SCOPE.driveFile, SCOPE.driveMetadataReadonly];
const BROAD_READ = [SCOPE.drive, SCOPE.driveReadonly, SCOPE.driveMetadataReadonly];
const BROAD_WRITE = [SCOPE.drive];

/** The File fields this model answers; asking for another fails loudly rather than returning nothing. */
const FILE_FIELDS = ['kind', 'id', 'name', 'mimeType', 'parents', 'trashed', 'createdTime', 'modifiedTime', 'webViewLink', 'size', 'owners', 'appProperties'];
const DEFAULT_FILE_FIELDS = ['kind', 'id', 'name', 'mimeType'];

function displayName(email: string): string {
  const local = email.split('@')[0];
  return local.split(/[._-]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function permissionId(email: string): string {
  return BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`).toString().padStart(20, '0');
}

function userResource(email: string, caller: Caller): Record<string, unknown> {
  return { kind: 'drive#user', displayName: displayName(email), emailAddress: email, me: email === caller.user, permissionId: permissionId(email) };
}

export function fileResource(ws: Workspace, file: DriveFile, caller: Caller): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType, parents: parentsOf(ws, file), trashed: file.trashed,
    createdTime: file.createdTime.toISOString(), modifiedTime: file.modifiedTime.toISOString(), webViewLink: urlOf(file),
    owners: [userResource(file.owner, caller)],
  };
  if (Buffer.isBuffer(file.content)) resource.size = String(file.content.length);
  if (file.appProperties && Object.keys(file.appProperties).length) resource.appProperties = { ...file.appProperties };
  return resource;
}

/** The File fields a mask asks for, checked against what this model answers. */
function checkFileFields(mask: FieldMask | true | undefined, method: string): void {
  if (mask === undefined || mask === true) return;
  for (const field of topLevelFields(mask)) {
    if (field !== '*' && !FILE_FIELDS.includes(field)) throw notImplemented(`${method} field '${field}'`);
  }
}

function fieldsMask(request: RestRequest): FieldMask | undefined {
  const fields = request.query.get('fields');
  return fields === null || fields.trim() === '' ? undefined : parseFieldMask(fields);
}

/** One file as files.get/create/update return it: default fields, or all modelled ones for the server to mask. */
function answerFile(request: RestRequest, file: DriveFile, method: string): Record<string, unknown> {
  const mask = fieldsMask(request);
  checkFileFields(mask, method);
  const resource = fileResource(request.ws, file, request.caller);
  if (mask) return resource;
  return Object.fromEntries(DEFAULT_FILE_FIELDS.map((f) => [f, resource[f]]));
}

function isRoot(ws: Workspace, file: DriveFile): boolean {
  return file.mimeType === FOLDER_MIME && file.parents.length === 0 && !file.createdByApp && rootFolderId(ws, file.owner) === file.id;
}

/** A folder the caller may add files to; Drive v3 allows one parent. */
function parentFolders(request: RestRequest, parents: unknown): string[] {
  if (parents === undefined) return [rootFolderId(request.ws, request.caller.user)];
  if (!Array.isArray(parents)) throw badRequest("Invalid value at 'parents'");
  if (parents.length > 1) throw new ApiError(403, 'Increasing the number of parents is not allowed.', { reason: 'cannotAddParent' });
  return parents.map((value) => {
    const id = String(value) === 'root' ? rootFolderId(request.ws, request.caller.user) : String(value);
    const folder = driveFile(request.ws, request.caller, id, BROAD_WRITE);
    if (folder.mimeType !== FOLDER_MIME) throw badRequest(`The specified parent is not a folder.`, { reason: 'invalidParent' });
    return folder.id;
  });
}

function appPropertiesOf(value: unknown): Record<string, string | null> {
  const props = objectBody(value, 'appProperties');
  for (const [key, v] of Object.entries(props)) {
    if (v !== null && typeof v !== 'string') throw badRequest(`Invalid value at 'appProperties.${key}'`);
    // Drive limits a property to 124 bytes of key plus value (drive/api/guides/properties).
    if (Buffer.byteLength(key + (v ?? ''), 'utf8') > 124) throw badRequest(`The property ${key} exceeds the maximum size of 124 bytes.`, { reason: 'invalid' });
  }
  return props as Record<string, string | null>;
}

function mergeAppProperties(file: DriveFile, props: Record<string, string | null>): void {
  const merged = { ...(file.appProperties ?? {}) };
  for (const [key, value] of Object.entries(props)) {
    if (value === null) delete merged[key]; else merged[key] = value;
  }
  file.appProperties = merged;
}

/** files.create: metadata alone (folders, empty Google files) or with uploaded bytes. */
function createFile(request: RestRequest, metadata: Record<string, unknown>, media: { contentType: string; bytes: Buffer } | null): DriveFile {
  for (const key of Object.keys(metadata)) {
    if (!['name', 'mimeType', 'parents', 'appProperties'].includes(key)) throw notImplemented(`drive.files.create with ${key}`);
  }
  const parents = parentFolders(request, metadata.parents);
  const mimeType = typeof metadata.mimeType === 'string' ? metadata.mimeType : media?.contentType ?? 'application/octet-stream';
  const name = typeof metadata.name === 'string' ? metadata.name : 'Untitled';
  const props = metadata.appProperties === undefined ? null : appPropertiesOf(metadata.appProperties);
  const { ws } = request;
  let file: DriveFile;
  if (media && mimeType.startsWith(GOOGLE_APPS)) {
    throw notImplemented(`drive.files.create converting ${media.contentType} to ${mimeType}`);
  } else if (mimeType === FOLDER_MIME) {
    file = ws.host.addFile({ id: ws.host.newId(), name, mimeType, owner: request.caller.user, content: null, parents });
  } else if (mimeType === SPREADSHEET_MIME) {
    const model = createSpreadsheetModel(ws.host, name);
    file = ws.host.files.get(model.id)!;
    file.parents = parents;
  } else if (mimeType === DOCUMENT_MIME) {
    file = createDocumentFile(ws, name, parents);
  } else if (mimeType.startsWith(GOOGLE_APPS)) {
    throw notImplemented(`drive.files.create of ${mimeType}`);
  } else {
    file = ws.host.addFile({ id: ws.host.newId(), name, mimeType, owner: request.caller.user, content: Buffer.from(media?.bytes ?? Buffer.alloc(0)), parents });
  }
  if (props) mergeAppProperties(file, props);
  return file;
}

const LIST_ORDER_KEYS: Record<string, (file: DriveFile) => string | number> = {
  name: (f) => f.name.toLowerCase(),
  createdTime: (f) => f.createdTime.getTime(),
  modifiedTime: (f) => f.modifiedTime.getTime(),
  folder: (f) => (f.mimeType === FOLDER_MIME ? 0 : 1),
};

function orderFiles(files: DriveFile[], orderBy: string | null): DriveFile[] {
  if (!orderBy) return files;
  const keys = orderBy.split(',').map((part) => {
    const [key, direction] = part.trim().split(/\s+/);
    const read = LIST_ORDER_KEYS[key];
    if (!read) throw notImplemented(`drive.files.list orderBy ${key}`);
    if (direction !== undefined && direction !== 'desc') throw badRequest('Invalid Value', { reason: 'invalid', location: 'orderBy' });
    return { read, sign: direction === 'desc' ? -1 : 1 };
  });
  return [...files].sort((a, b) => {
    for (const { read, sign } of keys) {
      const x = read(a);
      const y = read(b);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  });
}

function listFiles(request: RestRequest): Record<string, unknown> {
  const { ws, caller, query } = request;
  for (const [param, allowed] of [['corpora', ['user']], ['spaces', ['drive']]] as const) {
    const value = query.get(param);
    if (value !== null && !(allowed as readonly string[]).includes(value)) throw notImplemented(`drive.files.list ${param}=${value}`);
  }
  booleanParam(query, 'includeItemsFromAllDrives', false);
  booleanParam(query, 'supportsAllDrives', false);
  const pageSize = query.get('pageSize') === null ? 100 : Number(query.get('pageSize'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw badRequest(`Invalid value '${query.get('pageSize')}'. Values must be within the range: [1, 1000]`, { reason: 'invalid', location: 'pageSize' });
  const token = query.get('pageToken');
  const offset = token === null ? 0 : Number(/^p(\d+)$/.exec(token)?.[1] ?? NaN);
  if (!Number.isInteger(offset)) throw badRequest('Invalid Value', { reason: 'invalid', location: 'pageToken' });
  const test = parseQuery(query.get('q') ?? '');
  const context = { parentsOf: (file: DriveFile) => parentsOf(ws, file), rootId: rootFolderId(ws, caller.user) };
  const mask = fieldsMask(request);
  const fileMask = mask?.get('files');
  checkFileFields(fileMask === undefined ? undefined : fileMask, 'drive.files.list');
  const found = [...ws.host.files.values()].filter((file) => canOpen(ws, file, caller.user) && tokenReaches(ws, caller, file, BROAD_READ)
    && !isRoot(ws, file) && test(file, context));
  const ordered = orderFiles(found, query.get('orderBy'));
  const page = ordered.slice(offset, offset + pageSize);
  const files = page.map((file) => {
    const resource = fileResource(ws, file, caller);
    return mask ? resource : Object.fromEntries(DEFAULT_FILE_FIELDS.map((f) => [f, resource[f]]));
  });
  const response: Record<string, unknown> = { kind: 'drive#fileList', incompleteSearch: false, files };
  if (offset + pageSize < ordered.length) response.nextPageToken = `p${offset + pageSize}`;
  return response;
}

function download(file: DriveFile): Reply {
  if (!Buffer.isBuffer(file.content)) {
    throw new ApiError(403, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', { reason: 'fileNotDownloadable', location: 'alt' });
  }
  return new Reply(200, undefined, { raw: { bytes: Buffer.from(file.content), contentType: file.mimeType } });
}

export const driveRoutes: Route[] = [
  {
    method: 'GET', path: '/drive/v3/about', name: 'drive.about.get', scopes: READ_SCOPES,
    handle(request) {
      const mask = fieldsMask(request);
      if (!mask) throw badRequest("The 'fields' parameter is required for this method.", { reason: 'required', location: 'fields' });
      for (const field of topLevelFields(mask)) if (!['kind', 'user', '*'].includes(field)) throw notImplemented(`drive.about.get field '${field}'`);
      return { kind: 'drive#about', user: userResource(request.caller.user, request.caller) };
    },
  },
  {
    method: 'POST', path: '/drive/v3/files', name: 'drive.files.create', scopes: CREATE_SCOPES,
    query: ['supportsAllDrives', 'ignoreDefaultVisibility', 'keepRevisionForever', 'useContentAsIndexableText'],
    handle(request) {
      return answerFile(request, createFile(request, objectBody(request.body), null), 'drive.files.create');
    },
  },
  {
    method: 'POST', path: '/upload/drive/v3/files', name: 'drive.files.create', scopes: CREATE_SCOPES, upload: true,
    query: ['supportsAllDrives', 'ignoreDefaultVisibility', 'keepRevisionForever', 'useContentAsIndexableText'],
    handle(request) {
      const type = request.query.get('uploadType');
      if (type !== 'multipart' && type !== 'media') throw notImplemented(`drive.files.create with uploadType=${String(type)}`);
      const media = request.media!;
      return answerFile(request, createFile(request, objectBody(media.metadata), media), 'drive.files.create');
    },
  },
  {
    method: 'GET', path: '/drive/v3/files/{fileId}', name: 'drive.files.get', scopes: READ_SCOPES,
    query: ['supportsAllDrives', 'acknowledgeAbuse', 'includeItemsFromAllDrives'],
    handle(request) {
      const id = request.params.fileId === 'root' ? rootFolderId(request.ws, request.caller.user) : request.params.fileId;
      const file = driveFile(request.ws, request.caller, id, BROAD_READ);
      if (request.query.get('alt') === 'media') return download(file);
      return answerFile(request, file, 'drive.files.get');
    },
  },
  {
    method: 'GET', path: '/drive/v3/files', name: 'drive.files.list', scopes: READ_SCOPES,
    query: ['q', 'pageSize', 'pageToken', 'orderBy', 'corpora', 'spaces', 'includeItemsFromAllDrives', 'supportsAllDrives'],
    handle: listFiles,
  },
  {
    method: 'PATCH', path: '/drive/v3/files/{fileId}', name: 'drive.files.update', scopes: CREATE_SCOPES,
    query: ['addParents', 'removeParents', 'supportsAllDrives', 'keepRevisionForever'],
    handle(request) {
      const file = driveFile(request.ws, request.caller, request.params.fileId, BROAD_WRITE);
      const body = objectBody(request.body);
      if (body.parents !== undefined) {
        throw new ApiError(403, 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.', { reason: 'fieldNotWritable' });
      }
      for (const key of Object.keys(body)) if (!['name', 'trashed', 'appProperties'].includes(key)) throw notImplemented(`drive.files.update of ${key}`);
      const props = body.appProperties === undefined ? null : appPropertiesOf(body.appProperties);
      const list = (name: string) => (request.query.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const removed = list('removeParents');
      const added = list('addParents').length ? parentFolders(request, list('addParents')) : [];
      if (typeof body.name === 'string') {
        file.name = body.name;
        if (file.mimeType === SPREADSHEET_MIME) (file.content as { name: string }).name = body.name;
      }
      if (typeof body.trashed === 'boolean') file.trashed = body.trashed;
      if (props) mergeAppProperties(file, props);
      if (removed.length || added.length) {
        file.parents = [...parentsOf(request.ws, file).filter((id) => !removed.includes(id)), ...added.filter((id) => !removed.includes(id))];
      }
      file.modifiedTime = request.ws.host.now();
      return answerFile(request, file, 'drive.files.update');
    },
  },
  {
    method: 'POST', path: '/drive/v3/files/{fileId}/permissions', name: 'drive.permissions.create', scopes: CREATE_SCOPES,
    query: ['sendNotificationEmail', 'emailMessage', 'supportsAllDrives', 'transferOwnership', 'moveToNewOwnersRoot', 'useDomainAdminAccess', 'enforceSingleParent'],
    handle(request) {
      const file = driveFile(request.ws, request.caller, request.params.fileId, BROAD_WRITE);
      const body = objectBody(request.body);
      if (body.type !== 'user') throw notImplemented(`drive.permissions.create of type ${String(body.type)}`);
      // Drive's roles reader, commenter and writer are the model's viewer, commenter and editor (drive/api/guides/ref-roles).
      const roles: Record<string, 'viewer' | 'commenter' | 'editor'> = { reader: 'viewer', commenter: 'commenter', writer: 'editor' };
      const role = roles[String(body.role)];
      if (!role) throw notImplemented(`drive.permissions.create with role ${String(body.role)}`);
      const email = typeof body.emailAddress === 'string' ? body.emailAddress.trim() : '';
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw badRequest('The permission emailAddress field is required and must be a valid email address.', { reason: 'invalid', location: 'permission.emailAddress' });
      booleanParam(request.query, 'sendNotificationEmail', true);
      request.ws.host.share(file.id, email, role);
      return { kind: 'drive#permission', id: permissionId(email), type: 'user', role: email === file.owner ? 'owner' : String(body.role) };
    },
  },
];
