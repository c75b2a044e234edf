// Finds a program on PATH, for the commands and tests that call LibreOffice, poppler or Chromium when they are installed.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable called `name` along PATH, or null. */
export function programOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder: keep looking along PATH.
    }
  }
  return null;
}
