// Serves a built sidebar page on loopback with a google.script.run shim that calls the add-on in the local Workspace, so a real browser can drive it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddOn } from './bundle';
import type { Workspace } from './index';
import { GOOGLE_API_SCRIPT, PICKER_STAND_IN, pick, pickable } from './picker';

/**
 * The client half of google.script.run, as HtmlService documents it: a fresh runner per chain
 * (withSuccessHandler, withFailureHandler, withUserObject), calls by server-function name,
 * asynchronous, a Date in the arguments refused, at most 10 calls in flight (more wait).
 */
const SHIM = `<script>
(function () {
  var MAX_IN_FLIGHT = 10;
  var inFlight = 0;
  var waiting = [];
  function hasDate(value) {
    if (value instanceof Date) return true;
    if (value && typeof value === 'object') return Object.keys(value).some(function (k) { return hasDate(value[k]); });
    return false;
  }
  function send(job) {
    inFlight += 1;
    fetch('/__google_script_run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: job.name, args: job.args }) })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        if (reply.ok) { if (job.state.success) job.state.success(reply.value, job.state.user); }
        else if (job.state.failure) { var error = new Error(reply.error); error.name = 'ScriptError'; job.state.failure(error, job.state.user); }
      }, function (error) { if (job.state.failure) job.state.failure(error, job.state.user); })
      .then(function () { inFlight -= 1; if (waiting.length) send(waiting.shift()); });
  }
  function runner(state) {
    var base = {
      withSuccessHandler: function (f) { return runner(Object.assign({}, state, { success: f })); },
      withFailureHandler: function (f) { return runner(Object.assign({}, state, { failure: f })); },
      withUserObject: function (o) { return runner(Object.assign({}, state, { user: o })); }
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (name in target) return target[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          if (hasDate(args)) {
            setTimeout(function () { if (state.failure) state.failure(new Error('Failed due to illegal value in property: 0'), state.user); }, 0);
            return;
          }
          var job = { name: String(name), args: args, state: state };
          if (inFlight < MAX_IN_FLIGHT) send(job); else waiting.push(job);
        };
      }
    });
  }
  window.google = { script: { run: runner({}), host: { origin: location.origin, close: function () { window.__sidebarClosed = true; } } } };
})();
</script>`;

export interface SidebarBridge {
  url: string;
  /** Every server call the page made, in order. */
  calls: { name: string; args: unknown[] }[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** The page with the shim placed before its first script, so the page's code finds google.script.run. */
export function withShim(html: string): string {
  const at = html.indexOf('<script');
  return at < 0 ? html.replace('</body>', `${SHIM}</body>`) : `${html.slice(0, at)}${SHIM}${html.slice(at)}`;
}

/**
 * Serves `pageName` (a built page in the Workspace's project files, e.g. "documents") at
 * http://127.0.0.1:<port>/ and answers the shim's calls with addon.callFromClient. Given the
 * Workspace, it also answers the Picker stand-in (picker.ts) for a page that loads Google's Picker.
 */
export function startSidebarBridge(addon: AddOn, html: string, ws?: Workspace): Promise<SidebarBridge> {
  const calls: SidebarBridge['calls'] = [];
  // A page that loads Google's Picker script gets the Workspace's stand-in (picker.ts) from this bridge instead.
  const page = withShim(html).replace(GOOGLE_API_SCRIPT, '<script src="/__picker/api.js"></script>');
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/__picker/api.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(PICKER_STAND_IN);
      return;
    }
    if (ws && request.method === 'POST' && (request.url === '/__picker/files' || request.url === '/__picker/pick')) {
      readBody(request).then((body) => {
        const data = JSON.parse(body) as { token: string; appId: string; ids: string[] };
        let reply: Record<string, unknown>;
        try {
          reply = request.url === '/__picker/files'
            ? { ok: true, files: pickable(ws, String(data.token)) }
            : { ok: true, docs: pick(ws, { token: String(data.token), appId: String(data.appId), ids: Array.isArray(data.ids) ? data.ids.map(String) : [] }) };
        } catch (error) {
          reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(reply));
      }, (error: Error) => { response.writeHead(400); response.end(error.message); });
      return;
    }
    if (request.method === 'GET' && (request.url === '/' || request.url === '/index.html')) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    if (request.method === 'POST' && request.url === '/__google_script_run') {
      readBody(request).then((body) => {
        const { name, args } = JSON.parse(body) as { name: string; args: unknown[] };
        calls.push({ name, args });
        let reply: { ok: boolean; value?: unknown; error?: string };
        try {
          reply = { ok: true, value: addon.callFromClient(name, Array.isArray(args) ? args : []) };
        } catch (error) {
          reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(reply === undefined ? { ok: true } : reply));
      }, (error: Error) => {
        response.writeHead(400);
        response.end(error.message);
      });
      return;
    }
    response.writeHead(404);
    response.end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        calls,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
