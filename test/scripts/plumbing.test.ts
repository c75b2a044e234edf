// The scripts' shared plumbing: options and help, progress on stderr, errors in one sentence, signing in (desktop flow, saved token) and batched tracker reads.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTION_OPTIONS, SCOPES, signIn, signInOptions } from '../../scripts/lib/auth';
import { type CommandSpec, helpText, parseArgs, runCommand } from '../../scripts/lib/cli';
import { UsageError, explainError } from '../../scripts/lib/errors';
import { googleApis } from '../../scripts/lib/google';
import { createProgress } from '../../scripts/lib/progress';
import { readTrackerTabs } from '../../scripts/lib/tracker-read';
import { localToken } from '../../workspace/rest';
import { COORDINATOR, OUTSIDER, allowInBrowser, captureIO, startHarness, type RestHarness } from '../support/rest-harness';

const ROLLUP: CommandSpec = {
  name: 'rollup',
  summary: 'Rolls up trackers.',
  options: [
    { name: 'tracker', kind: 'list', placeholder: 'link', required: true, description: 'A tracker to include.' },
    { name: 'out', kind: 'string', placeholder: 'file', description: 'Where to write.' },
    ...CONNECTION_OPTIONS,
  ],
};

describe('options', () => {
  it('reads values, repeated and comma-separated lists, and flags', () => {
    const { options } = parseArgs(ROLLUP, ['--tracker', 'a,b', '--tracker=c', '--out', 'x.csv', '--adc']);
    expect(options).toEqual({ tracker: ['a', 'b', 'c'], out: 'x.csv', adc: true });
  });

  it('says in one sentence what was mistyped', () => {
    expect(() => parseArgs(ROLLUP, ['--tracker', 'a', '--oops'])).toThrow(new UsageError('Unknown option --oops; run npm run rollup -- --help to see the options'));
    expect(() => parseArgs(ROLLUP, ['--out', 'x'])).toThrow('--tracker is required; run npm run rollup -- --help to see the options');
    expect(() => parseArgs(ROLLUP, ['--tracker'])).toThrow('--tracker needs a value');
    expect(() => parseArgs(ROLLUP, ['--tracker', '--out', 'x.csv'])).toThrow('--tracker needs a value');
  });

  it('takes a Drive file ID that begins with dashes as the value it follows', () => {
    const { options } = parseArgs(ROLLUP, ['--tracker', '--9xQ_k2', '--out', 'x.csv']);
    expect(options).toEqual({ tracker: ['--9xQ_k2'], out: 'x.csv' });
  });

  it('prints help with every option even when a required one is missing', async () => {
    const io = captureIO();
    expect(await runCommand(ROLLUP, ['--help'], io, async () => { throw new Error('must not run'); })).toBe(0);
    expect(io.stdout.join('\n')).toBe(helpText(ROLLUP));
    for (const name of ['tracker', 'out', 'credentials', 'token-cache', 'adc', 'api-root', 'help']) expect(io.stdout[0]).toContain(`--${name}`);
  });
});

describe('progress', () => {
  it('writes plain lines when stderr is not a terminal', () => {
    const io = captureIO();
    const progress = createProgress(io, 'Rolling up', 2);
    progress.step('Harbour Lights');
    progress.step('Eastside Peers');
    progress.done();
    expect(io.stderr).toEqual(['Rolling up (1/2): Harbour Lights', 'Rolling up (2/2): Eastside Peers']);
  });

  it('redraws one bar in place on a terminal and clears it at the end', () => {
    const io = captureIO({}, { tty: true });
    const progress = createProgress(io, 'Rolling up', 4);
    progress.step('Harbour Lights');
    progress.step('Eastside');
    progress.done();
    expect(io.stderr[0]).toBe('\rRolling up [--------------------] 1/4 Harbour Lights');
    expect(io.stderr[1]).toBe(`\r${'Rolling up [#####---------------] 2/4 Eastside'.padEnd(io.stderr[0].length - 1)}`);
    expect(io.stderr[2]).toMatch(/^\r +\r$/);
  });
});

describe('errors', () => {
  const http = (status: number, message: string, url = 'https://sheets.googleapis.com/v4/spreadsheets/1AbC/values/A1') => ({
    message, config: { url }, response: { status, data: { error: { code: status, message } } },
  });

  it('names the network problem found anywhere in the cause chain', () => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND sheets.googleapis.com'), { code: 'ENOTFOUND' }) });
    expect(explainError(Object.assign(new Error('request failed'), { cause: error, config: { url: 'https://sheets.googleapis.com/v4/spreadsheets/x' } })))
      .toBe('Could not reach sheets.googleapis.com (no network connection, or the address cannot be found); check your internet connection (and --api-root, if you set it) and try again.');
  });

  it('turns Google\'s answers into what to do', () => {
    expect(explainError(http(429, 'Quota exceeded'))).toBe('Google is limiting how fast this account can make requests; wait a minute and run the command again.');
    expect(explainError(http(503, 'The service is currently unavailable.'))).toBe('Google had a temporary problem (HTTP 503: The service is currently unavailable.); try again in a few minutes.');
    expect(explainError(http(401, 'Invalid Credentials'), { tokenCache: '/home/x/token.json' })).toBe('Google did not accept the sign-in; delete /home/x/token.json and run the command again to sign in.');
    expect(explainError(http(403, 'Google Sheets API has not been used in project 123 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123 then retry.')))
      .toBe('Enable this Google API for your Cloud project at https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123, wait a minute, and run the command again.');
  });
});

describe('signing in and reading trackers', () => {
  let h: RestHarness;
  let home: string;
  let credentials: string;
  beforeEach(async () => {
    h = await startHarness();
    home = mkdtempSync(join(tmpdir(), 'rose-home-'));
    credentials = join(home, 'credentials.json');
    writeFileSync(credentials, JSON.stringify({ installed: { client_id: 'rose-desktop.apps.googleusercontent.com', client_secret: 'local-secret', redirect_uris: ['http://localhost'] } }));
  });
  afterEach(async () => { await h.close(); });

  const sessionFor = async (scopes: string[], extra: string[] = [], openBrowser = allowInBrowser) => {
    const io = captureIO({ ROSE_API_ROOT: h.server.rootUrl }, { homeDir: home, openBrowser });
    const session = await signIn(signInOptions(parseArgs(ROLLUP, ['--tracker', 'x', ...extra]).options, io, scopes), io);
    return { session, io };
  };

  it('signs in through the browser once, saves the sign-in privately, and reuses it', async () => {
    const { session, io } = await sessionFor([SCOPES.spreadsheets], ['--credentials', credentials]);
    expect(io.opened).toHaveLength(1);
    expect(io.stderr[1]).toBe(io.opened[0]);
    const cache = join(home, '.config', 'rose-tracker', 'token.json');
    expect(session).toMatchObject({ kind: 'oauth', tokenCache: cache });
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cache, 'utf8'))).toMatchObject({ client_id: 'rose-desktop.apps.googleusercontent.com', scope: SCOPES.spreadsheets, refresh_token: expect.stringMatching(/^1\/\//) });

    const created = await googleApis(session).sheets.spreadsheets.create({ requestBody: { properties: { title: 'Signed in' } } });
    expect(h.ws.host.files.get(created.data.spreadsheetId!)?.owner).toBe(COORDINATOR);

    // The next run needs no browser and no credentials file: an expired token is refreshed and saved.
    writeFileSync(cache, JSON.stringify({ ...JSON.parse(readFileSync(cache, 'utf8')), expiry_date: Date.now() - 1000 }));
    const again = await sessionFor([SCOPES.spreadsheets], [], () => { throw new Error('no browser expected'); });
    await googleApis(again.session).sheets.spreadsheets.get({ spreadsheetId: created.data.spreadsheetId! });
    expect(h.server.requests.filter((r) => r.name === 'oauth2.token')).toHaveLength(2);
    expect(JSON.parse(readFileSync(cache, 'utf8')).expiry_date).toBeGreaterThan(Date.now());
  });

  it('says to sign in again when the saved sign-in lacks a scope or was revoked', async () => {
    const { session } = await sessionFor([SCOPES.spreadsheets], ['--credentials', credentials]);
    const tokenCache = session.tokenCache!;
    const scriptError = await googleApis(session).script.projects.create({ requestBody: { title: 'x' } }).catch((e: unknown) => e);
    expect(explainError(scriptError, { tokenCache })).toBe(`The saved sign-in does not allow what this command needs; delete ${tokenCache} and run the command again to sign in.`);

    writeFileSync(tokenCache, JSON.stringify({ ...JSON.parse(readFileSync(tokenCache, 'utf8')), refresh_token: '1//revoked', expiry_date: 1 }));
    const { session: stale } = await sessionFor([SCOPES.spreadsheets]);
    const refreshError = await googleApis(stale).sheets.spreadsheets.get({ spreadsheetId: 'x' }).catch((e: unknown) => e);
    expect(explainError(refreshError, { tokenCache })).toBe(`Your saved Google sign-in has expired or was revoked; delete ${tokenCache} and run the command again to sign in.`);
  });

  it('asks for the browser again when a command needs a scope the saved sign-in lacks', async () => {
    await sessionFor([SCOPES.spreadsheets], ['--credentials', credentials]);
    const { io } = await sessionFor([SCOPES.spreadsheets, SCOPES.driveFile]);
    expect(io.opened).toHaveLength(1);
    expect(existsSync(join(home, '.config', 'rose-tracker', 'token.json'))).toBe(true);
  });

  /** A tracker with `rows` staff rows and a short training log, typed in through SpreadsheetApp. */
  function tracker(name: string, rows: number): string {
    const id = h.ws.createSpreadsheet(name);
    h.ws.execute(() => {
      const ss = (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(id);
      const staff = ss.getSheets()[0].setName('Staff');
      staff.getRange(1, 1, rows + 1, 3).setValues([['Staff ID', 'Name', 'Hours per week'], ...Array.from({ length: rows }, (_, i) => [`STAFF-${String(i + 1).padStart(4, '0')}`, `Peer ${i + 1}`, 10 + (i % 5)])]);
      ss.insertSheet('Training Log').getRange('A1:B2').setValues([['Date', 'Topic'], ['2026-02-03', 'Naloxone']]);
    });
    return id;
  }

  it('reads a tracker in two requests however many rows it has', async () => {
    const small = tracker('Small', 5);
    const large = tracker('Large', 900);
    const { sheets } = h.apis();
    for (const id of [small, `https://docs.google.com/spreadsheets/d/${large}/edit#gid=0`]) {
      const mark = h.server.requests.length;
      const read = await readTrackerTabs(sheets, id, ['Staff', 'Training Log', 'Survey Responses']);
      expect(h.server.requests.length - mark).toBe(2);
      expect(read.missing).toEqual(['Survey Responses']);
      expect(read.tabs.get('Training Log')).toEqual([['Date', 'Topic'], ['2026-02-03', 'Naloxone']]);
      expect(read.tabs.get('Staff')![1]).toEqual(['STAFF-0001', 'Peer 1', 10]);
    }
    expect((await readTrackerTabs(sheets, large, ['Staff'])).tabs.get('Staff')).toHaveLength(901);
  });

  it('ends in one sentence for a tracker that does not exist or is not shared', async () => {
    const theirs = tracker('Eastside', 2);
    h.ws.share(theirs, OUTSIDER);
    const run = async (id: string) => {
      const io = captureIO({ ROSE_API_ROOT: h.server.rootUrl, ROSE_ACCESS_TOKEN: localToken('peer.lead@example.org') });
      const code = await runCommand(ROLLUP, ['--tracker', id], io, async (options) => {
        const session = await signIn(signInOptions(options, io, [SCOPES.spreadsheetsReadonly]), io);
        await readTrackerTabs(googleApis(session).sheets, id, ['Staff']);
      });
      return { code, stderr: io.stderr };
    };
    expect(await run('1NoSuchTrackerAnywhere00000000000000000000')).toEqual({
      code: 1,
      stderr: ['Google found no spreadsheet 1NoSuchTrackerAnywhere00000000000000000000, or it is not shared with your account; check the ID (the long part of its link) and ask its owner to share it with you.'],
    });
    expect(await run(theirs)).toEqual({
      code: 1,
      stderr: [`Your Google account cannot open the spreadsheet ${theirs}; ask its owner to share it with you, then run the command again.`],
    });
    expect(await run('not a link')).toEqual({ code: 2, stderr: ['"not a link" is not a tracker link or ID; copy the spreadsheet\'s link from the browser\'s address bar.'] });
  });
});
