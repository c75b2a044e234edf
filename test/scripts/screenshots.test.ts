// npm run screenshots writes what a coordinator sees: the sidebar at Google's 300 px, the Reminders dialog at its set size, each generated document's first page and the tracker's Sites, Staff and Dashboard tabs as printed; the README shows the pictures it keeps in docs/images/.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { firstPageOf, main } from '../../scripts/screenshots';
import { testWithChromium } from '../support/chromium';

/** Width and height from a PNG's IHDR chunk (bytes 16-23). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('npm run screenshots', () => {
  testWithChromium('writes the sidebar at 300 px, the dialog at 420 × 520, a first page per document and the tabs the guide shows, and copies the README\'s pictures', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rose-screenshots-test-'));
    const docs = mkdtempSync(join(tmpdir(), 'rose-screenshots-docs-'));
    try {
      const files = await main({ outDir: out, docsDir: docs, log: () => undefined });
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
      // The tracker's tabs: the top of a landscape Letter page (11 in across) at 110 dpi, the Dashboard's whole first page at 90.
      expect(pngSize(named.get('tracker-sites.png')!)).toEqual({ width: 1210, height: 95 });
      expect(pngSize(named.get('tracker-staff.png')!)).toEqual({ width: 1210, height: 260 });
      expect(pngSize(named.get('tracker-dashboard.png')!)).toEqual({ width: 990, height: 765 });
      // What a person is handed, from the add-on's PDFs: a CR80 card (3.375 × 2.125 in) at 160 dpi, the card sheet and the certificate on Letter at 80.
      expect(pngSize(named.get('sample-id-card.png')!)).toEqual({ width: 540, height: 340 });
      expect(pngSize(named.get('sample-business-cards.png')!)).toEqual({ width: 680, height: 880 });
      expect(pngSize(named.get('sample-certificate.png')!)).toEqual({ width: 680, height: 880 });
      // Copied for the README, each small enough to load quickly.
      const copied = readdirSync(docs).sort();
      expect(copied).toEqual(readmePictures().sort());
      for (const name of copied) expect({ name, small: statSync(join(docs, name)).size < 200 * 1024 }).toEqual({ name, small: true });
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(docs, { recursive: true, force: true });
    }
  });
});

const ROOT = join(__dirname, '..', '..');

/** The docs/images/ pictures the README shows, in the order it shows them. */
function readmePictures(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]+\]\(docs\/images\/([^)]+)\)/g)].map((m) => m[1]);
}

describe('the README\'s pictures', () => {
  it('are all in docs/images/, each under 200 KB, and every picture kept there is shown', () => {
    const shown = readmePictures();
    expect(shown.length).toBeGreaterThanOrEqual(10);
    const kept = readdirSync(join(ROOT, 'docs', 'images')).sort();
    expect([...new Set(shown)].sort()).toEqual(kept);
    for (const name of kept) {
      const file = join(ROOT, 'docs', 'images', name);
      expect(pngSize(file).width).toBeGreaterThan(0);
      expect({ name, small: statSync(file).size < 200 * 1024 }).toEqual({ name, small: true });
    }
  });

  it('find a tab\'s first printed page by its header row, whatever the spacing pdftotext puts between the cells', () => {
    const pages = ['ROSE Tracker dashboard — Sample\n', '  ID     Name      Region / city   Type\nSITE-0001', 'ID   Full name   Preferred name\n', 'ID   Full name   Preferred name\n'];
    expect(firstPageOf(pages, ['ID', 'Name', 'Region / city'])).toBe(2);
    expect(firstPageOf(pages, ['ID', 'Full name', 'Preferred name'])).toBe(3);
    expect(firstPageOf(pages, ['ROSE Tracker dashboard — Sample'])).toBe(1);
    expect(firstPageOf(pages, ['ID', 'Topic'])).toBeNull();
  });
});
