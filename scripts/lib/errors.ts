// Turns what can go wrong in a command (no sign-in, no network, Google's 401/403/404/429/5xx) into one plain sentence saying what to do.

/** An error whose message is already the sentence the person should read. */
export class UserFacingError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** A mistake in how the command was typed; exits with 2, as command-line tools do. */
export class UsageError extends UserFacingError {
  constructor(message: string) {
    super(message, 2);
  }
}

export interface ErrorContext {
  /** The command, for "run npm run <command> -- --help". */
  command?: string;
  /** Where the saved sign-in is, to tell the person what to delete. */
  tokenCache?: string;
}

interface ErrorShape {
  message?: string;
  code?: string | number;
  status?: number;
  cause?: unknown;
  config?: { url?: string | URL };
  response?: { status?: number; data?: unknown; config?: { url?: string | URL } };
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'no network connection, or the address cannot be found',
  EAI_AGAIN: 'no network connection, or the address cannot be found',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut off',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was cut off',
};

/** The first error code found along the cause chain (native fetch wraps ECONNREFUSED in "fetch failed"). */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth += 1) {
    const code = (current as ErrorShape).code;
    if (typeof code === 'string' && NETWORK_CODES[code]) return code;
    const errors = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = (inner as ErrorShape)?.code;
        if (typeof innerCode === 'string' && NETWORK_CODES[innerCode]) return innerCode;
      }
    }
    current = (current as ErrorShape).cause;
  }
  return null;
}

function requestUrl(error: ErrorShape): URL | null {
  const raw = error.config?.url ?? error.response?.config?.url;
  if (!raw) return null;
  try {
    return new URL(String(raw));
  } catch {
    return null;
  }
}

/** What a failed request was about, in words: "the spreadsheet 1AbC…". */
export function describeResource(url: URL | null): string {
  if (!url) return 'the file';
  const path = decodeURIComponent(url.pathname);
  const patterns: [RegExp, string][] = [
    [/\/v4\/spreadsheets\/([^/:]+)/, 'the spreadsheet'],
    [/\/drive\/v3\/files\/([^/:]+)/, 'the Drive file'],
    [/\/v1\/projects\/([^/:]+)/, 'the Apps Script project'],
    [/\/v1\/documents\/([^/:]+)/, 'the document'],
    [/\/v1\/forms\/([^/:]+)/, 'the form'],
  ];
  for (const [pattern, noun] of patterns) {
    const match = pattern.exec(path);
    if (match) return `${noun} ${match[1]}`;
  }
  return 'the file';
}

function apiMessage(error: ErrorShape): string {
  const data = error.response?.data as { error?: { message?: string } | string; error_description?: string } | undefined;
  if (data && typeof data.error === 'object' && typeof data.error?.message === 'string') return data.error.message;
  if (data && typeof data.error_description === 'string') return data.error_description;
  if (data && typeof data.error === 'string') return data.error;
  return error.message ?? '';
}

/** One line, ending in a full stop: messages from elsewhere can carry newlines. */
function sentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** The sentence a person reads when a command fails; never a stack trace. */
export function explainError(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof UserFacingError) return sentence(error.message);
  const shape = (error ?? {}) as ErrorShape;
  const signInAgain = context.tokenCache
    ? `delete ${context.tokenCache} and run the command again to sign in`
    : 'run the command again with --credentials to sign in';

  const code = networkCode(error);
  if (code) {
    const url = requestUrl(shape);
    const where = url ? url.host : 'Google';
    return sentence(`Could not reach ${where} (${NETWORK_CODES[code]}); check your internet connection (and --api-root, if you set it) and try again`);
  }

  const message = apiMessage(shape);
  if (/invalid_grant|expired or revoked/i.test(message) || /invalid_grant/.test(String(shape.message))) {
    return sentence(`Your saved Google sign-in has expired or was revoked; ${signInAgain}`);
  }
  if (/Could not load the default credentials|Could not refresh access token|No refresh token is set/i.test(String(shape.message))) {
    return sentence('No usable Google sign-in was found; run with --credentials credentials.json (an OAuth desktop client) or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key');
  }

  const status = shape.response?.status ?? (typeof shape.status === 'number' ? shape.status : undefined);
  if (status === undefined) return sentence(`Unexpected error: ${shape.message ?? String(error)}`);
  const url = requestUrl(shape);
  const what = describeResource(url);

  // Only the local Workspace says this; passing it on names what is missing from the model.
  if (/not implemented by the local Workspace/.test(message)) return sentence(message);
  if (status === 401) return sentence(`Google did not accept the sign-in; ${signInAgain}`);
  if (status === 403) {
    if (/has not enabled the Apps Script API/i.test(message)) {
      return sentence('Turn on the Apps Script API for your Google account at https://script.google.com/home/usersettings, wait a minute, and run the command again');
    }
    const disabled = /(https:\/\/console\.(?:developers|cloud)\.google\.com\/\S+?)(?:\s|$)/.exec(message);
    if (/has not been used in project|is disabled/i.test(message)) {
      return sentence(`Enable this Google API for your Cloud project${disabled ? ` at ${disabled[1]}` : ' in the Google Cloud console'}, wait a minute, and run the command again`);
    }
    if (/insufficient authentication scopes|insufficientPermissions/i.test(message)) {
      return sentence(`The saved sign-in does not allow what this command needs; ${signInAgain}`);
    }
    if (/storage quota/i.test(message)) {
      return sentence('The Google account is out of Drive storage (service accounts have none); sign in as a person with --credentials, or free up space');
    }
    return sentence(`Your Google account cannot open ${what}; ask its owner to share it with you, then run the command again`);
  }
  if (status === 404) {
    return sentence(`Google found no ${what.replace(/^the /, '')}, or it is not shared with your account; check the ID (the long part of its link) and ask its owner to share it with you`);
  }
  if (status === 429) return sentence('Google is limiting how fast this account can make requests; wait a minute and run the command again');
  if (status >= 500) return sentence(`Google had a temporary problem (HTTP ${status}${message ? `: ${message}` : ''}); try again in a few minutes`);
  return sentence(`Google refused a request (HTTP ${status}): ${message || 'no reason given'}`);
}
