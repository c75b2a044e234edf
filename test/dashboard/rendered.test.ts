// The Dashboard as a person prints it: the sample organization's workbook, exported to .xlsx, opened in LibreOffice and made a PDF; its first page is the board's scorecard, and names of staff come only after the board's pages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertWithLibreOffice, testWithLibreOffice } from '../support/libreoffice';
import { sampleDashboardWorkbook } from './fixtures';

const pageText = (pdf: string, first: number, last: number): string => execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), pdf, '-'], { encoding: 'utf8' });

describe('the printed Dashboard', () => {
  testWithLibreOffice('opens on the ROSE scorecard for every site, with no staff names before the coordinators\' section', async (soffice) => {
    const dir = mkdtempSync(join(tmpdir(), 'rose-dashboard-pdf-'));
    const { path, staff, sites } = await sampleDashboardWorkbook(dir);
    const [pdf] = await convertWithLibreOffice(soffice, path, 'pdf', dir);
    const first = pageText(pdf, 1, 1);
    expect(first).toContain('ROSE scorecard');
    expect(first).toMatch(/Staff\s+(Paid at or\s+)?(above the\s+)?living wage/);
    for (const site of sites) expect(first).toContain(site);
    expect(first).toMatch(/All sites/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    let board = '';
    for (let page = 1; page <= pages; page += 1) {
      const text = pageText(pdf, page, page);
      const cut = text.indexOf('Needs attention (coordinators)');
      board += cut >= 0 ? text.slice(0, cut) : text;
      if (cut >= 0) break;
    }
    expect(board).toContain('Action Plan timeline');
    for (const name of staff) expect(board).not.toContain(name);
  });
});
