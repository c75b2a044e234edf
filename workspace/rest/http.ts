// The REST plumbing of the local Workspace: routes, Google's error bodies, request bodies (JSON, form, multipart) and field masks.
import type { IncomingMessage } from 'node:http';
import type { Workspace } from '../index';

/** Google's canonical status names by HTTP code, as they appear in error bodies. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

/** Drive's v3 errors also carry a reason in an `errors` list; the other APIs send code, message and status only. */
export interface ErrorDetail {
  reason: string;
  domain?: string;
  location?: string;
  locationType?: string;
}

/** An error a route answers with: Google's `{ error: { code, message, status } }` body. */
export class ApiError extends Error {
  constructor(readonly code: number, message: string, readonly detail?: ErrorDetail) {
    super(message);
  }

  get status(): string {
    return STATUS_NAMES[this.code] ?? 'UNKNOWN';
  }

  body(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { code: this.code, message: this.message, status: this.status };
    if (this.detail) {
      error.errors = [{ message: this.message, domain: this.detail.domain ?? 'global', reason: this.detail.reason, ...(this.detail.location ? { location: this.detail.location, locationType: this.detail.locationType ?? 'parameter' } : {}) }];
    }
    return { error };
  }
}

export const badRequest = (message: string, detail?: ErrorDetail): ApiError => new ApiError(400, message, detail);

/** What the local Workspace does not model answers 501, naming the method, so nobody leans on made-up behaviour. */
export const notImplemented = (what: string): ApiError => new ApiError(501, `${what} is not implemented by the local Workspace`);

/** The caller as the API sees it: the Workspace user a token stands for and the scopes it was granted. */
export interface Caller {
  user: string;
  /** null: every scope (the fixed test tokens "local-<email>"). */
  scopes: readonly string[] | null;
  /** The Cloud project of the OAuth client the token was issued to (undefined: the command-line client's). */
  project?: string;
}

export interface RestRequest {
  ws: Workspace;
  caller: Caller;
  method: string;
  path: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there is none); for form routes, the fields. */
  body: unknown;
  /** Parts of a multipart/related upload, or the raw bytes of a media upload. */
  media?: { metadata: unknown; contentType: string; bytes: Buffer };
  /** The server's own origin (http://127.0.0.1:port), for links and redirects. */
  origin: string;
}

/** A reply other than "200 with this JSON": another status, a redirect, or bytes. Handlers return a Reply or a plain JSON body. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly options: { location?: string; raw?: { bytes: Buffer; contentType: string } } = {},
  ) {}
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template as in Google's discovery documents: /v4/spreadsheets/{spreadsheetId}/values/{range}:append */
  path: string;
  /** The API method, e.g. sheets.spreadsheets.values.batchGet (what tests and benchmarks count). */
  name: string;
  /** Query parameters the method accepts besides the standard ones; anything else is a 400, as at Google. */
  query?: readonly string[];
  /** The caller needs one of these scopes; empty means no token is needed (the OAuth endpoints). */
  scopes: readonly string[];
  /** The body is form-encoded (the OAuth token endpoint), not JSON. */
  form?: boolean;
  /** The body is an upload: multipart/related (metadata + media) or the bytes alone. */
  upload?: boolean;
  handle(request: RestRequest): unknown;
}

/** Parameters every Google API accepts (system parameters). */
const SYSTEM_PARAMETERS = new Set(['alt', 'fields', 'prettyPrint', 'quotaUser', 'key', '$.xgafv', 'access_token', 'callback', 'upload_protocol', 'uploadType']);

interface CompiledRoute {
  route: Route;
  segments: RegExp[];
  names: string[][];
}

/** Compiles /a/{x}/b/{y}:verb into one anchored pattern per segment; {x} never spans a '/' or a literal ':'. */
export function compileRoute(route: Route): CompiledRoute {
  const parts = route.path.split('/').filter(Boolean);
  const names: string[][] = [];
  const segments = parts.map((part) => {
    const segmentNames: string[] = [];
    const pattern = part.replace(/\{(\w+)\}|([^{]+)/g, (_m, name: string | undefined, literal: string | undefined) => {
      if (name) { segmentNames.push(name); return '([^/:]+)'; }
      return (literal ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    names.push(segmentNames);
    return new RegExp(`^${pattern}$`);
  });
  return { route, segments, names };
}

export function matchRoute(compiled: CompiledRoute, method: string, pathname: string): Record<string, string> | null {
  if (compiled.route.method !== method) return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length !== compiled.segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const match = compiled.segments[i].exec(parts[i]);
    if (!match) return null;
    compiled.names[i].forEach((name, j) => {
      params[name] = decodeURIComponent(match[j + 1]);
    });
  }
  return params;
}

/** Google rejects query parameters a method does not define. */
export function checkQuery(route: Route, query: URLSearchParams): void {
  for (const key of new Set(query.keys())) {
    if (SYSTEM_PARAMETERS.has(key) || route.query?.includes(key)) continue;
    throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${key}' could not be found in request message.`);
  }
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.');
  }
}

/** Splits a multipart/related upload (metadata part, then media part), as googleapis sends it. */
export function parseMultipart(contentType: string, bytes: Buffer): { metadata: unknown; contentType: string; bytes: Buffer } {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw badRequest('Bad multipart upload: no boundary in Content-Type.');
  const text = bytes.toString('latin1');
  const parts = text.split(`--${boundary}`).slice(1).filter((part) => !part.startsWith('--'));
  if (parts.length !== 2) throw badRequest(`Bad multipart upload: expected 2 parts (metadata and media), got ${parts.length}.`);
  const split = (part: string) => {
    const start = part.replace(/^\r\n/, '');
    const end = start.indexOf('\r\n\r\n');
    if (end < 0) throw badRequest('Bad multipart upload: a part has no headers.');
    const headers = start.slice(0, end);
    const content = start.slice(end + 4).replace(/\r\n$/, '');
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1].trim() ?? 'application/octet-stream';
    return { type, content: Buffer.from(content, 'latin1') };
  };
  const meta = split(parts[0]);
  const media = split(parts[1]);
  return { metadata: parseJson(meta.content), contentType: media.type, bytes: media.content };
}

// --- Field masks: ?fields=files(id,name),nextPageToken

export type FieldMask = Map<string, FieldMask | true>;

/** Parses a partial-response mask: a,b/c,d(e,f). "*" selects everything at its level. */
export function parseFieldMask(text: string): FieldMask {
  let pos = 0;
  const list = (): FieldMask => {
    const mask: FieldMask = new Map();
    for (;;) {
      while (text[pos] === ' ') pos += 1;
      const start = pos;
      while (pos < text.length && !',()'.includes(text[pos])) pos += 1;
      const path = text.slice(start, pos).trim();
      if (!path) throw badRequest(`Invalid field selection ${text}`, { reason: 'invalidParameter', location: 'fields' });
      let leaf: FieldMask | true = true;
      if (text[pos] === '(') {
        pos += 1;
        leaf = list();
        if (text[pos] !== ')') throw badRequest(`Invalid field selection ${text}`, { reason: 'invalidParameter', location: 'fields' });
        pos += 1;
      }
      // Partial-response paths use '/', FieldMask paths '.'; Google accepts both.
      const keys = path.split(/[/.]/);
      let node = mask;
      keys.forEach((key, i) => {
        if (i === keys.length - 1) {
          const existing = node.get(key);
          if (existing instanceof Map && leaf instanceof Map) leaf.forEach((v, k) => existing.set(k, v));
          else node.set(key, leaf);
        } else {
          let next = node.get(key);
          if (!(next instanceof Map)) { next = new Map(); node.set(key, next); }
          node = next;
        }
      });
      while (text[pos] === ' ') pos += 1;
      if (text[pos] !== ',') return mask;
      pos += 1;
    }
  };
  const mask = list();
  if (pos !== text.length) throw badRequest(`Invalid field selection ${text}`, { reason: 'invalidParameter', location: 'fields' });
  return mask;
}

/** Keeps what the mask selects; lists are masked element by element. */
export function applyFieldMask(value: unknown, mask: FieldMask | true): unknown {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (mask.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) out[key] = applyFieldMask(inner, sub);
  }
  return out;
}

/** The first-level names a mask selects (to check them against what a resource models). */
export function topLevelFields(mask: FieldMask): string[] {
  return [...mask.keys()];
}

/** A boolean query parameter: absent → fallback; "true"/"false" only. */
export function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value at '${name}' (TYPE_BOOL), "${value}"`);
}

/** An enum query parameter with Google's message for a value it does not know. */
export function enumParam<T extends string>(query: URLSearchParams, name: string, values: readonly T[], fallback: T): T {
  const value = query.get(name);
  if (value === null) return fallback;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw badRequest(`Invalid value at '${name}', "${value}"`);
}

/** A value that must be a plain JSON object. */
export function objectBody(body: unknown, what = 'request body'): Record<string, unknown> {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`Invalid JSON payload received. Expected an object for ${what}.`);
  return body as Record<string, unknown>;
}
