// Who is calling and what they may reach: bearer tokens to Workspace users, OAuth scopes, and file access as Google answers it.
import type { DriveFile } from '../host';
import type { Workspace } from '../index';
import { ApiError, type Caller } from './http';

const AUTH = 'https://www.googleapis.com/auth/';

/** The OAuth scopes the REST routes check (developers.google.com/identity/protocols/oauth2/scopes). */
export const SCOPE = {
  spreadsheets: `${AUTH}spreadsheets`,
  spreadsheetsReadonly: `${AUTH}spreadsheets.readonly`,
  drive: `${AUTH}drive`,
  driveReadonly: `${AUTH}drive.readonly`,
  driveFile: `${AUTH}drive.file`,
  driveMetadataReadonly: `${AUTH}drive.metadata.readonly`,
  documents: `${AUTH}documents`,
  documentsReadonly: `${AUTH}documents.readonly`,
  formsBody: `${AUTH}forms.body`,
  formsBodyReadonly: `${AUTH}forms.body.readonly`,
  formsResponsesReadonly: `${AUTH}forms.responses.readonly`,
  scriptProjects: `${AUTH}script.projects`,
  scriptProjectsReadonly: `${AUTH}script.projects.readonly`,
} as const;

/** Scopes of the Sheets API methods (developers.google.com/sheets/api/scopes), for its REST face and its advanced service. */
export const SHEETS_SCOPES = {
  read: [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly, SCOPE.driveFile],
  write: [SCOPE.spreadsheets, SCOPE.drive, SCOPE.driveFile],
  /** Scopes that reach every spreadsheet the user can open (drive.file reaches only the app's own). */
  broadRead: [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly],
  broadWrite: [SCOPE.spreadsheets, SCOPE.drive],
} as const;

/** A fixed token for tests and local runs: "local-<email>" stands for that user with every scope. */
export const LOCAL_TOKEN_PREFIX = 'local-';

export function localToken(email: string): string {
  return `${LOCAL_TOKEN_PREFIX}${email}`;
}

/** Tokens the fake OAuth endpoints issued, with the scopes the user granted. */
export class TokenTable {
  private readonly issued = new Map<string, Caller>();

  issue(token: string, caller: Caller): void {
    this.issued.set(token, caller);
  }

  /** The caller behind an Authorization header, or Google's 401. */
  callerFor(header: string | undefined): Caller {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw unauthenticated();
    const token = match[1];
    const issued = this.issued.get(token);
    if (issued) return issued;
    if (token.startsWith(LOCAL_TOKEN_PREFIX) && token.includes('@')) return { user: token.slice(LOCAL_TOKEN_PREFIX.length), scopes: null };
    throw unauthenticated();
  }
}

function unauthenticated(): ApiError {
  return new ApiError(401, 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.');
}

export function hasAnyScope(caller: Caller, scopes: readonly string[]): boolean {
  return caller.scopes === null || scopes.length === 0 || scopes.some((s) => caller.scopes!.includes(s));
}

/** Google's answer to a token without any of a method's scopes. */
export function requireScopes(caller: Caller, scopes: readonly string[]): void {
  if (!hasAnyScope(caller, scopes)) throw new ApiError(403, 'Request had insufficient authentication scopes.', { reason: 'insufficientPermissions' });
}

/** Whether the person may open the file: owner, shared, or shared through a folder above it (Host.roleOf). */
export function canOpen(ws: Workspace, file: DriveFile, user: string): boolean {
  return ws.host.canRead(file, user);
}

/** The Cloud project of the caller's OAuth client; the fixed "local-" tokens stand for the command-line client. */
export function projectOf(ws: Workspace, caller: Caller): string {
  return caller.project ?? ws.host.cliProject.number;
}

/**
 * Whether the token reaches a file the user can open: a broad scope reaches every such file;
 * drive.file alone reaches only files this person made or picked through this token's Cloud
 * project ("per-file access to files created or opened by the app",
 * developers.google.com/workspace/drive/api/guides/api-specific-auth; Host.appHolds).
 */
export function tokenReaches(ws: Workspace, caller: Caller, file: DriveFile, broad: readonly string[]): boolean {
  if (caller.scopes === null || hasAnyScope(caller, broad)) return true;
  return caller.scopes.includes(SCOPE.driveFile) && ws.host.appHolds(file.id, caller.user, projectOf(ws, caller));
}

/** Scope lists for writes name no read-only scope: a call checked against one changes the file. */
function isWrite(broad: readonly string[]): boolean {
  return !broad.some((scope) => scope.endsWith('.readonly'));
}

/**
 * A Docs-editors file as the Sheets, Docs, Forms and Apps Script APIs look it up: 404 "Requested
 * entity was not found." when it does not exist (or the token cannot reach it), 403 "The caller
 * does not have permission" when it exists but is not shared with the caller.
 */
export function editorFile(ws: Workspace, caller: Caller, id: string, mimeType: string, broad: readonly string[]): DriveFile {
  const file = ws.host.files.get(id);
  if (!file || file.trashed) throw new ApiError(404, 'Requested entity was not found.');
  if (!canOpen(ws, file, caller.user)) throw new ApiError(403, 'The caller does not have permission');
  if (!tokenReaches(ws, caller, file, broad)) throw new ApiError(404, 'Requested entity was not found.');
  if (file.mimeType !== mimeType) throw new ApiError(400, 'This operation is not supported for this document');
  // A viewer or commenter reads but does not write (Drive roles, drive/api/guides/ref-roles).
  if (isWrite(broad) && !ws.host.canWrite(file, caller.user)) throw new ApiError(403, 'The caller does not have permission');
  return file;
}

/** Drive's lookup: a file the caller cannot see is simply "not found". */
export function driveFile(ws: Workspace, caller: Caller, id: string, broad: readonly string[]): DriveFile {
  const file = ws.host.files.get(id);
  if (!file || !canOpen(ws, file, caller.user) || !tokenReaches(ws, caller, file, broad)) {
    throw new ApiError(404, `File not found: ${id}.`, { reason: 'notFound', location: 'fileId' });
  }
  if (isWrite(broad) && !ws.host.canWrite(file, caller.user)) {
    throw new ApiError(403, 'The user does not have sufficient permissions for this file.', { reason: 'insufficientFilePermissions' });
  }
  return file;
}

/** Runs a handler as the caller: the models read host.activeUser (ownership, protections). */
export function asCaller<T>(ws: Workspace, caller: Caller, run: () => T): T {
  const previous = { user: ws.host.activeUser, project: ws.host.callingProject };
  ws.host.activeUser = caller.user;
  ws.host.callingProject = projectOf(ws, caller);
  try {
    return run();
  } finally {
    ws.host.activeUser = previous.user;
    ws.host.callingProject = previous.project;
  }
}
