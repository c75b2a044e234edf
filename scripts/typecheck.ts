// Type-checks every compile unit (each tsconfig.json: the add-on, its pages, the Node code, scripts/lib, the tests) on its own, with its own lib and types.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const NOT_SOURCE = new Set(['node_modules', 'dist', 'out', 'coverage']);
// Two at a time: a unit that reaches googleapis' types holds about 1.5 GB while it is checked.
const AT_ONCE = 2;

/** The folders (relative to the repository, '.' for its root) that hold a tsconfig.json: found, not listed. */
export function compileUnits(dir = ROOT): string[] {
  const units: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && entry.name === 'tsconfig.json') units.push(relative(ROOT, dir) || '.');
    else if (entry.isDirectory() && !NOT_SOURCE.has(entry.name) && !entry.name.startsWith('.')) units.push(...compileUnits(join(dir, entry.name)));
  }
  return units;
}

interface Outcome { unit: string; ok: boolean; output: string; seconds: number }

/** Runs tsc on one unit; its messages name files relative to the repository. */
function check(unit: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(unit, 'tsconfig.json')], { cwd: ROOT });
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    tsc.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    tsc.on('error', reject);
    tsc.on('close', (code) => resolve({ unit, ok: code === 0, output: output.trim(), seconds: (Date.now() - started) / 1000 }));
  });
}

/** Checks the units a few at a time; the outcomes come back in the units' order. */
export async function typecheck(units = compileUnits()): Promise<Outcome[]> {
  const queue = [...units];
  const outcomes = new Map<string, Outcome>();
  const worker = async (): Promise<void> => {
    for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) outcomes.set(unit, await check(unit));
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, units.length) }, worker));
  return units.map((unit) => outcomes.get(unit)!);
}

if (require.main === module) {
  typecheck().then(
    (outcomes) => {
      for (const { unit, ok, output, seconds } of outcomes) {
        console.log(`${ok ? 'ok    ' : 'FAILED'} ${unit === '.' ? 'tsconfig.json' : `${unit}/tsconfig.json`} (${seconds.toFixed(1)} s)`);
        if (output) console.log(output);
      }
      if (outcomes.some((outcome) => !outcome.ok)) process.exit(1);
    },
    (error: Error) => {
      console.error(`Typecheck could not run: ${error.message}`);
      process.exit(1);
    },
  );
}
