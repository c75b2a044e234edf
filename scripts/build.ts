// Builds what clasp pushes: dist/Code.js (an ES2019 IIFE plus one top-level stub per export of addon/main.ts), the manifest and the sidebar pages.
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { embeddedData } from './templates';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const ENTRY = join(ROOT, 'addon', 'main.ts');
const UI = join(ROOT, 'addon', 'ui');
export const GLOBAL_NAME = 'RoseTracker';

/** The names addon/main.ts exports, read from esbuild's metafile rather than a hand-kept list. */
export async function entryExports(): Promise<string[]> {
  const result = await build({
    entryPoints: [ENTRY], bundle: true, format: 'esm', write: false, metafile: true, outdir: 'out-esm', logLevel: 'silent',
    define: { __ROSE_EMBEDDED__: 'null' },
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error('esbuild reported no entry output for addon/main.ts');
  return output.exports.filter((name) => name !== 'default').sort();
}

/** One `function name(...args) { return RoseTracker.name(...args) }` per export: Apps Script only sees top-level functions. */
export function stubs(names: string[]): string {
  return names.map((name) => `function ${name}(...args) { return ${GLOBAL_NAME}.${name}(...args); }`).join('\n');
}

/** A sidebar page: addon/ui/<page>.html with its <script src="x.ts"> bundled and <link href="x.css"> inlined. */
async function buildPage(file: string, plugins: Plugin[]): Promise<string> {
  let html = readFileSync(join(UI, file), 'utf8');
  for (const match of [...html.matchAll(/<script src="\.\/([\w.-]+\.ts)"><\/script>/g)]) {
    const result = await build({
      entryPoints: [join(UI, match[1])], bundle: true, format: 'iife', target: 'es2019', write: false, plugins,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    html = html.replace(match[0], () => `<script>\n${code}</script>`);
  }
  for (const match of [...html.matchAll(/<link rel="stylesheet" href="\.\/([\w.-]+\.css)">/g)]) {
    html = html.replace(match[0], () => `<style>\n${readFileSync(join(UI, match[1]), 'utf8')}</style>`);
  }
  return html;
}

/** Writes through a temporary file and a rename, so a test run reading dist/ never sees half a file. */
function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export async function buildAddon(): Promise<{ names: string[]; bytes: number; pages: string[] }> {
  const names = await entryExports();
  const embedded = embeddedData();
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    entryPoints: [ENTRY], bundle: true, format: 'iife', globalName: GLOBAL_NAME, target: 'es2019', write: false,
    legalComments: 'none', charset: 'utf8', logLevel: 'silent',
    define: { __ROSE_EMBEDDED__: JSON.stringify(embedded) },
  });
  const code = `${result.outputFiles[0].text}\n${stubs(names)}\n`;
  writeAtomically(join(DIST, 'Code.js'), code);
  writeAtomically(join(DIST, 'appsscript.json'), readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
  const pages: string[] = [];
  if (existsSync(UI)) {
    for (const file of readdirSync(UI).filter((f) => f.endsWith('.html'))) {
      writeAtomically(join(DIST, file), await buildPage(file, []));
      pages.push(basename(file, '.html'));
    }
  }
  // dist/ is exactly what clasp pushes: drop files no longer built.
  const expected = new Set(['Code.js', 'appsscript.json', ...pages.map((p) => `${p}.html`)]);
  for (const file of readdirSync(DIST)) if (!expected.has(file) && !file.endsWith('.tmp')) rmSync(join(DIST, file), { force: true });
  return { names, bytes: Buffer.byteLength(code), pages };
}

if (require.main === module) {
  buildAddon().then(
    ({ names, bytes, pages }) => {
      console.log(`dist/Code.js: ${(bytes / 1024).toFixed(1)} KiB, ${names.length} functions (${names.join(', ')})`);
      if (pages.length) console.log(`dist pages: ${pages.map((p) => `${p}.html`).join(', ')}`);
    },
    (error: Error) => {
      console.error(`Build failed: ${error.message}`);
      process.exit(1);
    },
  );
}
