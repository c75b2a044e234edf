// Finds LibreOffice on PATH and converts files with it headless, so tests can check what a real program makes of our output.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { programOnPath } from '../../scripts/lib/programs';

export const LIBREOFFICE_HINT = 'install LibreOffice to run it: apt-get install libreoffice-calc-nogui';

/** The first soffice or libreoffice program on PATH, or null. */
export function findLibreOffice(): string | null {
  return programOnPath('soffice') ?? programOnPath('libreoffice');
}

/** A cold start of soffice (new profile, first document) takes tens of seconds on a slow machine. */
export const LIBREOFFICE_TIMEOUT_MS = 180_000;

/**
 * A test that needs LibreOffice: it runs when LibreOffice is installed, fails in CI when it is
 * not (CI must check real programs), and is otherwise skipped with a name that says how to enable it.
 */
export function testWithLibreOffice(name: string, run: (soffice: string) => Promise<void>, timeout = LIBREOFFICE_TIMEOUT_MS): void {
  const soffice = findLibreOffice();
  if (soffice) {
    test(name, () => run(soffice), timeout);
  } else if (process.env.CI === 'true') {
    test(name, () => {
      throw new Error(`LibreOffice (soffice) is not on PATH and CI requires it: ${LIBREOFFICE_HINT}`);
    });
  } else {
    test.skip(`${name} — skipped: LibreOffice not found; ${LIBREOFFICE_HINT}`, () => undefined);
  }
}

/**
 * Converts `input` with `soffice --headless --convert-to <filter>` into `outDir` and returns the
 * files it wrote. Each call uses its own profile folder, because two soffice processes sharing one
 * profile collide (the second hands its work to the first or fails on the profile lock).
 */
export async function convertWithLibreOffice(soffice: string, input: string, filter: string, outDir: string): Promise<string[]> {
  const profile = await mkdtemp(join(tmpdir(), 'rose-soffice-profile-'));
  const before = new Set(await readdir(outDir));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck',
          '--convert-to', filter, '--outdir', outDir, input],
        { timeout: LIBREOFFICE_TIMEOUT_MS, env: { ...process.env, HOME: profile } },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`soffice --convert-to ${filter} failed: ${error.message}\n${stdout}${stderr}`));
          else resolve(`${stdout}${stderr}`);
        },
      );
    });
    const written = (await readdir(outDir)).filter((f) => !before.has(f)).map((f) => join(outDir, f));
    if (written.length === 0) throw new Error(`soffice --convert-to ${filter} wrote nothing for ${input}:\n${output}`);
    return written.sort();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
