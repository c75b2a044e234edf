// npm run screenshots writes what a coordinator sees: the sidebar at Google's 300 px, the Reminders dialog at its set size, and each generated document's first page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../scripts/screenshots';
import { testWithChromium } from '../support/chromium';

/** Width and height from a PNG's IHDR chunk (bytes 16-23). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('npm run screenshots', () => {
  testWithChromium('writes the sidebar at 300 px, the dialog at 420 × 520 and a first page per document', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rose-screenshots-test-'));
    try {
      const files = await main({ outDir: out, log: () => undefined });
      const named = new Map(files.map((file) => [basename(file), file]));
      expect(pngSize(named.get('generate-documents-sidebar.png')!)).toEqual({ width: 300, height: 640 });
      expect(pngSize(named.get('generate-documents-sidebar-done.png')!)).toEqual({ width: 300, height: 640 });
      expect(pngSize(named.get('reminders-dialog.png')!)).toEqual({ width: 420, height: 520 });
      const pages = files.filter((file) => file.endsWith('-page-1.png'));
      expect(pages.map((file) => basename(file)).sort()).toEqual(expect.arrayContaining([
        expect.stringMatching(/Employment-contract-page-1\.png$/), expect.stringMatching(/Reference-letter-page-1\.png$/),
      ]));
      // A first page at 60 dpi on Letter paper: 8.5 × 11 in.
      for (const page of pages) expect(pngSize(page)).toEqual({ width: 510, height: 660 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
