// A generated Google Doc saved as .docx opens in a word processor with its headings, styled text, lists and tables intact.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DocumentModel, type DocumentJson } from '../../workspace/docs-model';
import { documentDocx, writeDocumentDocx } from '../../workspace/export-docx';

/** A contract as the template code builds one: title, headings, a bold and an italic run, two lists, a table. */
function contract(): DocumentJson {
  const d = new DocumentModel('doc-1', 'Sam Rivera - Employment contract');
  const text = [
    'Employment contract', // 1–20
    'Parties', // 21–29
    'This contract is between Harbour Lights Society and Sam Rivera.', // 29–92
    'Training', // 93–102
    'Naloxone administration',
    'First aid and CPR',
    'Review after three months',
    'Schedule',
  ].join('\n');
  d.applyBatch([{ insertText: { location: { index: 1 }, text } }]);
  const at = (s: string) => 1 + text.indexOf(s);
  const end = (s: string) => at(s) + s.length;
  d.applyBatch([
    { insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } },
    { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'TITLE' }, fields: 'namedStyleType' } },
    { updateParagraphStyle: { range: { startIndex: at('Parties'), endIndex: end('Parties') }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
    { updateParagraphStyle: { range: { startIndex: at('Training'), endIndex: end('Training') }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
    { updateParagraphStyle: { range: { startIndex: at('Schedule'), endIndex: end('Schedule') }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
    { updateTextStyle: { range: { startIndex: at('Harbour'), endIndex: end('Harbour Lights Society') }, textStyle: { bold: true }, fields: 'bold' } },
    { updateTextStyle: { range: { startIndex: at('Sam Rivera.'), endIndex: end('Sam Rivera') }, textStyle: { italic: true }, fields: 'italic' } },
    { createParagraphBullets: { range: { startIndex: at('Naloxone'), endIndex: end('First aid and CPR') }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } },
    { createParagraphBullets: { range: { startIndex: at('Review'), endIndex: end('Review after three months') }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } },
  ]);
  const table = d.toJson().body.content.find((e) => e.table)!.table!;
  const cell = (r: number, c: number) => table.tableRows[r].tableCells[c].content[0].startIndex!;
  d.applyBatch([
    { insertText: { location: { index: cell(1, 1) }, text: '24 hours a week' } },
    { insertText: { location: { index: cell(1, 0) }, text: 'Peer support shifts' } },
    { insertText: { location: { index: cell(0, 1) }, text: 'Hours' } },
    { insertText: { location: { index: cell(0, 0) }, text: 'Duty' } },
  ]);
  return d.toJson();
}

/** One file out of a zip archive, read through its central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + size);
      return (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the archive`);
}

describe('a document saved as .docx', () => {
  it('carries headings, bold and italic runs, list numbering and the table in Word\'s own markup', async () => {
    const xml = unzipEntry(await documentDocx(contract()), 'word/document.xml');
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>.*?Employment contract/s);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>.*?Parties/s);
    const run = (style: string, text: string) => new RegExp(`<w:r><w:rPr>(?:(?!</w:r>).)*<w:${style}/>(?:(?!</w:r>).)*>${text}</w:t></w:r>`, 's');
    expect(xml).toMatch(run('b', 'Harbour Lights Society'));
    expect(xml).toMatch(run('i', 'Sam Rivera'));
    expect(xml).not.toMatch(run('b', 'This contract is between '));
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(3);
    expect(xml).toMatch(/<w:tbl>.*Peer support shifts.*24 hours a week.*<\/w:tbl>/s);
  });

  it('gives each Google list its own Word numbering, bullets for bullets and numbers for numbers', async () => {
    const numbering = unzipEntry(await documentDocx(contract()), 'word/numbering.xml');
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toContain('w:val="decimal"');
    expect(numbering).toContain('w:val="%1."');
  });

  const soffice = ['soffice', 'libreoffice'].find((bin) => {
    try { execFileSync(bin, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
  });
  if (!soffice && process.env.CI !== 'true') {
    it.skip('opens in LibreOffice (install LibreOffice, or run with CI=true, to check)', () => undefined);
    return;
  }

  it('opens in LibreOffice with its headings, list items and table text', async () => {
    if (!soffice) throw new Error('CI=true needs LibreOffice (soffice) on the PATH; .ci/run installs it.');
    const dir = mkdtempSync(join(tmpdir(), 'rose-docx-'));
    const path = join(dir, 'contract.docx');
    await writeDocumentDocx(contract(), path);
    execFileSync(soffice, [
      '--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'txt:Text', '--outdir', dir, path,
    ], { stdio: 'ignore', timeout: 60000 });
    const txt = join(dir, 'contract.txt');
    expect(existsSync(txt)).toBe(true);
    const text = readFileSync(txt, 'utf8');
    for (const expected of ['Employment contract', 'Parties', 'Harbour Lights Society and Sam Rivera.', 'Naloxone administration', 'Review after three months', 'Schedule', 'Peer support shifts', '24 hours a week']) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf('Duty')).toBeLessThan(text.indexOf('Peer support shifts'));
  });
});
