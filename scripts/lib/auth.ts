// Signing in for the scripts: the OAuth desktop flow with a saved token, a service-account key or application default credentials, or a fixed token for the local Workspace.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import { Auth } from 'googleapis';
import type { CommandIO, OptionSpec, ParsedOptions } from './cli';
import { stringOption } from './cli';
import { UsageError, UserFacingError } from './errors';

const AUTH = 'https://www.googleapis.com/auth/';

/** The scopes the commands ask for; none is restricted (FACTS: drive.file is non-sensitive, spreadsheets sensitive). */
export const SCOPES = {
  spreadsheets: `${AUTH}spreadsheets`,
  spreadsheetsReadonly: `${AUTH}spreadsheets.readonly`,
  driveFile: `${AUTH}drive.file`,
  scriptProjects: `${AUTH}script.projects`,
  documents: `${AUTH}documents`,
  formsBody: `${AUTH}forms.body`,
  formsResponsesReadonly: `${AUTH}forms.responses.readonly`,
} as const;

/** Every command's options for signing in and for pointing at the local Workspace. */
export const CONNECTION_OPTIONS: OptionSpec[] = [
  { name: 'credentials', kind: 'string', placeholder: 'file', description: 'An OAuth client of type "Desktop app" (credentials.json from the Google Cloud console) to sign in with, or a service-account key file.' },
  { name: 'token-cache', kind: 'string', placeholder: 'file', description: 'Where the sign-in is saved between runs (default ~/.config/rose-tracker/token.json).' },
  { name: 'adc', kind: 'boolean', description: "Use Google's application default credentials (gcloud auth application-default login, or the machine's service account)." },
  { name: 'api-root', kind: 'string', placeholder: 'url', description: 'Send every request here instead of to Google (the local Workspace, in tests); same as ROSE_API_ROOT.' },
];

export const SIGN_IN_NOTE = 'Signing in: the first run with --credentials opens a Google page in your browser; allow access and the sign-in is saved '
  + 'for later runs. A service-account key (--credentials key.json or GOOGLE_APPLICATION_CREDENTIALS) or application default credentials (--adc) '
  + 'work too, for reading trackers shared with that account. See scripts/lib/CREDENTIALS.md.';

/** How the scripts talk to Google: native fetch (Node 20), which also keeps gaxios from importing node-fetch. */
export const FETCH: { fetchImplementation: typeof fetch } = { fetchImplementation: globalThis.fetch };

export type AuthKind = 'token' | 'oauth' | 'service-account' | 'adc';

export interface Session {
  kind: AuthKind;
  auth: Auth.OAuth2Client | Auth.GoogleAuth;
  /** Every API's root when it is not Google's (the local Workspace). */
  rootUrl?: string;
  /** The saved sign-in, for error messages ("delete … and sign in again"). */
  tokenCache?: string;
}

export interface SignInOptions {
  scopes: string[];
  credentials?: string;
  tokenCache?: string;
  adc?: boolean;
  apiRoot?: string;
}

export function defaultTokenCache(io: CommandIO): string {
  const config = io.env.XDG_CONFIG_HOME || join(io.homeDir, '.config');
  return join(config, 'rose-tracker', 'token.json');
}

export function signInOptions(options: ParsedOptions, io: CommandIO, scopes: string[]): SignInOptions {
  const resolve = (path: string | undefined) => (path === undefined ? undefined : isAbsolute(path) ? path : join(io.cwd, path));
  return {
    scopes,
    credentials: resolve(stringOption(options, 'credentials')),
    tokenCache: resolve(stringOption(options, 'token-cache')) ?? defaultTokenCache(io),
    adc: options.adc === true,
    apiRoot: stringOption(options, 'api-root') ?? (io.env.ROSE_API_ROOT || undefined),
  };
}

function normalizedRoot(apiRoot: string | undefined): string | undefined {
  if (apiRoot === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(apiRoot);
  } catch {
    throw new UsageError(`--api-root "${apiRoot}" is not a web address such as http://127.0.0.1:8080/`);
  }
  return url.origin + '/';
}

interface TokenCache {
  client_id: string;
  client_secret: string;
  refresh_token: string;
  access_token?: string;
  expiry_date?: number;
  scope: string;
}

interface OAuthClientFile {
  client_id: string;
  client_secret: string;
}

function readJson(path: string, what: string): Record<string, unknown> {
  if (!existsSync(path)) throw new UserFacingError(`The ${what} ${path} does not exist; check the path`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new UserFacingError(`The ${what} ${path} is not valid JSON; download it again from the Google Cloud console`);
  }
}

function readCache(path: string): TokenCache | null {
  if (!existsSync(path)) return null;
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as TokenCache;
    return cache.refresh_token && cache.client_id ? cache : null;
  } catch {
    return null;
  }
}

/** The saved sign-in holds a refresh token: readable by the user alone. */
function writeCache(path: string, cache: TokenCache): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600 });
}

function endpoints(rootUrl: string | undefined): Partial<Auth.OAuth2ClientOptions['endpoints']> | undefined {
  return rootUrl ? { oauth2AuthBaseUrl: `${rootUrl}o/oauth2/v2/auth`, oauth2TokenUrl: `${rootUrl}token` } : undefined;
}

/**
 * The installed-app flow (developers.google.com/identity/protocols/oauth2/native-app): a one-off
 * listener on 127.0.0.1 receives the code from Google's consent page; PKCE ties the code to this run.
 */
export async function desktopSignIn(client: OAuthClientFile, scopes: string[], io: CommandIO, rootUrl?: string, timeoutMs = 5 * 60_000): Promise<Auth.Credentials> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const oauth = new Auth.OAuth2Client({
    clientId: client.client_id, clientSecret: client.client_secret, redirectUri, endpoints: endpoints(rootUrl), transporterOptions: FETCH,
  });
  const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
  const state = randomBytes(16).toString('hex');
  const url = oauth.generateAuthUrl({
    access_type: 'offline', prompt: 'consent', scope: scopes, state, code_challenge: codeChallenge, code_challenge_method: Auth.CodeChallengeMethod.S256,
  });
  let timer: NodeJS.Timeout | undefined;
  const code = new Promise<string>((resolve, reject) => {
    server.on('request', (request, response) => {
      const answer = new URL(request.url ?? '/', redirectUri);
      if (answer.pathname !== '/') { response.writeHead(404).end(); return; }
      const page = (text: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><p>${text}</p>`);
      if (answer.searchParams.get('state') !== state) {
        page('This sign-in does not belong to the command that is waiting. Run the command again.');
        reject(new UserFacingError('The answer from the sign-in page did not match this run; run the command again'));
      } else if (answer.searchParams.get('error')) {
        page('Sign-in was cancelled. You can close this tab.');
        reject(new UserFacingError(`Sign-in was cancelled in the browser (${answer.searchParams.get('error')}); run the command again and choose Allow`));
      } else {
        page('Signed in. You can close this tab and go back to the terminal.');
        resolve(answer.searchParams.get('code') ?? '');
      }
    });
    timer = setTimeout(() => reject(new UserFacingError('Sign-in was not finished within 5 minutes; run the command again and allow access in the browser')), timeoutMs);
  });
  io.err('Sign in to Google in your browser to let ROSE Tracker work with your spreadsheets. If no browser opens, open this link:');
  io.err(url);
  io.openBrowser(url);
  try {
    const { tokens } = await oauth.getToken({ code: await code, codeVerifier, redirect_uri: redirectUri });
    return tokens;
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}

function hasScopes(granted: string | undefined, wanted: string[]): boolean {
  const have = new Set((granted ?? '').split(/\s+/));
  return wanted.every((scope) => have.has(scope));
}

/** A person's sign-in: the saved one when it covers the scopes, else the browser flow, saved for next time. */
async function oauthSession(client: OAuthClientFile, options: SignInOptions, io: CommandIO, rootUrl: string | undefined): Promise<Session> {
  const cachePath = options.tokenCache ?? defaultTokenCache(io);
  let cache = readCache(cachePath);
  if (!cache || cache.client_id !== client.client_id || !hasScopes(cache.scope, options.scopes)) {
    const tokens = await desktopSignIn(client, options.scopes, io, rootUrl);
    if (!tokens.refresh_token) throw new UserFacingError('Google gave no lasting sign-in (no refresh token); remove ROSE Tracker from your account\'s third-party access and run the command again');
    cache = {
      client_id: client.client_id, client_secret: client.client_secret, refresh_token: tokens.refresh_token,
      access_token: tokens.access_token ?? undefined, expiry_date: tokens.expiry_date ?? undefined, scope: tokens.scope ?? options.scopes.join(' '),
    };
    writeCache(cachePath, cache);
  }
  const oauth = new Auth.OAuth2Client({ clientId: client.client_id, clientSecret: client.client_secret, endpoints: endpoints(rootUrl), transporterOptions: FETCH });
  oauth.setCredentials({ refresh_token: cache.refresh_token, access_token: cache.access_token, expiry_date: cache.expiry_date, scope: cache.scope });
  const saved = cache;
  // A refreshed access token is saved too, so the next run does not refresh again.
  oauth.on('tokens', (tokens) => {
    writeCache(cachePath, { ...saved, access_token: tokens.access_token ?? undefined, expiry_date: tokens.expiry_date ?? undefined, refresh_token: tokens.refresh_token ?? saved.refresh_token });
  });
  return { kind: 'oauth', auth: oauth, rootUrl, tokenCache: cachePath };
}

function googleAuth(options: SignInOptions, rootUrl: string | undefined, credentials?: Record<string, unknown>): Session {
  const auth = new Auth.GoogleAuth({
    scopes: options.scopes,
    ...(credentials ? { credentials: credentials as Auth.JWTInput } : {}),
    clientOptions: { transporterOptions: FETCH },
  });
  return { kind: credentials?.type === 'service_account' ? 'service-account' : 'adc', auth, rootUrl };
}

function gcloudAdcFile(io: CommandIO): string {
  const base = process.platform === 'win32' && io.env.APPDATA ? join(io.env.APPDATA, 'gcloud') : join(io.env.CLOUDSDK_CONFIG || join(io.homeDir, '.config', 'gcloud'));
  return join(base, 'application_default_credentials.json');
}

/**
 * Picks how to sign in, before any network call, in this order: a fixed token (ROSE_ACCESS_TOKEN,
 * the local Workspace), --credentials, --adc, GOOGLE_APPLICATION_CREDENTIALS, the saved sign-in,
 * gcloud's application default credentials. With none of them the command stops with one sentence.
 */
export async function signIn(options: SignInOptions, io: CommandIO): Promise<Session> {
  const rootUrl = normalizedRoot(options.apiRoot);
  const token = io.env.ROSE_ACCESS_TOKEN;
  if (token) {
    const auth = new Auth.OAuth2Client({ transporterOptions: FETCH });
    // A token with a future expiry and no refresh token: the client sends it as it is, with no network call of its own.
    auth.setCredentials({ access_token: token, expiry_date: Date.now() + 60 * 60 * 1000 });
    return { kind: 'token', auth, rootUrl };
  }
  const keyFile = options.credentials ?? (options.adc ? undefined : io.env.GOOGLE_APPLICATION_CREDENTIALS || undefined);
  if (keyFile) {
    const json = readJson(keyFile, options.credentials ? 'credentials file' : 'file named by GOOGLE_APPLICATION_CREDENTIALS');
    const client = (json.installed ?? json.web) as OAuthClientFile | undefined;
    if (client?.client_id && client.client_secret) return oauthSession(client, options, io, rootUrl);
    if (json.type === 'service_account' || json.type === 'authorized_user') return googleAuth(options, rootUrl, json);
    throw new UserFacingError(`${keyFile} is neither an OAuth client ("Desktop app") nor a service-account key; download one from the Google Cloud console`);
  }
  if (options.adc) return googleAuth(options, rootUrl);
  const cache = readCache(options.tokenCache ?? defaultTokenCache(io));
  if (cache) return oauthSession({ client_id: cache.client_id, client_secret: cache.client_secret }, options, io, rootUrl);
  if (existsSync(gcloudAdcFile(io))) return googleAuth(options, rootUrl);
  throw new UserFacingError('No Google sign-in found; run with --credentials credentials.json (an OAuth client for a desktop app) or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key (see scripts/lib/CREDENTIALS.md)');
}
