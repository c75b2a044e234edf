// The build produces what Apps Script accepts: ES2019 code, one stub per export, and a manifest without restricted scopes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { entryExports, stubs } from '../scripts/build';

const DIST = join(__dirname, '..', 'dist');
const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));

/** Scopes that need Google's yearly security assessment (FACTS: scopes). */
const RESTRICTED = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive.metadata',
  'https://www.googleapis.com/auth/drive.scripts',
  'https://mail.google.com/',
];

describe('the bundle', () => {
  it('parses as ES2019, the syntax Apps Script pushes reliably', () => {
    expect(() => parse(code, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it('has one top-level stub for every export of addon/main.ts, found from the entry itself', async () => {
    const names = await entryExports();
    expect(names).toEqual(expect.arrayContaining(['onOpen', 'onInstall']));
    for (const name of names) {
      expect(code).toContain(`function ${name}(...args) { return RoseTracker.${name}(...args); }`);
    }
    const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(names);
  });

  it('writes a stub that delegates with every argument', () => {
    expect(stubs(['a'])).toBe('function a(...args) { return RoseTracker.a(...args); }');
  });
});

describe('what clasp pushes', () => {
  it('is dist/ and only the files the build writes there', () => {
    const root = join(__dirname, '..');
    const clasp = JSON.parse(readFileSync(join(root, '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist');
    const ignore = readFileSync(join(root, '.claspignore'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(ignore).toEqual(['**/**', '!Code.js', '!appsscript.json', '!*.html']);
    // (a .tmp file is a build writing through a rename at this moment; .claspignore leaves it out too)
    for (const file of readdirSync(DIST).filter((f) => !f.endsWith('.tmp'))) expect(file === 'Code.js' || file === 'appsscript.json' || file.endsWith('.html')).toBe(true);
  });
});

describe('the manifest', () => {
  it('runs on V8 with a time zone and explicit scopes', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(typeof manifest.timeZone).toBe('string');
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
  });

  it('asks for no restricted scope (no full Drive, no Gmail)', () => {
    for (const scope of manifest.oauthScopes as string[]) {
      expect(RESTRICTED).not.toContain(scope);
      expect(scope).not.toMatch(/gmail/);
    }
  });

  it('is copied unchanged from the repository root', () => {
    expect(manifest).toEqual(JSON.parse(readFileSync(join(__dirname, '..', 'appsscript.json'), 'utf8')));
  });
});
