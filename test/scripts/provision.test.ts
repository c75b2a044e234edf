// `provision` end to end: the real googleapis client against the local Workspace's REST face, then the built add-on running in what it made.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../scripts/provision';
import { AddOn } from '../../workspace/bundle';
import { localToken } from '../../workspace/rest';
import { COORDINATOR, PEER_LEAD, captureIO, startHarness, type RestHarness } from '../support/rest-harness';

const ROOT = join(__dirname, '..', '..');
const FOLDER = 'application/vnd.google-apps.folder';
const SHEET = 'application/vnd.google-apps.spreadsheet';

/** A private copy of dist/ (jest's global setup just built it): other suites rebuilding dist/ cannot race with this one. */
let dist: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'rose-dist-'));
  cpSync(join(ROOT, 'dist'), dist, { recursive: true });
});

let h: RestHarness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

function env(user = COORDINATOR): Record<string, string> {
  return { ROSE_API_ROOT: h.server.rootUrl, ROSE_ACCESS_TOKEN: localToken(user) };
}

async function provision(args: string[], environment = env()) {
  const io = captureIO(environment);
  const code = await main([...args, '--dist', dist], io);
  return { code, io };
}

function filesNamed(name: string) {
  return [...h.ws.host.files.values()].filter((f) => f.name === name);
}

describe('provision', () => {
  it('creates the spreadsheet, the documents folder and the bound project filled from dist/', async () => {
    const { code, io } = await provision(['--org', 'Harbour Lights Society', '--share', PEER_LEAD]);
    expect(io.stderr.filter((l) => !l.startsWith('Provisioning'))).toEqual([]);
    expect(code).toBe(0);

    const [sheet] = filesNamed('Harbour Lights Society — ROSE Tracker');
    expect(sheet).toMatchObject({ mimeType: SHEET, owner: COORDINATOR });
    expect([...sheet.editors]).toEqual([PEER_LEAD]);
    const [folder] = filesNamed('Harbour Lights Society — ROSE Tracker documents');
    expect(folder).toMatchObject({ mimeType: FOLDER, owner: COORDINATOR });
    expect([...folder.editors]).toEqual([PEER_LEAD]);

    const projects = [...h.ws.scriptProjects.values()];
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ title: 'ROSE Tracker', parentId: sheet.id, creator: COORDINATOR });
    const source = (name: string) => projects[0].files.find((f) => f.name === name)?.source;
    expect(source('Code')).toBe(readFileSync(join(dist, 'Code.js'), 'utf8'));
    expect(source('appsscript')).toBe(readFileSync(join(dist, 'appsscript.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(dist, 'appsscript.json'), 'utf8')) as { timeZone: string };
    expect(h.ws.spreadsheet(sheet.id).timeZone).toBe(manifest.timeZone);

    expect(io.stdout[0]).toBe(`Created the ROSE Tracker for Harbour Lights Society in ${COORDINATOR}'s Google Drive.`);
    expect(io.stdout).toContain(`  Spreadsheet:      https://docs.google.com/spreadsheets/d/${sheet.id}/edit`);
    expect(io.stdout[io.stdout.length - 1]).toMatch(/^Next: open the spreadsheet and choose Extensions → ROSE Tracker → Set up tracker/);
  });

  it('makes a tracker the built add-on runs in: its menu appears from the uploaded code', async () => {
    await provision(['--org', 'Harbour Lights Society']);
    const [project] = [...h.ws.scriptProjects.values()];
    const uploaded = mkdtempSync(join(tmpdir(), 'rose-uploaded-'));
    for (const file of project.files) {
      writeFileSync(join(uploaded, file.type === 'SERVER_JS' ? `${file.name}.js` : file.type === 'JSON' ? `${file.name}.json` : `${file.name}.html`), file.source);
    }
    const addon = AddOn.load(h.ws, join(uploaded, 'Code.js'));
    h.ws.openInSheets(project.parentId!);
    addon.call('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    expect(h.ws.host.menus[0].title).toBe('ROSE Tracker');
    expect(h.ws.host.menus[0].items.map((i) => i.caption)).toContain('Set up tracker');
  });

  it('sends each dist/ page as an HTML file of the project', async () => {
    const fixture = mkdtempSync(join(tmpdir(), 'rose-pages-'));
    cpSync(dist, fixture, { recursive: true });
    writeFileSync(join(fixture, 'Sidebar.html'), '<!doctype html><p>Tracker</p>');
    const io = captureIO(env());
    expect(await main(['--org', 'Harbour Lights Society', '--dist', fixture], io)).toBe(0);
    const [project] = [...h.ws.scriptProjects.values()];
    expect(project.files.map((f) => [f.name, f.type])).toEqual([
      ['appsscript', 'JSON'], ['Code', 'SERVER_JS'],
      ...readdirSync(fixture).filter((f) => f.endsWith('.html')).sort().map((f) => [f.slice(0, -5), 'HTML']),
    ]);
  });

  it('says what a dry run would create and creates nothing', async () => {
    // Drive's "My Drive" folders exist for every user; what counts is anything the app made.
    const made = () => [...h.ws.host.files.values()].filter((f) => f.createdByApp).length;
    const before = made();
    const { code, io } = await provision(['--org', 'Harbour Lights Society', '--share', PEER_LEAD, '--dry-run']);
    expect(code).toBe(0);
    expect(made()).toBe(before);
    expect(h.ws.scriptProjects.size).toBe(0);
    expect(h.server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(io.stdout[0]).toBe(`Dry run: nothing is created. For Harbour Lights Society in ${COORDINATOR}'s Google Drive, provision would:`);
    expect(io.stdout).toContain('  - create a spreadsheet "Harbour Lights Society — ROSE Tracker"');
    expect(io.stdout).toContain(`  - share the spreadsheet and the folder with ${PEER_LEAD} as an editor`);
  });

  it('finishes an interrupted run on the next one instead of making a second tracker', async () => {
    h.server.failOn('script.projects.updateContent', {
      code: 403, message: 'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry.',
    });
    const first = await provision(['--org', 'Harbour Lights Society']);
    expect(first.code).toBe(1);
    expect(first.io.stderr.filter((l) => !l.startsWith('Provisioning'))).toEqual([
      'Turn on the Apps Script API for your Google account at https://script.google.com/home/usersettings, wait a minute, and run the command again.',
    ]);

    const second = await provision(['--org', 'Harbour Lights Society']);
    expect(second.code).toBe(0);
    expect(filesNamed('Harbour Lights Society — ROSE Tracker')).toHaveLength(1);
    expect(filesNamed('Harbour Lights Society — ROSE Tracker documents')).toHaveLength(1);
    expect(h.ws.scriptProjects.size).toBe(1);
    expect(h.server.requests.filter((r) => r.name === 'script.projects.create')).toHaveLength(1);
    expect([...h.ws.scriptProjects.values()][0].files.map((f) => f.name)).toContain('Code');

    const third = await provision(['--org', 'Harbour Lights Society']);
    expect(third.io.stdout[0]).toMatch(/^The ROSE Tracker for Harbour Lights Society was already set up/);
    expect(h.server.requests.filter((r) => r.name === 'script.projects.updateContent')).toHaveLength(2);
  });
});

describe('provision failures end in one sentence and a non-zero exit', () => {
  /** Progress lines aside (stderr is not a terminal here), the command says one thing. */
  function oneSentence(all: string[]): string {
    const lines = all.filter((l) => !/^Provisioning \(\d+\/\d+\)/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\n|\s+at\s.+\(.+:\d+:\d+\)/);
    return lines[0];
  }

  it('without credentials', async () => {
    const { code, io } = await provision(['--org', 'Harbour Lights Society'], { ROSE_API_ROOT: h.server.rootUrl });
    expect(code).toBe(1);
    expect(oneSentence(io.stderr)).toMatch(/^No Google sign-in found; run with --credentials credentials\.json .*\.$/);
    expect(h.server.requests).toHaveLength(0);
  });

  it('when the server cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const { code, io } = await provision(['--org', 'Harbour Lights Society'], { ROSE_API_ROOT: `http://127.0.0.1:${port}/`, ROSE_ACCESS_TOKEN: localToken(COORDINATOR) });
    expect(code).toBe(1);
    expect(oneSentence(io.stderr)).toBe(`Could not reach 127.0.0.1:${port} (the connection was refused); check your internet connection (and --api-root, if you set it) and try again.`);
  });

  it('when dist/ has not been built', async () => {
    const io = captureIO(env());
    expect(await main(['--org', 'Harbour Lights Society', '--dist', mkdtempSync(join(tmpdir(), 'rose-empty-'))], io)).toBe(1);
    expect(oneSentence(io.stderr)).toMatch(/^The built add-on is missing \(no Code\.js in .*\); run npm run build first\.$/);
  });

  it('with a service account, which the Apps Script API does not accept', async () => {
    const key = join(mkdtempSync(join(tmpdir(), 'rose-key-')), 'key.json');
    writeFileSync(key, JSON.stringify({ type: 'service_account', client_email: 'robot@project.iam.gserviceaccount.com', private_key: 'not-a-real-key' }));
    const { code, io } = await provision(['--org', 'Harbour Lights Society', '--credentials', key], { ROSE_API_ROOT: h.server.rootUrl });
    expect(code).toBe(1);
    expect(oneSentence(io.stderr)).toMatch(/Apps Script API does not accept service accounts/);
    expect(h.server.requests).toHaveLength(0);
  });

  it('when the command is mistyped (exit 2)', async () => {
    const { code, io } = await provision(['--organisation', 'Harbour Lights Society']);
    expect(code).toBe(2);
    expect(oneSentence(io.stderr)).toBe('Unknown option --organisation; run npm run provision -- --help to see the options.');
  });
});

it('runs as a command: npx tsx scripts/provision.ts --help', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/provision.ts', '--help'], { cwd: ROOT, env: { ...process.env, ROSE_ACCESS_TOKEN: '' } });
  expect(stdout).toMatch(/^Usage: npm run provision -- --org <name> \[options\]/);
  expect(stdout).toContain('--dry-run');
  expect(stdout).toContain('--credentials <file>');
});
