// The REST face of the local Workspace: a loopback HTTP server answering the Google APIs the automation scripts call, from the same in-memory model.
//
// Point googleapis at it with a per-client rootUrl (and per call for media uploads):
//   google.sheets({ version: 'v4', auth, rootUrl: server.rootUrl })
// and a bearer token "local-<email>" (that user, every scope), or sign in through the fake OAuth
// endpoints (<rootUrl>o/oauth2/v2/auth, <rootUrl>token) for a token with only the granted scopes.
//
// APIs and where their routes live:
//   Sheets v4        /v4/spreadsheets…      sheets.ts (values in values.ts)
//   Drive v3         /drive/v3…, /upload/…  drive.ts (search language in drive-query.ts)
//   Apps Script v1   /v1/projects…          apps-script.ts
//   OAuth            /o/oauth2/v2/auth, /token   oauth.ts
//   Docs v1          /v1/documents…         register with registerRestRoutes() from the Docs model
//   Forms v1         /v1/forms…             register with registerRestRoutes() from the Forms model
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Workspace } from '../index';
import { TokenTable, asCaller, requireScopes } from './access';
import { appsScriptRoutes } from './apps-script';
import { driveRoutes } from './drive';
import {
  ApiError, Reply, applyFieldMask, checkQuery, compileRoute, matchRoute, parseFieldMask, parseJson, parseMultipart, readBody,
  type Caller, type RestRequest, type Route,
} from './http';
import { oauthRoutes } from './oauth';
import { sheetsRoutes } from './sheets';

export { ApiError, Reply, badRequest, notImplemented, objectBody, type Caller, type RestRequest, type Route } from './http';
export { SCOPE, localToken, editorFile, driveFile, requireScopes } from './access';

/** One request the server answered: what tests and benchmarks count. */
export interface RestCall {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The API method (sheets.spreadsheets.values.batchGet), or undefined when no route matched. */
  name?: string;
  status: number;
}

export interface RestFault {
  /** 1-based: fail the nth call of the method counted from when the fault was added. */
  nth?: number;
  times?: number;
  code?: number;
  message?: string;
}

export interface RestServer {
  /** http://127.0.0.1:<port>/ — the rootUrl for googleapis clients. */
  rootUrl: string;
  requests: RestCall[];
  /** Makes the nth call of an API method answer an error (default 503 "The service is currently unavailable."). */
  failOn(name: string, fault?: RestFault): void;
  /** Tokens the fake OAuth endpoints issued. */
  tokens: TokenTable;
  close(): Promise<void>;
}

export interface RestServerOptions {
  /** Who signs in on the fake consent page (default: the Workspace's active user). */
  signedInUser?: string;
}

/** Routes another model adds (Docs v1, Forms v1): built once per server. */
export type RouteFactory = (ws: Workspace) => Route[];
const extraRoutes: RouteFactory[] = [];

export function registerRestRoutes(factory: RouteFactory): void {
  extraRoutes.push(factory);
}

/** Paths that belong to an API this server speaks: an unknown method there is unimplemented, not absent. */
const API_PREFIXES = ['/v4/', '/drive/v3/', '/upload/drive/v3/', '/v1/projects', '/v1/documents', '/v1/forms', '/v1/scripts'];

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(text);
}

interface ActiveFault {
  name: string;
  nth: number;
  times: number;
  seen: number;
  error: ApiError;
}

export async function startRestServer(ws: Workspace, options: RestServerOptions = {}): Promise<RestServer> {
  const tokens = new TokenTable();
  const routes = [
    ...sheetsRoutes, ...driveRoutes, ...appsScriptRoutes,
    ...oauthRoutes(tokens, {
      signedInUser: () => options.signedInUser ?? ws.host.activeUser,
      projectOf: (clientId) => ws.host.oauthClientProjects.get(clientId) ?? ws.host.cliProject.number,
    }),
    ...extraRoutes.flatMap((factory) => factory(ws)),
  ].map(compileRoute);
  const requests: RestCall[] = [];
  const faults: ActiveFault[] = [];

  const injected = (name: string): ApiError | null => {
    for (const fault of faults) {
      if (fault.name !== name) continue;
      fault.seen += 1;
      if (fault.seen >= fault.nth && fault.seen < fault.nth + fault.times) return fault.error;
    }
    return null;
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const call: RestCall = { method, path: url.pathname, status: 200 };
    requests.push(call);
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      call.status = status;
      send(response, status, body, headers);
    };
    try {
      let compiled: (typeof routes)[number] | undefined;
      let params: Record<string, string> = {};
      for (const candidate of routes) {
        const matched = matchRoute(candidate, method, url.pathname);
        if (matched) { compiled = candidate; params = matched; break; }
      }
      if (!compiled) {
        if (API_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) throw new ApiError(501, `${method} ${url.pathname} is not implemented by the local Workspace`);
        throw new ApiError(404, `Not Found: ${method} ${url.pathname}`);
      }
      const route = compiled.route;
      call.name = route.name;
      checkQuery(route, url.searchParams);
      let caller: Caller | null = null;
      if (route.scopes.length) {
        caller = tokens.callerFor(incoming.headers.authorization);
        requireScopes(caller, route.scopes);
      }
      const fault = injected(route.name);
      if (fault) throw fault;
      const bytes = await readBody(incoming);
      const contentType = String(incoming.headers['content-type'] ?? '');
      const request: RestRequest = {
        ws, caller: caller ?? { user: '', scopes: [] }, method, path: url.pathname, params, query: url.searchParams, body: undefined,
        origin: `http://${incoming.headers.host ?? '127.0.0.1'}`,
      };
      if (route.form) request.body = new URLSearchParams(contentType.includes('json') ? Object.entries(parseJson(bytes) as Record<string, string>) : bytes.toString('utf8'));
      else if (route.upload) {
        request.media = url.searchParams.get('uploadType') === 'multipart'
          ? parseMultipart(contentType, bytes)
          : { metadata: {}, contentType: contentType || 'application/octet-stream', bytes };
      } else request.body = parseJson(bytes);
      // Handlers are synchronous: running one "as" the caller cannot interleave with another request.
      const result = caller ? asCaller(ws, caller, () => route.handle(request)) : route.handle(request);
      if (result instanceof Reply) {
        call.status = result.status;
        if (result.options.location) {
          response.writeHead(result.status, { location: result.options.location });
          response.end();
        } else if (result.options.raw) {
          response.writeHead(result.status, { 'content-type': result.options.raw.contentType });
          response.end(result.options.raw.bytes);
        } else send(response, result.status, result.body);
        return;
      }
      const fields = url.searchParams.get('fields');
      reply(200, fields && fields.trim() ? applyFieldMask(result, parseFieldMask(fields)) : result);
    } catch (error) {
      if (error instanceof ApiError) {
        reply(error.code, error.body(), error.code === 401 ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' } : {});
        return;
      }
      // A model error (an unmodelled path deeper down) still answers in Google's shape, loudly.
      const message = (error as Error)?.message ?? String(error);
      const code = /not implemented by the local Workspace/.test(message) ? 501 : 500;
      reply(code, new ApiError(code, message).body());
    }
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: Error) => {
      if (!response.headersSent) send(response, 500, new ApiError(500, error.message).body());
      else response.destroy(error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    requests,
    tokens,
    failOn(name, fault = {}) {
      faults.push({
        name, nth: fault.nth ?? 1, times: fault.times ?? 1, seen: 0,
        error: new ApiError(fault.code ?? 503, fault.message ?? 'The service is currently unavailable.'),
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
