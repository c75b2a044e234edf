// Google's OAuth endpoints for an installed app, on loopback: consent (a redirect with a code), then code and refresh-token exchange with PKCE.
import { createHash, randomBytes } from 'node:crypto';
import { Reply, type Route } from './http';
import type { TokenTable } from './access';

interface Grant {
  user: string;
  scopes: string[];
  clientId: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string | null;
}

/** OAuth errors use their own body shape ({ error, error_description }), not the APIs' one. */
class OAuthError extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(description);
  }
}

function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

export interface OAuthState {
  /** Who signs in on the consent page (the person at the browser). */
  signedInUser(): string;
  /** The Cloud project an OAuth client belongs to: drive.file grants are per project. */
  projectOf(clientId: string): string;
}

export function oauthRoutes(tokens: TokenTable, state: OAuthState): Route[] {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, Grant>();

  const issue = (grant: Grant) => {
    const accessToken = `ya29.local-${randomBytes(16).toString('hex')}`;
    tokens.issue(accessToken, { user: grant.user, scopes: grant.scopes, project: state.projectOf(grant.clientId) });
    return { access_token: accessToken, expires_in: 3599, scope: grant.scopes.join(' '), token_type: 'Bearer' };
  };

  const fail = (error: unknown) => {
    if (error instanceof OAuthError) return new Reply(400, { error: error.error, error_description: error.description });
    throw error;
  };

  return [
    {
      // The consent page: the person signed in allows every scope asked for and is sent back with a code.
      method: 'GET', path: '/o/oauth2/v2/auth', name: 'oauth2.authorize', scopes: [],
      query: ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'access_type', 'prompt', 'login_hint', 'include_granted_scopes'],
      handle(request) {
        const q = request.query;
        const redirectUri = q.get('redirect_uri') ?? '';
        if (!isLoopback(redirectUri)) return new Reply(400, { error: 'invalid_request', error_description: `redirect_uri must be a loopback address for a desktop app: ${redirectUri}` });
        if (q.get('response_type') !== 'code') return new Reply(400, { error: 'unsupported_response_type', error_description: 'response_type must be code' });
        if (!q.get('client_id')) return new Reply(400, { error: 'invalid_request', error_description: 'Missing required parameter: client_id' });
        const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
        if (!scopes.length) return new Reply(400, { error: 'invalid_request', error_description: 'Missing required parameter: scope' });
        const challenge = q.get('code_challenge');
        if (challenge && q.get('code_challenge_method') !== 'S256') return new Reply(400, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
        const code = `4/local-${randomBytes(12).toString('hex')}`;
        codes.set(code, { user: q.get('login_hint') ?? state.signedInUser(), scopes, clientId: q.get('client_id')!, redirectUri, challenge });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('scope', scopes.join(' '));
        if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
        return new Reply(302, undefined, { location: back.toString() });
      },
    },
    {
      method: 'POST', path: '/token', name: 'oauth2.token', scopes: [], form: true,
      handle(request) {
        const form = request.body as URLSearchParams;
        try {
          const grantType = form.get('grant_type');
          if (grantType === 'authorization_code') {
            const pending = codes.get(form.get('code') ?? '');
            if (!pending) throw new OAuthError('invalid_grant', 'Malformed auth code.');
            codes.delete(form.get('code')!);
            if (pending.clientId !== form.get('client_id')) throw new OAuthError('invalid_client', 'The OAuth client was not found.');
            if (pending.redirectUri !== form.get('redirect_uri')) throw new OAuthError('redirect_uri_mismatch', 'Bad Request');
            if (pending.challenge) {
              const verifier = form.get('code_verifier') ?? '';
              const digest = createHash('sha256').update(verifier).digest('base64url');
              if (digest !== pending.challenge) throw new OAuthError('invalid_grant', 'Invalid code verifier.');
            }
            const refreshToken = `1//local-${randomBytes(16).toString('hex')}`;
            refreshTokens.set(refreshToken, pending);
            return { ...issue(pending), refresh_token: refreshToken };
          }
          if (grantType === 'refresh_token') {
            const grant = refreshTokens.get(form.get('refresh_token') ?? '');
            if (!grant) throw new OAuthError('invalid_grant', 'Token has been expired or revoked.');
            if (grant.clientId !== form.get('client_id')) throw new OAuthError('unauthorized_client', 'Unauthorized');
            return issue(grant);
          }
          throw new OAuthError('unsupported_grant_type', `Invalid grant_type: ${String(grantType)}`);
        } catch (error) {
          return fail(error);
        }
      },
    },
  ];
}
