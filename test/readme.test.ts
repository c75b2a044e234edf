// The README a coordinator or a deploying volunteer follows stays true: its commands exist, the deploy path works from a fresh clone, every menu item is explained, its links resolve, and the internals live in ARCHITECTURE.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MENU } from '../addon/menu';
import { SETUP_SCHEDULE } from '../addon/reminders/trigger';
import { PROJECT_TITLE } from '../scripts/lib/provision';
import { ROLES, filesRow, readsRow, type Role } from './support/access-matrix';

const ROOT = join(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const README = read('README.md');
const DOCS = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'];
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The text of a `## ` section, up to the next one. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
  const next = text.indexOf('\n## ', start + 4);
  return text.slice(start, next < 0 ? undefined : next);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}

function anchors(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
}

describe('the README', () => {
  it('gives the two commands, and its test command is the one CI runs', () => {
    expect(README).toContain('npm install && npm start');
    expect(README).toMatch(/^npm test {2,}#/m);
    expect(scripts.start).toBeDefined();
    expect(scripts.test).toContain('jest');
    expect(read('.ci/run').trim().split('\n').pop()).toBe('npm test');
  });

  it.each(DOCS)('%s names only npm scripts that exist', (file) => {
    const named = [...read(file).matchAll(/npm run ([\w-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  it('explains every item of the menu', () => {
    const captions = MENU.filter((entry) => entry !== null).map((entry) => entry.caption);
    // A menu item the README does not name: add a line for it to the README's menu list.
    expect(captions.filter((caption) => !README.includes(`**${caption}**`))).toEqual([]);
  });

  it('has a numbered deploy path that works from a fresh clone', () => {
    const deploy = section(README, 'Deploying to a real Sheet');
    const steps = [...deploy.matchAll(/^(\d+)\. \*\*/gm)].map((m) => Number(m[1]));
    expect(steps).toEqual(steps.map((_, i) => i + 1));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    // .clasp.json is committed, and clasp create-script stops while one exists ("Project file already exists").
    const clasp = JSON.parse(read('.clasp.json')) as { rootDir: string };
    const create = deploy.split('\n').find((line) => line.includes('clasp create-script'))!;
    expect(create).toMatch(/rm \.clasp\.json && npx clasp create-script/);
    expect(create).toContain(`--rootDir ${clasp.rootDir}`);
    expect(create).toContain(`--title "${PROJECT_TITLE}"`);
    // A project made through Extensions → Apps Script is "Untitled project", and the menu carries the project's name.
    expect(deploy).toMatch(new RegExp(`\\*Untitled project\\* and rename it \\*\\*${PROJECT_TITLE}\\*\\*`));
    expect(deploy).toContain('*Google hasn\'t verified this app*');
    expect(deploy).toContain('[Who sees what](#who-sees-what)');
    // The words the add-on shows beside each form's link.
    expect(read('addon/surveys/forms.ts')).toContain('Share this link: ');
    expect(deploy).toContain('*Share this link*');
  });

  it('says when reminders go out after setup as setup schedules them', () => {
    const day = SETUP_SCHEDULE.day.charAt(0) + SETUP_SCHEDULE.day.slice(1).toLowerCase();
    const when = `${SETUP_SCHEDULE.frequency}, ${day} at ${SETUP_SCHEDULE.hour}:00`;
    expect(section(README, 'Deploying to a real Sheet')).toContain(when);
    expect(section(README, 'First day')).toContain(when);
  });

  it('walks a coordinator\'s first day from Sites to Staff, forms, documents, the Dashboard and reminders, with pictures', () => {
    const guide = section(README, 'First day');
    const steps = [...guide.matchAll(/^\d+\. \*\*([^*]+)\*\*/gm)].map((m) => m[1]);
    expect(steps).toEqual(['Sites.', 'Staff.', 'Forms for staff\'s phones.', 'Documents.', 'Dashboard.', 'Reminders.']);
    const pictures = [...guide.matchAll(/!\[[^\]]{20,}\]\((docs\/images\/[^)]+\.png)\)/g)].map((m) => m[1]);
    expect(pictures.length).toBeGreaterThanOrEqual(6);
    for (const picture of pictures) expect({ picture, there: existsSync(join(ROOT, picture)) }).toEqual({ picture, there: true });
  });

  it('leaves how it works to ARCHITECTURE.md and how to work on it to CONTRIBUTING.md', () => {
    const architecture = read('ARCHITECTURE.md');
    for (const heading of ['Layout', 'One schema', 'Surveys', 'Evaluation', 'The local Workspace', 'Benchmarks']) {
      const headed = (text: string) => new RegExp(`^#{1,6} ${heading}$`, 'm').test(text);
      expect({ heading, inReadme: headed(README), inArchitecture: headed(architecture) })
        .toEqual({ heading, inReadme: false, inArchitecture: true });
    }
    expect(read('CONTRIBUTING.md')).toContain('## Add a Google behaviour to the local Workspace');
    expect(README).toContain('](ARCHITECTURE.md)');
    expect(README).toContain('](CONTRIBUTING.md)');
  });
});

/** The Markdown table that follows a line of text: header cells, then each row's cells. */
function tableAfter(text: string, lead: string): { header: string[]; rows: string[][] } {
  const start = text.indexOf(lead);
  expect({ lead, found: start >= 0 }).toEqual({ lead, found: true });
  const lines = text.slice(start).split('\n').slice(1).filter((l, i, all) => l.startsWith('|') && all.slice(0, i).every((p) => p === '' || p.startsWith('|')));
  const cells = (line: string) => line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  return { header: cells(lines[0]), rows: lines.slice(2).map(cells) };
}

/** The roles a README row is about: those whose name its first cell contains. */
function rolesOf(label: string): Role[] {
  return ROLES.filter((r) => label.toLowerCase().includes(r.name.toLowerCase()));
}

const yes = (cell: string): boolean => /^yes\b/i.test(cell);

/** The forms a "Raw form responses" cell names. */
function formsIn(cell: string): string[] {
  if (/all four forms/i.test(cell)) return ['training', 'support', 'evaluation', 'implementation'];
  return ['training', 'support', 'evaluation', 'implementation'].filter((form) => new RegExp(`\\b${form}\\b[^|]*\\bforms?\\b`, 'i').test(cell.split('(')[0]));
}

describe('the README\'s Who sees what', () => {
  const who = section(README, 'Who sees what');
  const tables = [
    { lead: 'Files each role can open', expected: filesRow, parse: (_column: string, cell: string): boolean | string[] => yes(cell) },
    { lead: 'What that lets each role read', expected: readsRow, parse: (column: string, cell: string): boolean | string[] => (column === 'Raw form responses' ? formsIn(cell) : yes(cell)) },
  ];

  it.each(tables.map((t) => [t.lead, t] as const))('"%s" says what the role test proves (test/support/access-matrix.ts)', (_lead, { lead, expected, parse }) => {
    const { header, rows } = tableAfter(who, lead);
    // Each role of the matrix is in exactly one row.
    const covered = rows.flatMap((r) => rolesOf(r[0]));
    expect(ROLES.filter((r) => covered.filter((c) => c === r).length !== 1).map((r) => r.email)).toEqual([]);
    for (const row of rows) {
      const roles = rolesOf(row[0]);
      expect({ row: row[0], roles: roles.length > 0 }).toEqual({ row: row[0], roles: true });
      for (const r of roles) {
        const want = expected(r.access);
        const said = Object.fromEntries(Object.keys(want).map((column) => {
          const at = header.indexOf(column);
          expect({ column, inTable: at >= 0 }).toEqual({ column, inTable: true });
          return [column, parse(column, row[at])];
        }));
        expect({ role: r.email, said }).toEqual({ role: r.email, said: want });
      }
    }
  });
});

describe('the documentation', () => {
  it.each(DOCS)('%s links only to files and headings that exist', (file) => {
    const broken: string[] = [];
    for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^https?:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const into = path || file;
      if (!existsSync(join(ROOT, into))) broken.push(target);
      else if (anchor && into.endsWith('.md') && !anchors(read(into)).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

describe('a fresh npm install', () => {
  it('allows every install script the lockfile holds, so npm prints no allowScripts warning', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const allowed = (JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts).toContain('esbuild');
    expect(withScripts.filter((name) => allowed[name] !== true)).toEqual([]);
  });
});
