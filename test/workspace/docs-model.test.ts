// The local Google Doc keeps Google's indexes and refuses what the Docs API refuses, so merge code tested here behaves the same on a real document.
import fc from 'fast-check';
import { DocumentModel, readDocument, type DocumentJson, type StructuralElementJson } from '../../workspace/docs-model';

function doc(text = ''): DocumentModel {
  const d = new DocumentModel('doc-1', 'Contract');
  if (text) d.applyBatch([{ insertText: { location: { index: 1 }, text } }]);
  return d;
}

function paragraphTexts(content: readonly StructuralElementJson[]): string[] {
  return content.filter((e) => e.paragraph).map((e) => e.paragraph!.elements.map((x) => x.textRun!.content).join(''));
}

function firstTable(json: DocumentJson) {
  const element = json.body.content.find((e) => e.table);
  if (!element?.table) throw new Error('no table');
  return { element, table: element.table };
}

/** Every element starts where the one before it ended, at every level: no index is lost or counted twice. */
function expectContiguous(content: readonly StructuralElementJson[], start: number): number {
  let at = start;
  for (const element of content) {
    if (element.sectionBreak) { at = element.endIndex; continue; }
    expect(element.startIndex).toBe(at);
    if (element.paragraph) {
      let run = at;
      for (const e of element.paragraph.elements) {
        expect(e.startIndex).toBe(run);
        expect(e.endIndex - e.startIndex).toBe(e.textRun!.content.length);
        run = e.endIndex;
      }
      expect(run).toBe(element.endIndex);
    }
    if (element.table) {
      let row = at + 1;
      for (const r of element.table.tableRows) {
        expect(r.startIndex).toBe(row);
        let cell = row + 1;
        for (const c of r.tableCells) {
          expect(c.startIndex).toBe(cell);
          cell = expectContiguous(c.content, cell + 1);
          expect(c.endIndex).toBe(cell);
        }
        expect(r.endIndex).toBe(cell);
        row = cell;
      }
      expect(element.endIndex).toBe(row + 1);
    }
    at = element.endIndex;
  }
  return at;
}

describe('a new Google Doc', () => {
  it('is a section break ending at 1 and one empty paragraph [1, 2)', () => {
    const json = doc().toJson();
    expect(json.body.content[0]).toEqual(expect.objectContaining({ endIndex: 1, sectionBreak: expect.any(Object) }));
    expect(json.body.content[0].startIndex).toBeUndefined();
    expect(json.body.content[1]).toEqual(expect.objectContaining({ startIndex: 1, endIndex: 2 }));
    expect(paragraphTexts(json.body.content)).toEqual(['\n']);
    expect(json.title).toBe('Contract');
  });
});

describe('insertText', () => {
  it('counts UTF-16 code units, so an emoji takes two indexes', () => {
    const json = doc('Hi 👋\nSecond').toJson();
    expect(json.body.content.slice(1).map((e) => [e.startIndex, e.endIndex])).toEqual([[1, 7], [7, 14]]);
  });

  it('splits a paragraph where a newline goes in, both halves keeping its style', () => {
    const d = doc('Role and duties');
    d.applyBatch([
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
      { insertText: { location: { index: 5 }, text: '\n' } },
    ]);
    const content = d.toJson().body.content.slice(1);
    expect(paragraphTexts(content)).toEqual(['Role\n', ' and duties\n']);
    expect(content.map((e) => e.paragraph!.paragraphStyle.namedStyleType)).toEqual(['HEADING_1', 'HEADING_1']);
  });

  it('gives inserted text the style of the character before it', () => {
    const d = doc('Name: ');
    d.applyBatch([
      { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true }, fields: 'bold' } },
      { insertText: { location: { index: 6 }, text: 'Sam' } },
    ]);
    const runs = d.toJson().body.content[1].paragraph!.elements.map((e) => [e.textRun!.content, e.textRun!.textStyle]);
    expect(runs).toEqual([['Name:Sam', { bold: true }], [' \n', {}]]);
  });

  it('drops the control characters Google strips from inserted text', () => {
    expect(doc('a\u0001b\u0010c\re').plainText()).toBe('abce\n');
  });

  it('refuses an index at or past the end of the body with Google\'s message', () => {
    expect(() => doc('Hello').applyBatch([{ insertText: { location: { index: 7 }, text: 'x' } }]))
      .toThrow('Invalid requests[0].insertText: Index 7 must be less than the end index of the referenced segment, 7.');
  });

  it('appends before the final newline with endOfSegmentLocation', () => {
    const d = doc('One');
    d.applyBatch([{ insertText: { endOfSegmentLocation: {}, text: ' two' } }]);
    expect(d.plainText()).toBe('One two\n');
  });
});

describe('tables', () => {
  it('lays out a 2x2 table inserted at 1 as the live API does: [2, 14), cell paragraphs at 5, 7, 10, 12, next paragraph at 14', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    const json = d.toJson();
    const { element, table } = firstTable(json);
    expect([element.startIndex, element.endIndex]).toEqual([2, 14]);
    expect(table.tableRows.flatMap((r) => r.tableCells.map((c) => c.content[0].startIndex))).toEqual([5, 7, 10, 12]);
    expect(json.body.content[json.body.content.length - 1].startIndex).toBe(14);
  });

  it('puts the table one past the insertion index, its first cell paragraph three further on, and a paragraph after it', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    const json = d.toJson();
    const { element, table } = firstTable(json);
    expect(element.startIndex).toBe(2);
    expect(table.tableRows[0].tableCells[0].content[0].startIndex).toBe(5);
    expect(table.tableRows[0].tableCells.map((c) => c.startIndex)).toEqual([4, 6]);
    expect(table.tableRows[1].startIndex).toBe(8);
    // One index each for the table, 2 rows, 4 cells and 4 paragraphs, and one for the table's end.
    expect(element.endIndex).toBe(2 + 1 + 2 + 4 + 4 + 1);
    const after = json.body.content[json.body.content.length - 1];
    expect(after.startIndex).toBe(element.endIndex);
    expect(expectContiguous(json.body.content, 0)).toBe(d.endIndex);
  });

  it('keeps the text before the insertion index in its own paragraph and the rest after the table', () => {
    const d = doc('Duties: listed below');
    d.applyBatch([{ insertTable: { rows: 1, columns: 1, location: { index: 8 } } }]);
    const json = d.toJson();
    expect(paragraphTexts(json.body.content)).toEqual(['Duties:\n', ' listed below\n']);
    expect(firstTable(json).element.startIndex).toBe(9);
  });

  it('fills cells from the last to the first at the indexes the empty table had', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    const cellAt = (row: number, column: number) => 2 + 3 + row * 5 + column * 2;
    d.applyBatch([
      { insertText: { location: { index: cellAt(1, 1) }, text: 'Weekly' } },
      { insertText: { location: { index: cellAt(1, 0) }, text: 'Peer debrief' } },
      { insertText: { location: { index: cellAt(0, 1) }, text: 'How often' } },
      { insertText: { location: { index: cellAt(0, 0) }, text: 'Support' } },
    ]);
    const rows = firstTable(d.toJson()).table.tableRows.map((r) => r.tableCells.map((c) => paragraphTexts(c.content).join('')));
    expect(rows).toEqual([['Support\n', 'How often\n'], ['Peer debrief\n', 'Weekly\n']]);
    expect(expectContiguous(d.toJson().body.content, 0)).toBe(d.endIndex);
  });

  it('refuses text at a table\'s start index, between the table and the paragraph before it', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    expect(() => d.applyBatch([{ insertText: { location: { index: 2 }, text: 'x' } }]))
      .toThrow('Invalid requests[0].insertText: The insertion index must be inside the bounds of an existing paragraph.');
    expect(() => d.applyBatch([{ insertText: { location: { index: 4 }, text: 'x' } }])).toThrow('inside the bounds of an existing paragraph');
  });

  it('inserts a row below another with empty cells, and deletes a row', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 2, columns: 3, location: { index: 1 } } }]);
    const start = firstTable(d.toJson()).element.startIndex!;
    d.applyBatch([{ insertTableRow: { tableCellLocation: { tableStartLocation: { index: start }, rowIndex: 1, columnIndex: 0 }, insertBelow: true } }]);
    expect(firstTable(d.toJson()).table.rows).toBe(3);
    expect(firstTable(d.toJson()).table.tableRows[2].tableCells).toHaveLength(3);
    d.applyBatch([{ deleteTableRow: { tableCellLocation: { tableStartLocation: { index: start }, rowIndex: 0 } } }]);
    const json = d.toJson();
    expect(firstTable(json).table.rows).toBe(2);
    expect(expectContiguous(json.body.content, 0)).toBe(d.endIndex);
  });

  it('refuses a row request whose location is not a table\'s start', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    expect(() => d.applyBatch([{ insertTableRow: { tableCellLocation: { tableStartLocation: { index: 3 }, rowIndex: 0 } } }]))
      .toThrow('Invalid requests[0].insertTableRow: The table start location 3 is not the start index of a table.');
  });
});

describe('deleteContentRange', () => {
  it('never deletes the final newline of the body', () => {
    const d = doc('Hello');
    expect(() => d.applyBatch([{ deleteContentRange: { range: { startIndex: 1, endIndex: 7 } } }]))
      .toThrow('Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.');
    d.applyBatch([{ deleteContentRange: { range: { startIndex: 1, endIndex: 6 } } }]);
    expect(d.plainText()).toBe('\n');
  });

  it('refuses an empty range', () => {
    expect(() => doc('Hello').applyBatch([{ deleteContentRange: { range: { startIndex: 3, endIndex: 3 } } }]))
      .toThrow('Invalid requests[0].deleteContentRange: The range should not be empty.');
  });

  it('removes a whole paragraph, the next one keeping its own style', () => {
    const d = doc('Optional clause\nSignature');
    d.applyBatch([
      { updateParagraphStyle: { range: { startIndex: 17, endIndex: 18 }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
      { deleteContentRange: { range: { startIndex: 1, endIndex: 17 } } },
    ]);
    const content = d.toJson().body.content.slice(1);
    expect(paragraphTexts(content)).toEqual(['Signature\n']);
    expect(content[0].paragraph!.paragraphStyle.namedStyleType).toBe('HEADING_2');
  });

  it('keeps the first paragraph\'s style when a delete joins two paragraphs', () => {
    const d = doc('Heading\nBody');
    d.applyBatch([
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
      { deleteContentRange: { range: { startIndex: 5, endIndex: 10 } } },
    ]);
    const content = d.toJson().body.content.slice(1);
    expect(paragraphTexts(content)).toEqual(['Headody\n']);
    expect(content[0].paragraph!.paragraphStyle.namedStyleType).toBe('HEADING_1');
  });

  it('refuses part of a table, or the paragraph break before one, but deletes a whole table', () => {
    const d = doc('Before');
    d.applyBatch([{ insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } }]);
    const { element, table } = firstTable(d.toJson());
    const row = table.tableRows[0];
    const cannot = 'Invalid requests[0].deleteContentRange: Invalid deletion range. Cannot delete the requested range.';
    expect(() => d.applyBatch([{ deleteContentRange: { range: { startIndex: row.startIndex, endIndex: row.endIndex } } }])).toThrow(cannot);
    expect(() => d.applyBatch([{ deleteContentRange: { range: { startIndex: element.startIndex! - 1, endIndex: element.startIndex! + 3 } } }])).toThrow(cannot);
    expect(() => d.applyBatch([{ deleteContentRange: { range: { startIndex: 1, endIndex: element.startIndex! } } }])).toThrow(cannot);
    const cell = row.tableCells[0];
    expect(() => d.applyBatch([{ deleteContentRange: { range: { startIndex: cell.startIndex + 1, endIndex: cell.endIndex } } }])).toThrow(cannot);
    d.applyBatch([{ deleteContentRange: { range: { startIndex: element.startIndex!, endIndex: element.endIndex } } }]);
    expect(d.toJson().body.content.some((e) => e.table)).toBe(false);
    expect(d.plainText()).toBe('Before\n\n');
  });

  it('deletes text inside one cell', () => {
    const d = doc();
    d.applyBatch([{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }, { insertText: { location: { index: 5 }, text: 'Keep drop' } }]);
    d.applyBatch([{ deleteContentRange: { range: { startIndex: 9, endIndex: 14 } } }]);
    expect(paragraphTexts(firstTable(d.toJson()).table.tableRows[0].tableCells[0].content)).toEqual(['Keep\n']);
  });
});

describe('replaceAllText', () => {
  it('replaces every occurrence, in cells too, keeping the placeholder\'s style, and counts them', () => {
    const d = doc('Dear {{Preferred name}},\n');
    d.applyBatch([{ insertTable: { rows: 1, columns: 1, endOfSegmentLocation: {} } }]);
    const cell = firstTable(d.toJson()).table.tableRows[0].tableCells[0].content[0].startIndex!;
    d.applyBatch([
      { insertText: { location: { index: cell }, text: 'Signed: {{preferred NAME}}' } },
      { updateTextStyle: { range: { startIndex: 6, endIndex: 24 }, textStyle: { bold: true }, fields: 'bold' } },
    ]);
    const [reply] = d.applyBatch([{ replaceAllText: { containsText: { text: '{{Preferred name}}', matchCase: false }, replaceText: 'Sam' } }]);
    expect(reply).toEqual({ replaceAllText: { occurrencesChanged: 2 } });
    const json = d.toJson();
    expect(json.body.content[1].paragraph!.elements.map((e) => [e.textRun!.content, e.textRun!.textStyle])).toEqual([['Dear ', {}], ['Sam', { bold: true }], [',\n', {}]]);
    expect(d.plainText()).toContain('Signed: Sam');
    expect(expectContiguous(json.body.content, 0)).toBe(d.endIndex);
  });

  it('matches case only when asked, and reports no occurrences as an empty reply', () => {
    const d = doc('{{Site}}');
    expect(d.applyBatch([{ replaceAllText: { containsText: { text: '{{SITE}}', matchCase: true }, replaceText: 'x' } }])).toEqual([{ replaceAllText: {} }]);
    expect(d.plainText()).toBe('{{Site}}\n');
  });
});

describe('styles and lists', () => {
  it('names paragraph styles and splits text runs where bold or italic changes', () => {
    const d = doc('Employment contract\nThis is binding.');
    d.applyBatch([
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 21 }, paragraphStyle: { namedStyleType: 'TITLE' }, fields: 'namedStyleType' } },
      { updateTextStyle: { range: { startIndex: 29, endIndex: 36 }, textStyle: { bold: true, italic: true }, fields: 'bold,italic' } },
    ]);
    const content = d.toJson().body.content.slice(1);
    expect(content[0].paragraph!.paragraphStyle.namedStyleType).toBe('TITLE');
    expect(content[1].paragraph!.elements.map((e) => [e.textRun!.content, e.textRun!.textStyle])).toEqual([
      ['This is ', {}], ['binding', { bold: true, italic: true }], ['.\n', {}],
    ]);
  });

  it('refuses an unknown named style with the API\'s enum error', () => {
    expect(() => doc('x').applyBatch([{ updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_9' }, fields: 'namedStyleType' } }]))
      .toThrow(/Invalid value at 'requests\[0\]\.update_paragraph_style\.paragraph_style\.named_style_type'/);
  });

  it('turns paragraphs into a list, leading tabs becoming nesting levels and disappearing', () => {
    const d = doc('Naloxone\n\tNasal\nFirst aid');
    d.applyBatch([{ createParagraphBullets: { range: { startIndex: 1, endIndex: 26 }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } }]);
    const json = d.toJson();
    expect(paragraphTexts(json.body.content)).toEqual(['Naloxone\n', 'Nasal\n', 'First aid\n']);
    const bullets = json.body.content.slice(1).map((e) => e.paragraph!.bullet);
    expect(bullets.map((b) => b?.nestingLevel ?? 0)).toEqual([0, 1, 0]);
    expect(new Set(bullets.map((b) => b?.listId)).size).toBe(1);
    expect(json.lists?.[bullets[0]!.listId].listProperties.nestingLevels[0].glyphType).toBe('DECIMAL');
    const labels = readDocument(json).map((b) => (b.type === 'paragraph' ? b.list?.label : undefined));
    expect(labels).toEqual(['1.', 'a.', '2.']);
  });
});

describe('layout: page, font and spacing', () => {
  // DocumentStyle, TextStyle and ParagraphStyle as the Docs API v1 reference describes them
  // (developers.google.com/docs/api/reference/rest/v1/documents#DocumentStyle, #TextStyle, #ParagraphStyle).
  const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

  it('starts on US Letter with one-inch margins and changes page size and margins through updateDocumentStyle', () => {
    const d = doc('Hello');
    expect(d.toJson().documentStyle.pageSize).toEqual({ width: pt(612), height: pt(792) });
    d.applyBatch([{ updateDocumentStyle: { documentStyle: { pageSize: { width: pt(595.3), height: pt(841.9) }, marginLeft: pt(54) }, fields: 'pageSize,marginLeft' } }]);
    const style = d.toJson().documentStyle;
    expect(style.pageSize).toEqual({ width: pt(595.3), height: pt(841.9) });
    expect(style.marginLeft).toEqual(pt(54));
    expect(style.marginRight).toEqual(pt(72));
    // A copy (as Drive makes) keeps the page.
    expect(d.copy('doc-2', 'Copy').toJson().documentStyle.pageSize.width).toEqual(pt(595.3));
  });

  it('refuses margins that leave no room, and units it does not model, loudly', () => {
    const d = doc('Hello');
    expect(() => d.applyBatch([{ updateDocumentStyle: { documentStyle: { marginLeft: pt(400), marginRight: pt(300) }, fields: 'marginLeft,marginRight' } }])).toThrow(/no room/);
    expect(() => d.applyBatch([{ updateDocumentStyle: { documentStyle: { marginLeft: { magnitude: 1, unit: 'EMU' } }, fields: 'marginLeft' } }])).toThrow(/not implemented by the local Workspace/);
  });

  it('sets a font family and size on a range, splitting runs where they change', () => {
    const d = doc('Title and body');
    d.applyBatch([
      { updateTextStyle: { range: { startIndex: 1, endIndex: 15 }, textStyle: { weightedFontFamily: { fontFamily: 'Arial' }, fontSize: pt(11) }, fields: 'weightedFontFamily,fontSize' } },
      { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { fontSize: pt(20) }, fields: 'fontSize' } },
    ]);
    const runs = d.toJson().body.content[1].paragraph!.elements.map((e) => e.textRun);
    expect(runs[0]).toEqual({ content: 'Title', textStyle: { weightedFontFamily: { fontFamily: 'Arial', weight: 400 }, fontSize: pt(20) } });
    expect(runs[1]).toEqual({ content: ' and body', textStyle: { weightedFontFamily: { fontFamily: 'Arial', weight: 400 }, fontSize: pt(11) } });
    // Text typed after the title takes the title's style, as inserted text takes the style before it.
    d.applyBatch([{ insertText: { location: { index: 6 }, text: '!' } }]);
    expect(d.toJson().body.content[1].paragraph!.elements[0].textRun!.content).toBe('Title!');
  });

  it('keeps a paragraph\'s spacing when it becomes a list item', () => {
    const d = doc('One\nTwo');
    d.applyBatch([
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 8 }, paragraphStyle: { spaceBelow: pt(3) }, fields: 'spaceBelow' } },
      { createParagraphBullets: { range: { startIndex: 1, endIndex: 8 }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } },
    ]);
    for (const element of d.toJson().body.content.slice(1)) {
      expect(element.paragraph!.bullet).toBeDefined();
      expect(element.paragraph!.paragraphStyle.spaceBelow).toEqual(pt(3));
    }
  });

  it('refuses a weightedFontFamily without a font family, as Google answers 400', () => {
    expect(() => doc('x').applyBatch([{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { weightedFontFamily: { weight: 400 } }, fields: 'weightedFontFamily' } }])).toThrow(/fontFamily must be set/);
  });

  it('sets space above and below and line spacing per paragraph, keeping them across a split and clearing one named in the mask but unset', () => {
    const d = doc('One\nTwo');
    d.applyBatch([{ updateParagraphStyle: { range: { startIndex: 1, endIndex: 8 }, paragraphStyle: { spaceAbove: pt(12), spaceBelow: pt(6), lineSpacing: 115 }, fields: 'spaceAbove,spaceBelow,lineSpacing' } }]);
    let [one, two] = d.toJson().body.content.slice(1).map((e) => e.paragraph!.paragraphStyle);
    expect(one).toMatchObject({ namedStyleType: 'NORMAL_TEXT', spaceAbove: pt(12), spaceBelow: pt(6), lineSpacing: 115 });
    expect(two).toEqual(one);
    d.applyBatch([
      { insertText: { location: { index: 2 }, text: '\n' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: {}, fields: 'spaceAbove' } },
    ]);
    [one, two] = d.toJson().body.content.slice(1).map((e) => e.paragraph!.paragraphStyle);
    expect(one.spaceAbove).toBeUndefined();
    expect(one.spaceBelow).toEqual(pt(6));
    expect(two).toMatchObject({ spaceAbove: pt(12), lineSpacing: 115 });
    expect(readDocument(d.toJson())[1]).toMatchObject({ type: 'paragraph', spacing: { spaceAbove: 12, spaceBelow: 6, lineSpacing: 115 } });
  });
});

describe('a batch', () => {
  it('applies all of its requests or none of them', () => {
    const d = doc('Hello');
    const before = JSON.stringify(d.toJson());
    expect(() => d.applyBatch([
      { insertText: { location: { index: 1 }, text: 'Oh, ' } },
      { deleteContentRange: { range: { startIndex: 1, endIndex: 99 } } },
    ])).toThrow(/^Invalid requests\[1\]\.deleteContentRange: /);
    expect(JSON.stringify(d.toJson())).toBe(before);
  });

  it('moves to a new revision only when it succeeds', () => {
    const d = doc();
    const first = d.revisionId;
    d.applyBatch([{ insertText: { location: { index: 1 }, text: 'x' } }]);
    expect(d.revisionId).not.toBe(first);
  });

  it('fails loudly on a request kind the local Workspace does not model, and as a typo on an unknown one', () => {
    expect(() => doc().applyBatch([{ insertInlineImage: { location: { index: 1 }, uri: 'https://example.org/a.png' } }]))
      .toThrow('Docs request insertInlineImage is not implemented by the local Workspace');
    expect(() => doc().applyBatch([{ insertTxt: { location: { index: 1 }, text: 'x' } }]))
      .toThrow('Unknown name "insertTxt" at \'requests[0]\'');
  });
});

describe('any sequence of edits', () => {
  it('keeps indexes contiguous and the text equal to the same edits made on a plain string', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom('a', 'b', '\n', 'é', '😀'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
      const d = doc();
      let text = '\n';
      for (const e of edits) {
        if (e.kind === 'insert') {
          const index = 1 + (e.at % text.length);
          const pos = index - 1;
          if (/[\udc00-\udfff]/.test(text[pos] ?? '')) continue; // inside a surrogate pair: Google refuses it
          d.applyBatch([{ insertText: { location: { index }, text: e.text } }]);
          text = text.slice(0, pos) + e.text + text.slice(pos);
        } else {
          if (text.length < 2) continue;
          const start = 1 + (e.at % (text.length - 1));
          const end = Math.min(start + e.length, text.length);
          if (/[\udc00-\udfff]/.test(text[start - 1] ?? '') || /[\udc00-\udfff]/.test(text[end - 1] ?? '')) continue;
          d.applyBatch([{ deleteContentRange: { range: { startIndex: start, endIndex: end } } }]);
          text = text.slice(0, start - 1) + text.slice(end - 1);
        }
      }
      expect(d.plainText()).toBe(text);
      expect(expectContiguous(d.toJson().body.content, 0)).toBe(text.length + 1);
    }));
  });
});
