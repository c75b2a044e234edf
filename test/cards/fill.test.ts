// The card fill in the local Docs model: every field by index, a value printed as written even when it looks like a field, the name at the size chosen, and the top-left business card made nine times more.
import { DocumentModel, readDocument } from '../../workspace/docs-model';
import { businessCardTemplateRequests, fitName, idCardTemplateRequests, ID_NAME_BOX, boldWidth } from '../../addon/cards/layout';
import { planCard, unknownCardFields, hasPhotoField, type CardValues, type CardDocJson } from '../../addon/cards/fill';
import { fitInBox, imageSize, silhouettePng } from '../../addon/cards/photo';
import { attentionOf } from '../../addon/reminders/attention';
import type { Tables } from '../../addon/tracker/table';

const VALUES: CardValues = {
  'Card name': 'Sam {{Role}}', Pronouns: 'they/them', Role: 'Peer Worker', Organization: 'Harbour Lights', Site: 'Drop-in',
  'Staff ID': 'STAFF-0042', Issued: '2026-03-16', Expires: '2028-03-16', 'Organization address': '1 Fictional Way', 'Organization phone': '604-555-0100', 'Organization email': 'hi@example.org',
};

function template(requests: unknown[]): DocumentModel {
  const d = new DocumentModel('t', 'Template');
  d.applyBatch(requests);
  return d;
}

describe('filling a card', () => {
  it('puts every value in by index and prints a value that looks like a field as written', () => {
    const t = template(idCardTemplateRequests());
    const json = t.toJson() as unknown as CardDocJson;
    expect(unknownCardFields(json)).toEqual([]);
    expect(hasPhotoField(json)).toBe(true);
    const card = t.copy('c', 'Card');
    card.applyBatch(planCard(json, VALUES, 10.5, false));
    const text = card.plainText();
    expect(text).toContain('Sam {{Role}}\nPeer Worker\nDrop-in\nStaff ID STAFF-0042\nIssued 2026-03-16\nExpires 2028-03-16');
    expect(text).toContain('{{Photo}}');
    const runs = readDocument(card.toJson()).flatMap((b) => (b.type === 'table' ? b.rows.flat(2) : [b])).flatMap((b) => (b.type === 'paragraph' ? b.runs : []));
    expect(runs.find((r) => r.text === 'Sam {{Role}}')).toMatchObject({ bold: true, fontSize: 10.5 });
  });

  it('names fields a card does not know', () => {
    const t = template(idCardTemplateRequests());
    t.applyBatch([{ insertText: { location: { index: 1 }, text: '{{Hourly wage}}' } }]);
    expect(unknownCardFields(t.toJson() as unknown as CardDocJson)).toEqual(['{{Hourly wage}}']);
  });

  it('makes the top-left business card ten times, each in its own cell, leaving a cell someone filled as it is', () => {
    const t = template(businessCardTemplateRequests());
    const table = t.toJson().body.content.find((e) => e.table)!.table!;
    const lastCell = table.tableRows[4].tableCells[1].content[0].startIndex!;
    t.applyBatch([{ insertText: { location: { index: lastCell }, text: 'Our own card {{Card name}}' } }]);
    const card = t.copy('c', 'Card');
    card.applyBatch(planCard(t.toJson() as unknown as CardDocJson, VALUES, 12, true));
    const cells = readDocument(card.toJson()).find((b) => b.type === 'table');
    if (cells?.type !== 'table') throw new Error('no table');
    const texts = cells.rows.flat().map((cell) => cell.map((p) => (p.type === 'paragraph' ? p.runs.map((r) => r.text).join('') : '')).join('|'));
    expect(texts.slice(0, 9).every((t2) => t2 === texts[0])).toBe(true);
    expect(texts[0]).toBe('Sam {{Role}}|they/them|Peer Worker|Harbour Lights · Drop-in|604-555-0100|hi@example.org|1 Fictional Way');
    expect(texts[9]).toBe('Our own card Sam {{Role}}');
  });
});

describe('the name that fits', () => {
  it('keeps the template size for a short name, shrinks a longer one until it fits, and says when none fits', () => {
    expect(fitName('Alex', 'id-card')).toEqual({ size: 12, shrunk: false, fits: true });
    const longer = fitName('Dana-Marguerite Kowalski-Featherstone', 'id-card');
    expect(longer.shrunk && longer.fits).toBe(true);
    expect(boldWidth('Dana-Marguerite Kowalski-Featherstone', longer.size)).toBeLessThanOrEqual(ID_NAME_BOX);
    expect(boldWidth('Dana-Marguerite Kowalski-Featherstone', longer.size + 0.5)).toBeGreaterThan(ID_NAME_BOX);
    expect(fitName('W'.repeat(40), 'id-card')).toEqual({ size: 7, shrunk: true, fits: false });
  });
});

describe('photos', () => {
  it('writes a PNG whose size reads back, and fits a picture in the box keeping its shape', () => {
    expect(imageSize(silhouettePng(30, 40))).toEqual({ width: 30, height: 40, type: 'image/png' });
    expect(imageSize([1, 2, 3])).toBeNull();
    expect(fitInBox({ width: 400, height: 400 }, { width: 88, height: 117 })).toEqual({ width: 88, height: 88 });
  });
});

describe('ID cards in the digest', () => {
  const staff = (expires: string, end = '') => ({ row: 2, values: { id: 'STAFF-0001', fullName: 'Alex Moreno', preferredName: 'Alex', site: '', idCardExpires: expires, end } });
  const tables = (...records: ReturnType<typeof staff>[]) => ({ Staff: { records } }) as unknown as Tables;

  it('lists a card expired or expiring within the lead days, not one further off or of someone who has left', () => {
    expect(attentionOf(tables(staff('2026-04-10')), '2026-03-16', 30).idCards).toMatchObject([{ name: 'Alex', expires: '2026-04-10', expired: false }]);
    expect(attentionOf(tables(staff('2026-03-01')), '2026-03-16', 30).idCards).toMatchObject([{ expired: true }]);
    expect(attentionOf(tables(staff('2026-05-01')), '2026-03-16', 30).idCards).toEqual([]);
    expect(attentionOf(tables(staff('2026-03-01', '2026-02-01')), '2026-03-16', 30).idCards).toEqual([]);
  });
});
