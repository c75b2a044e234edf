// Each part of the code sees only its own world: the add-on Apps Script, the pages the browser and main.ts's types, scripts/lib Node and REST.
// Canaries are compiled and linted in memory (an overlaid CompilerHost, ESLint's lintText), never written to the tree.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { compileUnits } from '../../scripts/typecheck';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Canary { text: string; line: (source: string) => number }

/** A file's text with lines added at its end, and where each added line landed (1-based). */
function appended(original: string, lines: string[]): Canary {
  const start = original.endsWith('\n') ? original : `${original}\n`;
  const before = start.split('\n').length - 1;
  return {
    text: `${start}${lines.join('\n')}\n`,
    line: (source) => {
      const index = lines.indexOf(source);
      if (index < 0) throw new Error(`No canary line ${source}`);
      return before + 1 + index;
    },
  };
}

interface Located { line: number; text: string }

/**
 * The type errors in some files when one compile unit is checked as `npm run typecheck` checks it (its own
 * tsconfig, all its files) with other text in memory for the overlaid files (which may be new).
 */
function typeErrors(unit: string, overlay: Record<string, string>): Record<string, Located[]> {
  const fail = (diagnostic: ts.Diagnostic): never => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); };
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, unit, 'tsconfig.json'), undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
  if (!config) throw new Error(`${unit}/tsconfig.json did not parse`);
  config.errors.forEach(fail);
  const texts = new Map(Object.entries(overlay).map(([path, text]) => [join(ROOT, path), text]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => texts.has(resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => texts.get(resolve(file)) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = texts.get(resolve(file));
    return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...new Set([...config.fileNames, ...texts.keys()])], options: config.options, host });
  [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].forEach(fail);
  const errors: Record<string, Located[]> = {};
  for (const path of Object.keys(overlay)) {
    const file = program.getSourceFile(join(ROOT, path));
    if (!file) throw new Error(`${path} is not part of ${unit}`);
    errors[path] = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) => ({
      line: file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1,
      text: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
  }
  return errors;
}

interface LintMessage { line: number; ruleId: string | null; message: string }

/** What the boundary rules of eslint.config.mjs say about these texts at these paths (in a process of its own: the config is an ES module). */
function lint(files: { filePath: string; text: string }[]): LintMessage[][] {
  const rules = ['no-restricted-globals', '@typescript-eslint/no-restricted-imports'];
  const run = spawnSync(process.execPath, [join(ROOT, 'test', 'support', 'lint-text.mjs')], {
    cwd: ROOT, input: JSON.stringify({ rules, files }), encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintMessage[][];
}

const where = (messages: LintMessage[]): [number, string | null][] => messages.map((m) => [m.line, m.ruleId]);

describe('npm run typecheck', () => {
  it('checks the add-on, its pages, scripts/lib, the Node code and the tests each as a unit of its own', () => {
    expect(compileUnits()).toEqual(expect.arrayContaining(['addon', 'addon/ui', 'scripts/lib', '.', 'test']));
  });
});

describe('the add-on compiles against Apps Script only', () => {
  it('does not know Node or the browser, and does know Apps Script', () => {
    const main = appended(read('addon/main.ts'), [
      'export function canary(): unknown[] {',
      '  return [',
      '    process.env.X,',
      '    document.title,',
      '    SpreadsheetApp.getActiveSpreadsheet(),',
      '  ];',
      '}',
    ]);
    const errors = typeErrors('addon', { 'addon/main.ts': main.text })['addon/main.ts'];
    expect(errors).toEqual([
      { line: main.line('    process.env.X,'), text: expect.stringContaining("Cannot find name 'process'") },
      { line: main.line('    document.title,'), text: expect.stringContaining("Cannot find name 'document'") },
    ]);
  });
});

describe('records are typed by the schema', () => {
  it('reads a column by its declared key, and a header, a misspelling or another tab\'s column does not compile', () => {
    const canary = appended("// A feature that reads records.\nimport type { TrackerRecord } from '../tracker/table';\n", [
      'export function canary(person: TrackerRecord<\'Staff\'>, site: TrackerRecord<\'Sites\'>): unknown[] {',
      '  return [',
      '    person.values.fullName,',
      '    site.values.livingWagePerHour,',
      '    person.values[\'Full name\'],',
      '    person.values.fullNme,',
      '    site.values.hourlyWage,',
      '  ];',
      '}',
    ]);
    const errors = typeErrors('addon', { 'addon/dashboard/canary.ts': canary.text })['addon/dashboard/canary.ts'];
    expect(errors.map((e) => e.line)).toEqual([
      canary.line('    person.values[\'Full name\'],'),
      canary.line('    person.values.fullNme,'),
      canary.line('    site.values.hourlyWage,'),
    ]);
    expect(errors[1].text).toContain("Did you mean 'fullName'");
  });
});

describe('the pages compile against the browser and main.ts\'s types', () => {
  it('type their server calls from main.ts\'s exports, so a signature there breaks a page that disagrees', () => {
    const main = appended(read('addon/main.ts'), ['export function canaryCall(count: number): string { return String(count); }']);
    const page = appended('// A page that calls the server.\nimport { call } from \'./server\';\n', [
      'export async function canary(): Promise<unknown[]> {',
      '  const made: string = await call(\'canaryCall\', 7);',
      '  const wrong: number = await call(\'canaryCall\', 7);',
      '  return [made, wrong, await call(\'canaryCall\', \'seven\'), document.title];',
      '}',
    ]);
    const errors = typeErrors('addon/ui', { 'addon/main.ts': main.text, 'addon/ui/canary.client.ts': page.text });
    expect(errors['addon/main.ts']).toEqual([]);
    expect(errors['addon/ui/canary.client.ts']).toEqual([
      { line: page.line('  const wrong: number = await call(\'canaryCall\', 7);'), text: expect.stringContaining("Type 'string' is not assignable to type 'number'") },
      { line: page.line('  return [made, wrong, await call(\'canaryCall\', \'seven\'), document.title];'), text: expect.stringContaining("Argument of type 'string' is not assignable to parameter of type 'number'") },
    ]);
  });
});

describe('scripts/lib compiles against Node only', () => {
  it('does not know Apps Script\'s services, so neither it nor an add-on module it imports can use them', () => {
    const cli = appended(read('scripts/lib/cli.ts'), [
      'export function canary(): unknown[] {',
      '  return [',
      '    process.env.X,',
      '    SpreadsheetApp.getActiveSpreadsheet(),',
      '  ];',
      '}',
    ]);
    const errors = typeErrors('scripts/lib', { 'scripts/lib/cli.ts': cli.text })['scripts/lib/cli.ts'];
    expect(errors).toEqual([{ line: cli.line('    SpreadsheetApp.getActiveSpreadsheet(),'), text: "Cannot find name 'SpreadsheetApp'." }]);
  });
});

describe('the lint rules on imports and globals', () => {
  const addon = appended(read('addon/main.ts'), [
    "import { readFileSync, readdirSync } from 'node:fs';",
    "import { join } from 'path';",
    "import { runCommand } from '../scripts/lib/cli';",
    "import { createWorkspace } from '../workspace';",
    "import { call } from './ui/server';",
    'export const canaries = [readFileSync, join, runCommand, createWorkspace, call];',
    'export const node = process.env.X;',
    'export const browser = document.title;',
    'export function later(): void { setTimeout(() => undefined, 10); }',
  ]);
  const page = appended('// A page.\n', [
    "import type { Server } from './server';",
    "import type { JobRequest } from '../documents/types';",
    "import { onOpen } from '../main';",
    "import type { CommandIO } from '../../scripts/lib/cli';",
    'export type Types = [Server, JobRequest, CommandIO];',
    'export const title = document.title;',
    'export const opened = [onOpen, SpreadsheetApp.getActiveSpreadsheet()];',
  ]);
  const lib = appended(read('scripts/lib/cli.ts'), [
    "import { tabSpec } from '../../addon/tracker/schema';",
    "import { onOpen } from '../../addon/main';",
    "import { createWorkspace } from '../../workspace';",
    'export const canaries = [tabSpec, onOpen, createWorkspace, process.env.X];',
    'export const sheet = SpreadsheetApp.getActiveSpreadsheet();',
  ]);
  const workspace = appended(read('workspace/index.ts'), [
    "import { tabSpec } from '../addon/tracker/schema';",
    "import { runCommand } from '../scripts/lib/cli';",
    'export const canaries = [tabSpec, runCommand];',
  ]);
  let results: LintMessage[][];
  beforeAll(() => {
    results = lint([
      { filePath: 'addon/main.ts', text: read('addon/main.ts') },
      { filePath: 'addon/main.ts', text: addon.text },
      { filePath: 'addon/ui/canary.client.ts', text: page.text },
      { filePath: 'scripts/lib/cli.ts', text: lib.text },
      { filePath: 'workspace/index.ts', text: workspace.text },
    ]);
  });

  it('find nothing in the add-on as it is', () => {
    expect(results[0]).toEqual([]);
  });

  it('keep Node, the Node folders, the pages and browser globals out of the add-on', () => {
    expect(where(results[1])).toEqual([
      [addon.line("import { readFileSync, readdirSync } from 'node:fs';"), '@typescript-eslint/no-restricted-imports'],
      [addon.line("import { join } from 'path';"), '@typescript-eslint/no-restricted-imports'],
      [addon.line("import { runCommand } from '../scripts/lib/cli';"), '@typescript-eslint/no-restricted-imports'],
      [addon.line("import { createWorkspace } from '../workspace';"), '@typescript-eslint/no-restricted-imports'],
      [addon.line("import { call } from './ui/server';"), '@typescript-eslint/no-restricted-imports'],
      [addon.line('export const node = process.env.X;'), 'no-restricted-globals'],
      [addon.line('export const browser = document.title;'), 'no-restricted-globals'],
      [addon.line('export function later(): void { setTimeout(() => undefined, 10); }'), 'no-restricted-globals'],
    ]);
  });

  it('let a page import the add-on\'s types but not its code, nor anything outside the add-on, nor Apps Script globals', () => {
    expect(where(results[2])).toEqual([
      [page.line("import { onOpen } from '../main';"), '@typescript-eslint/no-restricted-imports'],
      [page.line("import type { CommandIO } from '../../scripts/lib/cli';"), '@typescript-eslint/no-restricted-imports'],
      [page.line('export const opened = [onOpen, SpreadsheetApp.getActiveSpreadsheet()];'), 'no-restricted-globals'],
    ]);
  });

  it('let scripts/lib use the add-on\'s pure modules but not its entry point, the local Workspace or Apps Script globals', () => {
    expect(where(results[3])).toEqual([
      [lib.line("import { onOpen } from '../../addon/main';"), '@typescript-eslint/no-restricted-imports'],
      [lib.line("import { createWorkspace } from '../../workspace';"), '@typescript-eslint/no-restricted-imports'],
      [lib.line('export const sheet = SpreadsheetApp.getActiveSpreadsheet();'), 'no-restricted-globals'],
    ]);
  });

  it('keep the local Workspace free of the add-on and the scripts', () => {
    expect(where(results[4])).toEqual([
      [workspace.line("import { tabSpec } from '../addon/tracker/schema';"), '@typescript-eslint/no-restricted-imports'],
      [workspace.line("import { runCommand } from '../scripts/lib/cli';"), '@typescript-eslint/no-restricted-imports'],
    ]);
  });
});

describe('a page\'s bundle', () => {
  it('carries none of the server\'s code (the pages import its types only)', () => {
    const pages = readdirSync(join(ROOT, 'dist')).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = readFileSync(join(ROOT, 'dist', page), 'utf8');
      expect(html).toContain('google.script.run');
      expect(html).not.toMatch(/\b(SpreadsheetApp|PropertiesService|DriveApp|DocumentApp|LockService|HtmlService|ScriptApp)\b/);
    }
  });
});
