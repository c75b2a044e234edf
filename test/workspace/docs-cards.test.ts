// What cards need of the local Docs: page breaks, fixed column widths, row heights, cell borders and padding, alignment, images added through DocumentApp, and PDFs drawn at the page size with them; plus the person's selection and pictures in the Picker.
import { createWorkspace, type Workspace } from '../../workspace';
import { DocumentModel, readDocument, type DocumentJson } from '../../workspace/docs-model';
import { documentPdf } from '../../workspace/export-pdf';
import { documentModel } from '../../workspace/drive';
import { pickable } from '../../workspace/picker';
import { putFileInDrive } from '../../workspace/drive';
import { silhouettePng } from '../../addon/cards/photo';

interface Services {
  Docs: { Documents: { create(resource: object): DocumentJson; get(id: string): DocumentJson; batchUpdate(resource: object, id: string): unknown } };
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

function setUp(): { ws: Workspace; g: Services } {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  return { ws, g: ws.globals() as unknown as Services };
}

/** A table of `rows` × `columns` inserted at 1 starts at 2. */
function withTable(rows: number, columns: number): DocumentModel {
  const d = new DocumentModel('doc-1', 'Card');
  d.applyBatch([{ insertTable: { rows, columns, location: { index: 1 } } }]);
  return d;
}

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });
const pdfText = (pdf: Buffer): string => pdf.toString('latin1');

describe('page breaks (InsertPageBreakRequest)', () => {
  it('put a page break and a newline at the index, one index each, and the PDF starts a new page after it', () => {
    const d = new DocumentModel('doc-1', 'Card');
    d.applyBatch([{ insertText: { location: { index: 1 }, text: 'Front' } }, { insertPageBreak: { location: { index: 6 } } }, { insertText: { location: { index: 8 }, text: 'Back' } }]);
    const json = d.toJson();
    const first = json.body.content[1].paragraph!;
    expect(first.elements.map((e) => [e.startIndex, e.endIndex, e.textRun ? 'text' : e.pageBreak ? 'pageBreak' : '?'])).toEqual([[1, 6, 'text'], [6, 7, 'pageBreak'], [7, 8, 'text']]);
    expect(json.body.content[2].paragraph!.elements[0].textRun!.content).toBe('Back\n');
    expect(pdfText(documentPdf(json)).match(/\/Type \/Page\b/g)).toHaveLength(2);
  });

  it('are refused inside a table, as Google says', () => {
    const d = withTable(1, 1);
    expect(() => d.applyBatch([{ insertPageBreak: { location: { index: 5 } } }])).toThrow('Page breaks cannot be inserted inside a table');
  });
});

describe('table layout', () => {
  it('keeps fixed column widths, a minimum row height, and cell borders and padding, as documents.get reports them', () => {
    const d = withTable(1, 2);
    d.applyBatch([
      { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(72) }, fields: 'width,widthType' } },
      { updateTableRowStyle: { tableStartLocation: { index: 2 }, tableRowStyle: { minRowHeight: pt(144) }, fields: 'minRowHeight' } },
      { updateTableCellStyle: { tableStartLocation: { index: 2 }, tableCellStyle: { borderLeft: { width: pt(0.5), dashStyle: 'DASH', color: { color: { rgbColor: { red: 0.6, green: 0.6, blue: 0.6 } } } }, paddingTop: pt(12) }, fields: 'borderLeft,paddingTop' } },
    ]);
    const table = d.toJson().body.content[2].table!;
    expect(table.tableStyle.tableColumnProperties).toEqual([{ widthType: 'FIXED_WIDTH', width: pt(72) }, { widthType: 'EVENLY_DISTRIBUTED' }]);
    expect(table.tableRows[0].tableRowStyle.minRowHeight).toEqual(pt(144));
    expect(table.tableRows[0].tableCells[1].tableCellStyle).toMatchObject({ borderLeft: { width: pt(0.5), dashStyle: 'DASH' }, paddingTop: pt(12) });
    const view = readDocument(d.toJson()).find((b) => b.type === 'table');
    expect(view).toMatchObject({ columnWidths: [72, undefined], minRowHeights: [144] });
  });

  it('refuses a column narrower than 5 points and a table start that is not one', () => {
    const d = withTable(1, 2);
    expect(() => d.applyBatch([{ updateTableColumnProperties: { tableStartLocation: { index: 2 }, tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(4) }, fields: 'width,widthType' } }])).toThrow('at least 5 points');
    expect(() => d.applyBatch([{ updateTableRowStyle: { tableStartLocation: { index: 3 }, tableRowStyle: { minRowHeight: pt(10) }, fields: 'minRowHeight' } }])).toThrow('is not the start index of a table');
  });

  it('draws cells at their fixed widths and heights, with no border where the width is 0', () => {
    const d = withTable(1, 2);
    d.applyBatch([
      { insertText: { location: { index: 7 }, text: 'Right' } },
      { updateDocumentStyle: { documentStyle: { pageSize: { width: pt(243), height: pt(153) }, marginTop: pt(9), marginBottom: pt(9), marginLeft: pt(9), marginRight: pt(9) }, fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight' } },
      { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(72) }, fields: 'width,widthType' } },
      { updateTableCellStyle: { tableStartLocation: { index: 2 }, tableCellStyle: { borderLeft: { width: pt(0) }, borderRight: { width: pt(0) }, borderTop: { width: pt(0) }, borderBottom: { width: pt(0) }, paddingLeft: pt(0) }, fields: 'borderLeft,borderRight,borderTop,borderBottom,paddingLeft' } },
    ]);
    const text = pdfText(documentPdf(d.toJson()));
    expect(text).toContain('/MediaBox [0 0 243 153]');
    // The second column starts 9 + 72 pt from the page's left edge; no border line is drawn.
    expect(text).toMatch(/1 0 0 1 81 [\d.]+ Tm \(Right\) Tj/);
    expect(text).not.toMatch(/ re S| l S/);
  });
});

describe('paragraph alignment', () => {
  it('is kept as START, CENTER or END and centres a line in the PDF', () => {
    const d = new DocumentModel('doc-1', 'Card');
    d.applyBatch([
      { insertText: { location: { index: 1 }, text: 'Middle' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 7 }, paragraphStyle: { alignment: 'CENTER' }, fields: 'alignment' } },
    ]);
    expect(d.toJson().body.content[1].paragraph!.paragraphStyle.alignment).toBe('CENTER');
    const x = Number(/1 0 0 1 ([\d.]+) [\d.]+ Tm \(Middle\)/.exec(pdfText(documentPdf(d.toJson())))?.[1]);
    expect(x).toBeGreaterThan(250);
    expect(() => d.applyBatch([{ updateParagraphStyle: { range: { startIndex: 1, endIndex: 7 }, paragraphStyle: { alignment: 'SIDEWAYS' }, fields: 'alignment' } }])).toThrow('Invalid value');
  });
});

describe('images through DocumentApp', () => {
  it('Paragraph.appendInlineImage puts a PNG at the paragraph end at 0.75 pt a pixel; setWidth and setHeight take pixels', () => {
    const { ws, g } = setUp();
    ws.execute(() => {
      const { documentId } = g.Docs.Documents.create({ title: 'Card' });
      g.Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'Photo: {{Photo}}' } }] }, documentId);
      const doc = g.DocumentApp.openById(documentId);
      const found = doc.getBody().findText('{{Photo}}');
      expect(found).not.toBeNull();
      const blob = g.Utilities.newBlob(silhouettePng(40, 80).map((b) => (b > 127 ? b - 256 : b)), 'image/png', 'p.png');
      const image = found!.getElement().getParent().asParagraph().appendInlineImage(blob);
      expect([image.getWidth(), image.getHeight()]).toEqual([40, 80]);
      image.setWidth(88);
      image.setHeight(117);
      doc.getBody().replaceText('{{Photo}}', '');
      doc.saveAndClose();
      const json = g.Docs.Documents.get(documentId);
      const elements = json.body.content[1].paragraph!.elements;
      const object = elements.find((e) => e.inlineObjectElement)!;
      expect([object.startIndex, object.endIndex]).toEqual([8, 9]);
      const size = json.inlineObjects![object.inlineObjectElement!.inlineObjectId].inlineObjectProperties.embeddedObject.size;
      expect(size).toEqual({ width: pt(66), height: pt(87.75) });
      // The exported PDF carries the picture as an image the page draws at that size.
      const pdf = pdfText(documentModelPdf(ws, documentId));
      expect(pdf).toMatch(/\/Subtype \/Image \/Width 40 \/Height 80/);
      expect(pdf).toMatch(/q 66 0 0 87\.75 [\d.]+ [\d.]+ cm \/Im1 Do Q/);
    });
  });

  it('refuses a picture type the model does not read, and findText answers null when nothing matches', () => {
    const { ws, g } = setUp();
    ws.execute(() => {
      const { documentId } = g.Docs.Documents.create({ title: 'Card' });
      g.Docs.Documents.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] }, documentId);
      const body = g.DocumentApp.openById(documentId).getBody();
      expect(body.findText('{{Photo}}')).toBeNull();
      const paragraph = body.findText('x')!.getElement().getParent().asParagraph();
      expect(() => paragraph.appendInlineImage(g.Utilities.newBlob('GIF89a', 'image/gif', 'a.gif'))).toThrow('not implemented by the local Workspace');
    });
  });
});

function documentModelPdf(ws: Workspace, id: string): Buffer {
  const model = documentModel(ws, id);
  return documentPdf(model.toJson(), (objectId) => model.inlineImage(objectId));
}

describe('an empty paragraph', () => {
  it('is as tall as its paragraph mark\'s font size', () => {
    const d = new DocumentModel('doc-1', 'Card');
    d.applyBatch([{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { fontSize: pt(1) }, fields: 'fontSize' } }]);
    const block = readDocument(d.toJson())[0];
    expect(block).toMatchObject({ type: 'paragraph', runs: [], markSize: 1 });
  });
});

describe('what the person has selected', () => {
  it('Range.activate makes the active range list of the active sheet; none selected is null', () => {
    const { ws, g } = setUp();
    const id = ws.createSpreadsheet('Tracker');
    ws.execute(() => {
      const ss = g.SpreadsheetApp.openById(id);
      expect(ss.getActiveRangeList()).toBeNull();
      ss.getActiveSheet().getRange('B2:C4').activate();
      expect(ss.getActiveRangeList()!.getRanges().map((r) => r.getA1Notation())).toEqual(['B2:C4']);
      ss.insertSheet('Other').activate();
      expect(ss.getActiveRangeList()).toBeNull();
    });
  });
});

describe('the Picker', () => {
  it('offers the person\'s pictures as well as Docs and folders', () => {
    const { ws } = setUp();
    const photo = putFileInDrive(ws, { name: 'me.png', mimeType: 'image/png', bytes: Buffer.from(silhouettePng(4, 4)) });
    const text = putFileInDrive(ws, { name: 'notes.txt', mimeType: 'text/plain', text: 'x' });
    const token = `local-token-${ws.host.activeUser}`;
    const ids = pickable(ws, token).map((f) => f.id);
    expect(ids).toContain(photo.id);
    expect(ids).not.toContain(text.id);
  });
});
