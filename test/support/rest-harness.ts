// Test harness for the scripts: a local Workspace behind the loopback REST server, real googleapis clients, and a captured CommandIO.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth } from 'googleapis';
import { createWorkspace, type Workspace } from '../../workspace';
import { localToken, startRestServer, type RestServer } from '../../workspace/rest';
import { FETCH } from '../../scripts/lib/auth';
import type { CommandIO } from '../../scripts/lib/cli';
import { googleApis, type GoogleApis } from '../../scripts/lib/google';

export const COORDINATOR = 'coordinator@example.org';
export const PEER_LEAD = 'peer.lead@example.org';
export const OUTSIDER = 'someone.else@example.net';

export interface RestHarness {
  ws: Workspace;
  server: RestServer;
  /** googleapis clients with the fixed token of `user` (every scope). */
  apis(user?: string): GoogleApis;
  close(): Promise<void>;
}

export async function startHarness(): Promise<RestHarness> {
  const ws = createWorkspace({ user: COORDINATOR, now: '2026-03-16T17:00:00Z' });
  const server = await startRestServer(ws);
  return {
    ws,
    server,
    apis(user = COORDINATOR) {
      const auth = new Auth.OAuth2Client({ transporterOptions: FETCH });
      auth.setCredentials({ access_token: localToken(user), expiry_date: Date.now() + 3600_000 });
      return googleApis({ kind: 'token', auth, rootUrl: server.rootUrl });
    },
    close: () => server.close(),
  };
}

/** A raw request to the server, for what googleapis hides (status codes, error bodies, missing tokens). */
export async function rawRequest(server: RestServer, method: string, path: string, options: { token?: string | null; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? localToken(COORDINATOR) : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path.replace(/^\//, ''), server.rootUrl), {
    method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export interface CapturedIO extends CommandIO {
  stdout: string[];
  stderr: string[];
  opened: string[];
}

/** A CommandIO that records what a command prints; env is only what the test gives. */
export function captureIO(env: Record<string, string | undefined> = {}, options: { homeDir?: string; tty?: boolean; openBrowser?: (url: string) => void } = {}): CapturedIO {
  const io: CapturedIO = {
    stdout: [],
    stderr: [],
    opened: [],
    out: (line) => io.stdout.push(line),
    err: (line) => io.stderr.push(line),
    errRaw: (text) => io.stderr.push(text),
    stderrIsTTY: options.tty ?? false,
    env,
    homeDir: options.homeDir ?? mkdtempSync(join(tmpdir(), 'rose-home-')),
    cwd: process.cwd(),
    openBrowser: (url) => {
      io.opened.push(url);
      options.openBrowser?.(url);
    },
  };
  return io;
}

/** A person at the browser clicking Allow: follow the consent page's redirect back to the command's listener. */
export function allowInBrowser(url: string): void {
  void fetch(url, { redirect: 'follow' }).then((r) => r.text());
}
