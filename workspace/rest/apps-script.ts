// Apps Script API v1 on loopback: projects.create (bound to a Sheet, Doc or Form), projects.get, getContent and updateContent.
import { parse } from 'acorn';
import type { DriveFile } from '../host';
import type { ScriptFileData, ScriptProjectData, Workspace } from '../index';
import { FOLDER_MIME } from '../drive';
import { SCOPE, canOpen } from './access';
import { ApiError, badRequest, notImplemented, objectBody, type Caller, type RestRequest, type Route } from './http';

const SCRIPT_MIME = 'application/vnd.google-apps.script';
const WRITE_SCOPES = [SCOPE.scriptProjects];
const READ_SCOPES = [SCOPE.scriptProjects, SCOPE.scriptProjectsReadonly];
const FILE_TYPES = ['SERVER_JS', 'HTML', 'JSON'] as const;

const notFound = () => new ApiError(404, 'Requested entity was not found.');
const denied = () => new ApiError(403, 'The caller does not have permission');

/** The container a bound project lives in: a Docs-editors file (not a folder) the caller can open. */
function container(ws: Workspace, caller: Caller, parentId: string): DriveFile {
  const file = ws.host.files.get(parentId);
  if (!file || file.trashed) throw notFound();
  if (!canOpen(ws, file, caller.user)) throw denied();
  if (file.mimeType === FOLDER_MIME || !file.mimeType.startsWith('application/vnd.google-apps.')) {
    throw badRequest(`Invalid parentId ${parentId}: a bound script needs a Google Sheets, Docs, Slides or Forms file.`);
  }
  return file;
}

/** A project the caller may open: its creator, or anyone who can open the file it is bound to. */
function project(request: RestRequest): ScriptProjectData {
  const { ws, caller } = request;
  const found = ws.scriptProjects.get(request.params.scriptId);
  if (!found) throw notFound();
  const parent = found.parentId ? ws.host.files.get(found.parentId) : undefined;
  const standalone = ws.host.files.get(found.scriptId);
  const allowed = found.creator === caller.user || (parent && canOpen(ws, parent, caller.user)) || (standalone && canOpen(ws, standalone, caller.user));
  if (!allowed) throw denied();
  return found;
}

function projectResource(p: ScriptProjectData): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    scriptId: p.scriptId, title: p.title, createTime: p.createTime.toISOString(), updateTime: p.updateTime.toISOString(),
    creator: { email: p.creator }, lastModifyUser: { email: p.files[0]?.lastModifyUser ?? p.creator },
  };
  if (p.parentId) resource.parentId = p.parentId;
  return resource;
}

function fileResource(file: ScriptFileData): Record<string, unknown> {
  return {
    name: file.name, type: file.type, source: file.source, lastModifyUser: { email: file.lastModifyUser },
    createTime: file.createTime.toISOString(), updateTime: file.updateTime.toISOString(),
  };
}

function contentResource(p: ScriptProjectData): Record<string, unknown> {
  return { scriptId: p.scriptId, files: p.files.map(fileResource) };
}

/** A new project holds only its manifest, as one made in the editor does before its first file. */
function defaultManifest(timeZone: string): string {
  return JSON.stringify({ timeZone, dependencies: {}, exceptionLogging: 'STACKDRIVER', runtimeVersion: 'V8' }, null, 2);
}

/** Apps Script compiles a project when it is saved: a syntax error rejects the whole update. */
function checkServerJs(name: string, source: string): void {
  try {
    parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: false });
  } catch (error) {
    const { message, loc } = error as { message: string; loc?: { line: number } };
    throw badRequest(`Syntax error: SyntaxError: ${message.replace(/\s*\(\d+:\d+\)$/, '')} line: ${loc?.line ?? 0} file: ${name}`);
  }
}

function checkedFiles(body: Record<string, unknown>, user: string, now: Date, previous: ScriptFileData[]): ScriptFileData[] {
  const files = body.files;
  if (!Array.isArray(files) || files.length === 0) throw badRequest('Invalid argument: files (a project needs at least its manifest).');
  const seen = new Set<string>();
  const result = files.map((entry, i) => {
    const file = objectBody(entry, `files[${i}]`);
    for (const key of Object.keys(file)) {
      if (!['name', 'type', 'source', 'functionSet', 'lastModifyUser', 'createTime', 'updateTime'].includes(key)) throw badRequest(`Invalid JSON payload received. Unknown name "${key}" at 'content.files[${i}]': Cannot find field.`);
    }
    if (typeof file.name !== 'string' || !file.name) throw badRequest(`Invalid argument: files[${i}].name`);
    if (!FILE_TYPES.includes(file.type as (typeof FILE_TYPES)[number])) {
      if (file.type === 'ENUM_TYPE_UNSPECIFIED' || file.type === undefined) throw badRequest(`Invalid argument: files[${i}].type`);
      throw badRequest(`Invalid value at 'content.files[${i}].type', "${String(file.type)}"`);
    }
    if (typeof file.source !== 'string') throw badRequest(`Invalid argument: files[${i}].source`);
    const key = file.name.toLowerCase();
    if (seen.has(key)) throw badRequest(`Invalid argument: files (two files are named ${file.name}; names must be unique).`);
    seen.add(key);
    const type = file.type as ScriptFileData['type'];
    if (type === 'JSON' && file.name !== 'appsscript') throw badRequest(`Invalid argument: files[${i}] (only the manifest, appsscript, may be JSON).`);
    if (type === 'JSON') {
      try {
        JSON.parse(file.source);
      } catch {
        throw badRequest('Invalid manifest: appsscript.json is not valid JSON.');
      }
    }
    if (type === 'SERVER_JS') checkServerJs(file.name, file.source);
    const before = previous.find((p) => p.name === file.name && p.type === type);
    return { name: file.name, type, source: file.source, createTime: before?.createTime ?? now, updateTime: now, lastModifyUser: user };
  });
  if (!result.some((f) => f.type === 'JSON')) throw badRequest('Invalid argument: files (the project must contain its manifest, appsscript).');
  return result;
}

export const appsScriptRoutes: Route[] = [
  {
    method: 'POST', path: '/v1/projects', name: 'script.projects.create', scopes: WRITE_SCOPES,
    handle(request) {
      const { ws, caller } = request;
      const body = objectBody(request.body);
      for (const key of Object.keys(body)) if (!['title', 'parentId'].includes(key)) throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
      const parent = typeof body.parentId === 'string' && body.parentId ? container(ws, caller, body.parentId) : null;
      const now = ws.host.now();
      const scriptId = ws.host.newId(57);
      const title = typeof body.title === 'string' && body.title ? body.title : 'Untitled project';
      const created: ScriptProjectData = {
        scriptId, title, parentId: parent?.id ?? null, creator: caller.user, createTime: now, updateTime: now,
        files: [{ name: 'appsscript', type: 'JSON', source: defaultManifest(ws.host.timeZone), createTime: now, updateTime: now, lastModifyUser: caller.user }],
      };
      ws.scriptProjects.set(scriptId, created);
      // A standalone project is a file in Drive; a bound one lives inside its container.
      if (!parent) ws.host.addFile({ id: scriptId, name: title, mimeType: SCRIPT_MIME, owner: caller.user, content: created });
      return projectResource(created);
    },
  },
  {
    method: 'GET', path: '/v1/projects/{scriptId}', name: 'script.projects.get', scopes: READ_SCOPES,
    handle(request) {
      return projectResource(project(request));
    },
  },
  {
    method: 'GET', path: '/v1/projects/{scriptId}/content', name: 'script.projects.getContent', scopes: READ_SCOPES, query: ['versionNumber'],
    handle(request) {
      if (request.query.get('versionNumber') !== null) throw notImplemented('script.projects.getContent of a version');
      return contentResource(project(request));
    },
  },
  {
    method: 'PUT', path: '/v1/projects/{scriptId}/content', name: 'script.projects.updateContent', scopes: WRITE_SCOPES,
    handle(request) {
      const found = project(request);
      const body = objectBody(request.body);
      if (body.scriptId !== undefined && body.scriptId !== found.scriptId) throw badRequest('Invalid argument: scriptId does not match the project.');
      const now = request.ws.host.now();
      found.files = checkedFiles(body, request.caller.user, now, found.files);
      found.updateTime = now;
      return contentResource(found);
    },
  },
];
