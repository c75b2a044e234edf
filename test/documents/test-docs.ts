// Test documents on the local Workspace's Docs model (the one strict model of a Google Doc): build one
// from paragraphs and tables, apply batchUpdate requests, read back Docs API v1 JSON.

import type { DocsDocumentJson, DocsRequest, DocsStructuralElement } from '../../addon/documents/merge';
import { templateToRequests, type DocumentTemplate, type TemplateBlock } from '../../addon/documents/templateDocs';
import { DocumentModel } from '../../workspace/docs-model';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A paragraph as plain text or runs, or a table of cells (plain text or runs, one paragraph each). */
export type BlockSpec = string | Run[] | { table: (string | Run[])[][] };

const runsOf = (spec: string | Run[]): Run[] => (typeof spec === 'string' ? [{ text: spec }] : spec);

function blockOf(spec: BlockSpec): TemplateBlock {
  if (typeof spec === 'string' || Array.isArray(spec)) return { type: 'paragraph', runs: runsOf(spec) } as TemplateBlock;
  return { type: 'table', rows: spec.table.map((row) => row.map(runsOf)) } as TemplateBlock;
}

export class FakeDoc {
  private constructor(private readonly model: DocumentModel) {}

  /** A new empty Google Doc: a section break, then one empty paragraph at index 1. */
  static empty(): FakeDoc {
    return new FakeDoc(new DocumentModel('test-document', 'Test'));
  }

  /** A document with these paragraphs and tables, written the way Install document templates writes one. */
  static build(blocks: BlockSpec[]): FakeDoc {
    const template = { id: 'test', title: 'Test', kind: 'contract', fileName: 'Test', requires: [], blocks: blocks.map(blockOf) } as unknown as DocumentTemplate;
    return FakeDoc.empty().apply(templateToRequests(template));
  }

  /** Applies one batchUpdate, all or nothing, with the Docs API's validation. */
  apply(requests: readonly DocsRequest[]): this {
    this.model.applyBatch(requests);
    return this;
  }

  toJson(): DocsDocumentJson {
    return this.model.toJson() as unknown as DocsDocumentJson;
  }
}

/**
 * The visible text of a Docs JSON body: one line per paragraph, a table as "| a | b |" rows.
 * With `marks`, headings get "#"/"##", bullets "- " and bold/italic "**"/"*", to check styling.
 */
export function textOf(document: DocsDocumentJson, marks = false): string {
  const lines: string[] = [];
  // A list is numbered when its first level has a glyph type (DECIMAL…) rather than a bullet symbol.
  const lists = (document as unknown as { lists?: Record<string, { listProperties?: { nestingLevels?: { glyphType?: string }[] } }> }).lists ?? {};
  const numbered = (listId: string): boolean => {
    const type = lists[listId]?.listProperties?.nestingLevels?.[0]?.glyphType;
    return !!type && type !== 'GLYPH_TYPE_UNSPECIFIED' && type !== 'NONE';
  };
  const walk = (content: readonly DocsStructuralElement[]): void => {
    for (const element of content) {
      if (element.paragraph) lines.push(paragraphText(element, marks, numbered));
      if (element.table) {
        for (const row of element.table.tableRows ?? []) {
          const cells = (row.tableCells ?? []).map((cell) =>
            (cell.content ?? []).map((inner) => (inner.paragraph ? paragraphText(inner, marks, numbered) : '[table]')).join(' / '),
          );
          lines.push(`| ${cells.join(' | ')} |`);
        }
      }
    }
  };
  walk(document.body?.content ?? []);
  return lines.join('\n');
}

const HEADING_MARKS: Record<string, string> = { TITLE: '# ', HEADING_1: '## ', HEADING_2: '### ', HEADING_3: '#### ' };

function paragraphText(element: DocsStructuralElement, marks: boolean, numbered: (listId: string) => boolean): string {
  const paragraph = element.paragraph;
  const text = (paragraph?.elements ?? [])
    .map((part) => {
      const content = (part.textRun?.content ?? '').replace(/\n$/, '');
      if (!marks || content === '') return content;
      const style = part.textRun?.textStyle ?? {};
      const mark = (style.bold ? '**' : '') + (style.italic ? '*' : '');
      return mark + content + mark.split('').reverse().join('');
    })
    .join('');
  if (!marks) return text;
  const heading = HEADING_MARKS[paragraph?.paragraphStyle?.namedStyleType ?? ''] ?? '';
  const bullet = paragraph?.bullet ? (numbered(paragraph.bullet.listId ?? '') ? '1. ' : '- ') : '';
  return heading + bullet + text;
}
