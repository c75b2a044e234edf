// Writes a Google Doc (documents.get JSON) as a .docx a person can open in Word or LibreOffice: headings, paragraphs, bold/italic runs, bulleted and numbered lists, tables.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ILevelsOptions,
} from 'docx';
import { readDocument, type BlockView, type DocumentJson, type NamedStyleType } from './docs-model';

const HEADINGS: Partial<Record<NamedStyleType, (typeof HeadingLevel)[keyof typeof HeadingLevel]>> = {
  TITLE: HeadingLevel.TITLE,
  HEADING_1: HeadingLevel.HEADING_1,
  HEADING_2: HeadingLevel.HEADING_2,
  HEADING_3: HeadingLevel.HEADING_3,
  HEADING_4: HeadingLevel.HEADING_4,
  HEADING_5: HeadingLevel.HEADING_5,
  HEADING_6: HeadingLevel.HEADING_6,
};

const FORMATS: Record<string, (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  DECIMAL: LevelFormat.DECIMAL,
  ZERO_DECIMAL: LevelFormat.DECIMAL_ZERO,
  ALPHA: LevelFormat.LOWER_LETTER,
  UPPER_ALPHA: LevelFormat.UPPER_LETTER,
  ROMAN: LevelFormat.LOWER_ROMAN,
  UPPER_ROMAN: LevelFormat.UPPER_ROMAN,
};

/** Each Google list becomes one Word numbering definition, so every list counts from 1 on its own. */
function numberingOf(json: DocumentJson): { reference: string; levels: ILevelsOptions[] }[] {
  return Object.entries(json.lists ?? {}).map(([listId, list]) => ({
    reference: listId,
    levels: list.listProperties.nestingLevels.map((level, i): ILevelsOptions => {
      const indent = { left: 720 * (i + 1), hanging: 360 };
      if (level.glyphType && FORMATS[level.glyphType]) {
        // Google writes "%0." for the first level's number; Word counts levels from 1.
        const text = level.glyphFormat.replace(/%(\d)/g, (_, n: string) => `%${Number(n) + 1}`);
        return { level: i, format: FORMATS[level.glyphType], text, alignment: AlignmentType.START, style: { paragraph: { indent } } };
      }
      return { level: i, format: LevelFormat.BULLET, text: level.glyphSymbol ?? '•', alignment: AlignmentType.START, style: { paragraph: { indent } } };
    }),
  }));
}

/** Word measures paragraph spacing in twentieths of a point and line spacing in 240ths of a line. */
const TWIPS_PER_POINT = 20;
/** Cell padding: 5 pt at the sides and 2 pt above and below, in twips. */
const CELL_PADDING = { left: 5 * 20, right: 5 * 20, top: 2 * 20, bottom: 2 * 20 };

function paragraphOf(block: Extract<BlockView, { type: 'paragraph' }>): Paragraph {
  const children = block.runs.flatMap((run) => run.text.split('\u000b').map((text, i) => new TextRun({
    // Only what is set is written, so a heading's own bold is not switched off.
    text: text.replace(/\t/g, '    '), bold: run.bold || undefined, italics: run.italic || undefined,
    underline: run.underline ? {} : undefined, break: i > 0 ? 1 : undefined,
    font: run.fontFamily, size: run.fontSize === undefined ? undefined : Math.round(run.fontSize * 2),
  })));
  const { spaceAbove, spaceBelow, lineSpacing } = block.spacing;
  if (block.style === 'SUBTITLE') {
    return new Paragraph({ children: block.runs.map((run) => new TextRun({ text: run.text, italics: true, size: 30, color: '666666' })) });
  }
  return new Paragraph({
    children,
    heading: HEADINGS[block.style],
    numbering: block.list ? { reference: block.list.listId, level: block.list.level } : undefined,
    spacing: {
      before: spaceAbove === undefined ? undefined : Math.round(spaceAbove * TWIPS_PER_POINT),
      after: spaceBelow === undefined ? undefined : Math.round(spaceBelow * TWIPS_PER_POINT),
      line: lineSpacing === undefined ? undefined : Math.round(240 * lineSpacing / 100),
    },
  });
}

function childrenOf(blocks: readonly BlockView[]): (Paragraph | Table)[] {
  return blocks.map((block) => {
    if (block.type === 'paragraph') return paragraphOf(block);
    const columns = Math.max(...block.rows.map((row) => row.length));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: block.rows.map((cells) => new TableRow({
        children: Array.from({ length: columns }, (_, c) => {
          const content = childrenOf(cells[c] ?? []);
          // Word needs a paragraph to close every cell.
          if (!(content[content.length - 1] instanceof Paragraph)) content.push(new Paragraph({}));
          // Google Docs pads table cells by default; Word's cells would otherwise put text against the border.
          return new TableCell({ children: content, width: { size: Math.floor(100 / columns), type: WidthType.PERCENTAGE }, margins: CELL_PADDING });
        }),
      })),
    });
  });
}

/** The Doc's page size and margins (points) in Word's twips. */
function pageOf(json: DocumentJson): { size: { width: number; height: number }; margin: { top: number; bottom: number; left: number; right: number } } {
  const style = json.documentStyle;
  const twips = (dimension: { magnitude?: number }, fallback: number): number => Math.round((dimension.magnitude ?? fallback) * TWIPS_PER_POINT);
  return {
    size: { width: twips(style.pageSize.width, 612), height: twips(style.pageSize.height, 792) },
    margin: { top: twips(style.marginTop, 72), bottom: twips(style.marginBottom, 72), left: twips(style.marginLeft, 72), right: twips(style.marginRight, 72) },
  };
}

/** The document as .docx bytes. */
export async function documentDocx(json: DocumentJson): Promise<Buffer> {
  const document = new Document({
    title: json.title,
    creator: 'ROSE Tracker',
    numbering: { config: numberingOf(json) },
    // The Doc's own page: Word's default would otherwise be the docx library's A4.
    sections: [{ properties: { page: pageOf(json) }, children: childrenOf(readDocument(json)) }],
  });
  return Packer.toBuffer(document);
}

/** Writes the document to `path` as .docx, creating its folder if needed. */
export async function writeDocumentDocx(json: DocumentJson, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await documentDocx(json));
}
