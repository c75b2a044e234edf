// Installing a template writes its headings, emphasis, lists and tables into an empty Google Doc in one batchUpdate.
import { placeholdersIn } from '../../addon/documents/merge';
import { DocumentTemplate, templateToRequests } from '../../addon/documents/templateDocs';
import { loadDocumentTemplates } from '../../scripts/templates/documents';
import { FakeDoc, textOf } from './test-docs';

const SUBSET = [
  'updateDocumentStyle',
  'insertText',
  'deleteContentRange',
  'updateParagraphStyle',
  'updateTextStyle',
  'createParagraphBullets',
  'insertTable',
  'insertTableRow',
  'deleteTableRow',
];

function template(blocks: DocumentTemplate['blocks']): DocumentTemplate {
  return { id: 'sample', title: 'Sample', kind: 'contract', fileName: '{{Full name}}', requires: [], blocks };
}

function install(blocks: DocumentTemplate['blocks']): string {
  return textOf(FakeDoc.empty().apply(templateToRequests(template(blocks))).toJson(), true);
}

describe('templateToRequests', () => {
  it('writes headings, bold and italic text, and both kinds of list', () => {
    const text = install([
      { type: 'heading', level: 1, runs: [{ text: 'Employment contract' }] },
      { type: 'paragraph', runs: [{ text: 'Between ' }, { text: '{{Organization name}}', bold: true }, { text: ' and ' }, { text: 'you', italic: true }, { text: '.' }] },
      { type: 'heading', level: 2, runs: [{ text: 'Support' }] },
      { type: 'list', ordered: false, items: [[{ text: 'Debriefing' }], [{ text: 'Paid', bold: true }, { text: ' training' }]] },
      { type: 'heading', level: 3, runs: [{ text: 'Steps' }] },
      { type: 'list', ordered: true, items: [[{ text: 'Sign' }], [{ text: 'Start' }]] },
    ]);
    expect(text).toBe(
      [
        '# Employment contract',
        'Between **{{Organization name}}** and *you*.',
        '## Support',
        '- Debriefing',
        '- **Paid** training',
        '### Steps',
        '1. Sign',
        '1. Start',
      ].join('\n'),
    );
  });

  it('writes tables with a bold header row, including one at the very start and two in a row', () => {
    const text = install([
      { type: 'table', header: true, rows: [[[{ text: 'Topic' }], [{ text: 'Date' }]], [[{ text: '{{#each Trainings}}{{Topic}}' }], [{ text: '{{Date}}' }]]] },
      { type: 'table', rows: [[[{ text: 'Signed' }], []]] },
      { type: 'paragraph', runs: [{ text: 'After the tables.' }] },
    ]);
    expect(text).toBe(
      [
        '', // Docs puts a paragraph before a table inserted at the start.
        '| **Topic** | **Date** |',
        '| {{#each Trainings}}{{Topic}} | {{Date}} |',
        '',
        '| Signed |  |',
        'After the tables.',
      ].join('\n'),
    );
  });

  it('uses only the documented request subset', () => {
    for (const shipped of loadDocumentTemplates()) {
      for (const request of templateToRequests(shipped)) expect(SUBSET).toContain(Object.keys(request)[0]);
    }
  });

  it('installs every shipped template with all its placeholders intact', () => {
    for (const shipped of loadDocumentTemplates()) {
      const document = FakeDoc.empty().apply(templateToRequests(shipped)).toJson();
      const written = JSON.stringify(shipped.blocks).match(/\{\{[^{}]*\}\}/g) ?? [];
      expect(placeholdersIn(document).sort()).toEqual(Array.from(new Set(written)).sort());
    }
  });
});
