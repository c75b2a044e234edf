// ID cards and business cards from the Staff roster: exact page sizes, text and photo inside the card, the name that fits, a placeholder when there is no photo, expiry, issue dates, and the batch going on past a problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byHand, sampleTracker } from '../documents/support';
import { asUser, tabRecords } from '../support/tracker';
import { documentModel, grantFileToApp, putFileInDrive } from '../../workspace/drive';
import { readDocument } from '../../workspace/docs-model';
import { silhouettePng } from '../../addon/cards/photo';
import type { Harness } from '../support/addon';
import { driveId, makeCards, mediaBoxes, pageSizesInches, pdfOf, renderPage, testWithPoppler, wordBoxes } from './support';

const TODAY = '2026-03-16';
const scratch = mkdtempSync(join(tmpdir(), 'rose-cards-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function setStaff(h: Harness, staffId: string, header: string, value: string): void {
  byHand(h, () => asUser(h, (ss) => {
    const sheet = ss.getSheetByName('Staff')!;
    const grid = sheet.getDataRange().getValues();
    const column = grid[0].indexOf(header);
    const row = grid.findIndex((r) => String(r[0]) === staffId);
    if (column < 0 || row < 1) throw new Error(`no ${header} for ${staffId}`);
    sheet.getRange(row + 1, column + 1).setValue(value);
  }));
}

function staffRow(h: Harness, staffId: string): Record<string, unknown> {
  return byHand(h, () => tabRecords(h, 'Staff')).find((r) => r.ID === staffId)!;
}

function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');
}

/** A portrait the coordinator chose with the Picker: in their Drive, granted to ROSE Tracker, linked from Staff → Photo. */
function givePhoto(h: Harness, staffId: string): void {
  const photo = putFileInDrive(h.ws, { name: `${staffId}.png`, mimeType: 'image/png', bytes: Buffer.from(silhouettePng(120, 160, { background: [187, 222, 251], figure: [94, 53, 177] })) });
  grantFileToApp(h.ws, photo.id);
  const saved = h.addon.callFromClient('staffPhotoPicked', [staffId, photo.id]) as { ok: boolean };
  expect(saved.ok).toBe(true);
}

const h = sampleTracker({ install: false });
givePhoto(h, 'STAFF-0001');
const idCards = makeCards(h, 'id-card', ['STAFF-0001', 'STAFF-0003']);
const business = makeCards(h, 'business-card', ['STAFF-0001']);
const idFile = join(scratch, 'id.pdf');
const businessFile = join(scratch, 'business.pdf');
writeFileSync(idFile, pdfOf(h, idCards, 0));
writeFileSync(businessFile, pdfOf(h, business, 0));

describe('an ID card', () => {
  it('is a CR80 page, 3.375 × 2.125 in, front and back, as written in the PDF', () => {
    const boxes = mediaBoxes(pdfOf(h, idCards, 0));
    expect(boxes).toHaveLength(2);
    for (const [x0, y0, x1, y1] of boxes) {
      expect(Math.abs((x1 - x0) / 72 - 3.375)).toBeLessThan(0.01);
      expect(Math.abs((y1 - y0) / 72 - 2.125)).toBeLessThan(0.01);
    }
  });

  testWithPoppler('opens in poppler at 3.375 × 2.125 in on both pages', () => {
    const sizes = pageSizesInches(idFile);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) {
      expect(Math.abs(size.width - 3.375)).toBeLessThan(0.01);
      expect(Math.abs(size.height - 2.125)).toBeLessThan(0.01);
    }
  });

  testWithPoppler('carries the name the person goes by, role, organization, site, staff ID and dates, every word inside the card clear of its margin', () => {
    const words = wordBoxes(idFile);
    const front = words.filter((w) => w.page === 1).map((w) => w.text).join(' ');
    expect(front).toContain('Alex');
    expect(front).not.toContain('Moreno');
    for (const part of ['Peer Worker', 'Harbour Lights Peer Collective', 'Harbour Lights Drop-in', 'STAFF-0001', `Issued ${TODAY}`, 'Expires 2028-03-16']) expect(front).toContain(part);
    const back = words.filter((w) => w.page === 2).map((w) => w.text).join(' ');
    expect(back).toContain('Harbour Lights Peer Collective');
    expect(back).toMatch(/\d{3}-\d{3}-\d{4}/);
    const margin = 9;
    for (const w of words) {
      expect([w.text, w.xMin >= margin - 0.5, w.xMax <= 243 - margin + 0.5, w.yMin >= margin - 0.5, w.yMax <= 153 - margin + 0.5]).toEqual([w.text, true, true, true, true]);
    }
    // The text column starts right of the photo box.
    for (const w of words.filter((x) => x.page === 1)) expect(w.xMin).toBeGreaterThanOrEqual(9 + 72);
  });

  testWithPoppler('shows the chosen photo in its box, and nothing is drawn in the margin', () => {
    const page = renderPage(idFile, 1);
    expect([page.width, page.height]).toEqual([243, 153]);
    // Inside the photo box (9 pt in, 66 × 88 pt): the portrait's light-blue backdrop near its corner.
    const [r, g, b] = page.pixel(9 + 4, 9 + 4);
    expect([Math.abs(r - 187) < 12, Math.abs(g - 222) < 12, Math.abs(b - 251) < 12]).toEqual([true, true, true]);
    let drawnInMargin = 0;
    for (let y = 0; y < page.height; y++) {
      for (let x = 0; x < page.width; x++) {
        const inMargin = x < 8 || y < 8 || x >= page.width - 8 || y >= page.height - 8;
        if (inMargin && page.pixel(x, y).some((c) => c < 240)) drawnInMargin += 1;
      }
    }
    expect(drawnInMargin).toBe(0);
  });

  it('sets Staff → Photo ID issued to today and ID card expires two years on', () => {
    const row = staffRow(h, 'STAFF-0001');
    expect(isoOf(row['Photo ID issued'])).toBe(TODAY);
    expect(isoOf(row['ID card expires'])).toBe('2028-03-16');
  });
});

describe('a sheet of business cards', () => {
  it('is one Letter page, 8.5 × 11 in, as written in the PDF', () => {
    const boxes = mediaBoxes(pdfOf(h, business, 0));
    expect(boxes).toHaveLength(1);
    const [x0, y0, x1, y1] = boxes[0];
    expect(Math.abs((x1 - x0) / 72 - 8.5)).toBeLessThan(0.01);
    expect(Math.abs((y1 - y0) / 72 - 11)).toBeLessThan(0.01);
  });

  testWithPoppler('holds ten 3.5 × 2 in cards of the person, each word inside one card and clear of its cut', () => {
    expect(pageSizesInches(businessFile)).toEqual([{ width: 8.5, height: 11 }]);
    const words = wordBoxes(businessFile);
    // The cards' grid: 0.75 in from the sides, 0.5 in from the top, 3.5 × 2 in each.
    const cardOf = (w: { xMin: number; yMin: number; xMax: number; yMax: number }): number => {
      const column = Math.floor((w.xMin - 54) / 252);
      const row = Math.floor((w.yMin - 36) / 144);
      const left = 54 + column * 252;
      const top = 36 + row * 144;
      const inside = column >= 0 && column < 2 && row >= 0 && row < 5 && w.xMax <= left + 252 - 6 && w.yMax <= top + 144 - 4 && w.xMin >= left + 6 && w.yMin >= top + 6;
      return inside ? row * 2 + column : -1;
    };
    expect(words.filter((w) => cardOf(w) < 0).map((w) => w.text)).toEqual([]);
    const names = words.filter((w) => w.text === 'Alex');
    expect(new Set(names.map(cardOf)).size).toBe(10);
    expect(words.filter((w) => w.text === 'they/them')).toHaveLength(10);
  });

  it('sets Staff → Business cards issued to today', () => {
    expect(isoOf(staffRow(h, 'STAFF-0001')['Business cards issued'])).toBe(TODAY);
  });

  it('repeats the top-left card of the template: the coordinator edits one card', () => {
    const template = documentModel(h.ws, driveId(business.templateLink)).toJson();
    const table = readDocument(template).find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('no table');
    const filled = table.rows.flat().filter((cell) => cell.some((p) => p.type === 'paragraph' && p.runs.length > 0));
    expect(filled).toHaveLength(1);
  });
});

describe('what a coordinator is told', () => {
  it('gives a person without a photo a grey placeholder, a message naming them, and a Check data line', () => {
    const charlie = idCards.results[1];
    expect(charlie.status).toBe('Done');
    expect(charlie.messages.join(' ')).toMatch(/^Charlie Nguyen \(Staff row \d+\): no photo in Staff → Photo, so the card shows a grey silhouette\. Choose one with ROSE Tracker → Choose a staff photo/);
    const json = documentModel(h.ws, driveId(charlie.link)).toJson();
    expect(Object.keys(json.inlineObjects ?? {})).toHaveLength(1);
    expect(JSON.stringify(json.body)).not.toContain('{{');
    const check = h.addon.call<{ problems: { tab: string; column: string; message: string }[] }>('checkData');
    const line = check.problems.find((p) => p.tab === 'Staff' && p.column === 'Photo' && p.message.includes('Charlie Nguyen'));
    expect(line?.message).toContain(`The ID card issued ${TODAY} was made without a photo and shows a grey silhouette`);
    // A card issued before ROSE Tracker made cards (no expiry written) is not taken for one of its silhouettes.
    expect(check.problems.some((p) => p.tab === 'Staff' && p.column === 'Photo' && p.message.includes('Gus Abernathy'))).toBe(false);
  });

  it('shrinks a long name to fit, says so, and says when even the smallest size wraps', () => {
    setStaff(h, 'STAFF-0004', 'Preferred name', 'Dana-Marguerite Kowalski-Featherstone');
    setStaff(h, 'STAFF-0005', 'Preferred name', 'Elisabetta Standingready-Thunderchild-Montgomery of the Harbour');
    const made = makeCards(h, 'id-card', ['STAFF-0004', 'STAFF-0005']);
    expect(made.results.map((r) => r.status)).toEqual(['Done', 'Done']);
    expect(made.results[0].messages.join(' ')).toMatch(/Dana-Marguerite Kowalski-Featherstone \(Staff row \d+\): the name was made smaller \((\d+(\.5)?) pt\) to fit the card/);
    expect(made.results[1].messages.join(' ')).toContain('too long for one line even at 7 pt');
    const paragraphs = readDocument(documentModel(h.ws, driveId(made.results[0].link)).toJson()).flatMap((b) => (b.type === 'table' ? b.rows.flat(2) : [b]));
    const name = paragraphs.flatMap((p) => (p.type === 'paragraph' ? p.runs : [])).find((run) => run.text === 'Dana-Marguerite Kowalski-Featherstone');
    expect(name?.fontSize).toBeLessThan(12);
    expect(name?.fontSize).toBeGreaterThanOrEqual(7);
  });

  it('renews an expired card two years from today with a warning, and a reissue keeps the Staff ID and the expiry', () => {
    setStaff(h, 'STAFF-0002', 'ID card expires', '2025-12-31');
    const renewed = makeCards(h, 'id-card', ['STAFF-0002']);
    expect(renewed.results[0].messages.join(' ')).toContain('Bea (Staff row 3): the ID card expired on 2025-12-31; the new card runs to 2028-03-16');
    expect(isoOf(staffRow(h, 'STAFF-0002')['ID card expires'])).toBe('2028-03-16');
    const again = makeCards(h, 'id-card', ['STAFF-0002']);
    expect(again.results[0].messages.join(' ')).not.toContain('expired');
    const text = JSON.stringify(documentModel(h.ws, driveId(again.results[0].link)).toJson().body);
    expect(text).toContain('STAFF-0002');
    expect(text).toContain('Expires 2028-03-16');
  });

  it('goes on past a person whose card fails and one whose photo it cannot open', () => {
    const other = putFileInDrive(h.ws, { name: 'not picked.png', mimeType: 'image/png', bytes: Buffer.from(silhouettePng(10, 10)) });
    setStaff(h, 'STAFF-0006', 'Photo', `https://drive.google.com/file/d/${other.id}/view`);
    h.ws.ledger.failOn('Drive.Files.copy', { nth: 1, error: 'Internal error encountered.' });
    const made = makeCards(h, 'id-card', ['STAFF-0007', 'STAFF-0006', 'STAFF-0008']);
    expect(made.results.map((r) => r.status)).toEqual(['Failed', 'Done', 'Done']);
    expect(made.results[0].messages.join(' ')).toContain('Gus Abernathy (Staff row 8): the card could not be finished (Internal error encountered)');
    expect(made.results[1].messages.join(' ')).toContain('Farah Haddad (Staff row 7): ROSE Tracker cannot open the photo in Staff → Photo');
    expect(isoOf(staffRow(h, 'STAFF-0007')['Photo ID issued'])).toBe('2024-07-15');
    expect(isoOf(staffRow(h, 'STAFF-0008')['Photo ID issued'])).toBe(TODAY);
  });

  it('puts an expiring ID card in the digest', () => {
    setStaff(h, 'STAFF-0009', 'ID card expires', '2026-04-01');
    const result = h.addon.call<{ text: string }>('sendRemindersNow');
    expect(result.text).toMatch(/ID cards expiring or expired \(\d+\)\n(- .*\n)*- Ira Blackbird \(Cedar House\): ID card expires 2026-04-01; make a new one/);
  });
});

describe('calls', () => {
  /** The part of a run that does not grow with people: reading the tracker (one Sheet.getName per tab, and Payments and Staff pay and contacts are two more tabs), Settings, the template and the log. */
  const FIXED = 43;
  /** The calls each card makes, by method, for making `kind` cards for `people`. */
  function callsFor(kind: 'id-card' | 'business-card', people: string[]): { counts: Record<string, number>; total: number } {
    const mark = h.ws.ledger.mark();
    const made = makeCards(h, kind, people);
    expect(made.results.every((r) => r.status === 'Done')).toBe(true);
    return { counts: h.ws.ledger.countBy(mark), total: h.ws.ledger.since(mark).length };
  }

  it('a business card sheet is four calls a person: copy, one batchUpdate, export and save the PDF', () => {
    const { counts, total } = callsFor('business-card', ['STAFF-0001', 'STAFF-0002', 'STAFF-0003']);
    for (const method of ['Drive.Files.copy', 'Docs.Documents.batchUpdate', 'Drive.Files.export', 'Drive.Files.create']) expect([method, counts[method]]).toEqual([method, 3]);
    expect(counts['Docs.Documents.get']).toBe(1);
    expect(counts['Drive.Files.generateIds']).toBe(1);
    expect(total).toBeLessThanOrEqual(3 * 4 + FIXED);
  });

  it('an ID card adds the photo: its download and eleven DocumentApp steps, one batchUpdate still fills all the text', () => {
    const { counts, total } = callsFor('id-card', ['STAFF-0001', 'STAFF-0002']);
    expect(counts['Docs.Documents.batchUpdate']).toBe(2);
    expect(counts['Drive.Files.get']).toBeLessThanOrEqual(1 + 2);
    for (const method of ['DocumentApp.openById', 'Paragraph.appendInlineImage', 'InlineImage.setWidth', 'Document.saveAndClose']) expect([method, counts[method]]).toEqual([method, 2]);
    expect(total).toBeLessThanOrEqual(2 * 17 + FIXED);
  });
});

describe('a run', () => {
  it('stops at Apps Script\'s time limit, keeps the cards made so far recorded, and says who to make again', () => {
    setStaff(h, 'STAFF-0010', 'Photo ID issued', '');
    h.ws.ledger.failOn('Drive.Files.copy', { nth: 2, error: 'Exceeded maximum execution time' });
    const made = makeCards(h, 'id-card', ['STAFF-0009', 'STAFF-0010', 'STAFF-0011']);
    expect(made.results.map((r) => [r.staffId, r.status])).toEqual([['STAFF-0009', 'Done'], ['STAFF-0010', 'Failed']]);
    expect(made.results[1].messages.join(' ')).toContain('reached Apps Script\'s time limit before this card was finished. Make it again, with anyone after them.');
    expect(isoOf(staffRow(h, 'STAFF-0009')['Photo ID issued'])).toBe(TODAY);
    expect(isoOf(staffRow(h, 'STAFF-0010')['Photo ID issued'])).toBe('');
  });

  it('makes at most 30 business card sheets and says who is left for the next run', () => {
    const unknown = Array.from({ length: 30 }, (_, i) => `STAFF-9${String(i).padStart(3, '0')}`);
    const made = makeCards(h, 'business-card', [...unknown, 'STAFF-0001']);
    expect(made.results).toEqual([]);
    expect(made.ok).toBe(false);
    expect(made.lines.join(' ')).toContain('1 more people were chosen than one run makes (30');
  });
});

describe('from the menu', () => {
  it('makes ID cards for the Staff rows selected, and asks for a selection elsewhere', () => {
    byHand(h, () => asUser(h, (ss) => ss.getSheetByName('Settings')!.getRange('A2').activate()));
    const nothing = h.addon.call<{ ok: boolean; lines: string[] }>('makeIdCards');
    expect(nothing.lines[0]).toContain('Select the people\'s rows in the Staff tab first');
    byHand(h, () => asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2:C3').activate()));
    const made = h.addon.call<{ results: { staffId: string; status: string }[] }>('makeIdCards');
    expect(made.results.map((r) => [r.staffId, r.status])).toEqual([['STAFF-0001', 'Done'], ['STAFF-0002', 'Done']]);
    expect(h.ws.host.uiLog.filter((u) => u.kind === 'alert').pop()?.content).toContain('Made 2 of 2 ID cards');
  });
});
