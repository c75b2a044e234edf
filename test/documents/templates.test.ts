// The Markdown templates shipped in templates/documents parse into blocks and are refused at build time when a field or marker is wrong.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROLES } from '../../addon/tracker/schema';
import { loadDocumentTemplates, parseDocumentTemplate, TemplateError } from '../../scripts/templates/documents';

const FRONT = ['---', 'id: sample', 'title: Sample', 'kind: contract', 'fileName: "{{Full name}} - Sample"', 'requires: [Start]', '---'];

/** Parses a template made of the standard front matter (lines 1–7) and these body lines (from line 8). */
function parseBody(...body: string[]): ReturnType<typeof parseDocumentTemplate> {
  return parseDocumentTemplate(FRONT.concat(body).join('\n'), 'sample.md');
}

describe('the shipped templates', () => {
  const templates = loadDocumentTemplates();

  it('all parse and validate, one per id', () => {
    expect(templates.map((template) => template.id).sort()).toEqual([
      'certificate-training',
      'employment-contract',
      'job-description-peer-supporter',
      'job-description-peer-worker',
      'job-description-systems-navigator',
      'reference-letter',
    ]);
  });

  it('include a job description for each peer role, named as in the Staff tab', () => {
    const roles = templates.filter((template) => template.kind === 'job-description').map((template) => template.role as string);
    expect(roles.sort()).toEqual(['Peer Supporter', 'Peer Worker', 'Systems Navigator']);
    for (const role of roles) expect(ROLES as readonly string[]).toContain(role);
  });

  it('name each generated document after the person', () => {
    for (const template of templates) expect(template.fileName).toContain('{{Full name}}');
  });

  it('show the wage against the living wage in the contract and every job description', () => {
    for (const template of templates.filter((t) => t.kind === 'contract' || t.kind === 'job-description')) {
      expect(JSON.stringify(template.blocks)).toContain('{{Wage vs living wage}}');
      expect(template.requires).toEqual(expect.arrayContaining(['Hourly wage', 'Living wage', 'Living wage as of']));
    }
  });

  it('give the contract a probation section only for new hires', () => {
    const contract = templates.find((template) => template.id === 'employment-contract');
    expect(JSON.stringify(contract?.blocks)).toContain('{{#if Is new hire}}');
  });

  it('list trainings in the reference letter in a repeating row, inside a section that is left out without any', () => {
    const letter = templates.find((template) => template.id === 'reference-letter');
    const table = letter?.blocks.find((block) => block.type === 'table');
    expect(table).toMatchObject({ type: 'table', header: true });
    expect(JSON.stringify(table)).toContain('{{#each Trainings}}{{Topic}}');
    const text = JSON.stringify(letter?.blocks);
    expect(text.indexOf('{{#if Trainings}}')).toBeLessThan(text.indexOf('{{#each Trainings}}'));
    expect(text).not.toContain('{{#unless Trainings}}');
  });

  it('give the contract and the reference letter signature lines with room to sign', () => {
    for (const id of ['employment-contract', 'reference-letter']) {
      const blocks = templates.find((template) => template.id === id)?.blocks ?? [];
      expect(blocks.filter((block) => block.type === 'signature-line').length).toBeGreaterThanOrEqual(id === 'employment-contract' ? 2 : 1);
    }
  });

  it('cover what B.C.\'s Employment Standards Act sets, each with its source beside it', () => {
    const source = fs.readFileSync(path.join('templates', 'documents', 'employment-contract.md'), 'utf8');
    const runsText = (runs: readonly { text: string }[]): string => runs.map((run) => run.text).join('');
    const plain = (templates.find((template) => template.id === 'employment-contract')?.blocks ?? []).map((block) => {
      if (block.type === 'heading' || block.type === 'paragraph') return runsText(block.runs);
      if (block.type === 'list') return block.items.map(runsText).join('\n');
      if (block.type === 'table') return block.rows.map((row) => `| ${row.map(runsText).join(' | ')} |`).join('\n');
      return '____';
    }).join('\n').replace(/\n/g, ' ');
    const rights: [RegExp, RegExp][] = [
      [/2 weeks of paid vacation.*After 5 years, you get 3 weeks.*4 %.*6 % after 5 years/, /esa|vacation/i],
      [/11 statutory holidays.*National Day for Truth and Reconciliation.*30 days and worked on at least 15 of the 30 days/, /ss\. 44–46/],
      [/5 paid sick days.*After 90 days|After 90 days with us, you get up to 5 paid sick days/, /esa-part-6-section-49-1/],
      [/over 8 hours in a day, or over 40 hours in a week, is paid at 1\.5 times.*over 12 hours in a day is paid at 2 times/, /esa-part-4-section-40/],
      [/After 5 hours of work in a row, you get a meal break of at least 30 minutes/, /esa-part-4-section-32/],
      [/at least 2 hours.*more than 8 hours, we pay you for at least 4 hours/, /esa-part-4-section-34/],
      [/\| 3 months \| 1 week \|.*\| 12 months \| 2 weeks \|.*\| 3 years \| 3 weeks \|.*up to 8 weeks/, /esa-part-8-section-63/],
      [/WorkSafeBC.*within 3 days/, /worksafebc\.com/],
      [/bus fare, taxis or mileage.*childcare/, /BCCDC Peer Payment Standards/],
    ];
    for (const [says, cites] of rights) {
      expect(plain).toMatch(says);
      expect(source).toMatch(cites);
    }
  });
});

describe('parsing Markdown', () => {
  it('turns headings, emphasis, lists and tables into blocks', () => {
    const { template, problems } = parseBody(
      '# Title',
      '## Section',
      '### Part',
      'Some **bold** and *italic* text',
      'that goes on, with a \\* star.',
      '',
      '- first',
      '- second',
      '  continued',
      '',
      '1. one',
      '2. two',
      '',
      '| Topic | Date |',
      '|---|---|',
      '| {{#each Trainings}}{{Topic}} | {{Date}} |',
      '',
      '<!-- a note',
      'for authors only -->',
      '| Key | {{Full name}} |',
    );
    expect(problems).toEqual([]);
    expect(template?.blocks).toEqual([
      { type: 'heading', level: 1, runs: [{ text: 'Title' }] },
      { type: 'heading', level: 2, runs: [{ text: 'Section' }] },
      { type: 'heading', level: 3, runs: [{ text: 'Part' }] },
      {
        type: 'paragraph',
        runs: [
          { text: 'Some ' },
          { text: 'bold', bold: true },
          { text: ' and ' },
          { text: 'italic', italic: true },
          { text: ' text that goes on, with a * star.' },
        ],
      },
      { type: 'list', ordered: false, items: [[{ text: 'first' }], [{ text: 'second continued' }]] },
      { type: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two' }]] },
      {
        type: 'table',
        header: true,
        rows: [
          [[{ text: 'Topic' }], [{ text: 'Date' }]],
          [[{ text: '{{#each Trainings}}{{Topic}}' }], [{ text: '{{Date}}' }]],
        ],
      },
      { type: 'table', rows: [[[{ text: 'Key' }], [{ text: '{{Full name}}' }]]] },
    ]);
  });

  it('keeps a marker on its own line as its own paragraph', () => {
    const { template } = parseBody('{{#if Is new hire}}', 'Welcome aboard.', '{{/if}}');
    expect(template?.blocks).toEqual([
      { type: 'paragraph', runs: [{ text: '{{#if Is new hire}}' }] },
      { type: 'paragraph', runs: [{ text: 'Welcome aboard.' }] },
      { type: 'paragraph', runs: [{ text: '{{/if}}' }] },
    ]);
  });

  it('reads the front matter, with requires as a block list too', () => {
    const source = ['---', 'id: jd', 'title: JD', 'kind: job-description', 'role: Peer Worker', "fileName: '{{Full name}} JD'", 'requires:', '  - Start', '  - Hourly wage', '---', 'Text'];
    const { template, problems } = parseDocumentTemplate(source.join('\n'), 'jd.md');
    expect(problems).toEqual([]);
    expect(template).toMatchObject({ id: 'jd', title: 'JD', kind: 'job-description', role: 'Peer Worker', fileName: '{{Full name}} JD', requires: ['Start', 'Hourly wage'] });
  });
});

describe('problems are named with file, line and a fix', () => {
  it('suggests the field a misspelled placeholder meant', () => {
    const { problems } = parseBody('', 'Intro.', '', 'You earn {{Hourly Wage}} an hour.');
    expect(problems).toEqual(['sample.md: line 11: unknown field {{Hourly Wage}} — did you mean {{Hourly wage}}?']);
  });

  it('points at the line inside a paragraph that spans several', () => {
    const { problems } = parseBody('First line,', 'then {{Organisation name}}.');
    expect(problems).toEqual(['sample.md: line 9: unknown field {{Organisation name}} — did you mean {{Organization name}}?']);
  });

  it('reports an unknown field in a table and in a condition', () => {
    const { problems } = parseBody('{{#if Contract ends}}', 'x', '{{/if}}', '', '| Wage | {{Wage}} |');
    expect(problems[0]).toBe('sample.md: line 8: unknown field {{#if Contract ends}} — did you mean {{Contract end}}?');
    expect(problems[1]).toMatch(/^sample\.md: line 12: unknown field \{\{Wage\}\}/);
  });

  it('reports a condition that is never closed, or closed by the wrong marker', () => {
    expect(parseBody('{{#if Is new hire}}', 'Welcome.').problems).toEqual([
      'sample.md: line 8: {{#if Is new hire}} is never closed with {{/if}}',
    ]);
    expect(parseBody('{{#if End}}', 'Gone.', '{{/unless}}').problems).toEqual([
      'sample.md: line 10: {{/unless}} closes {{#if End}} from line 8: close it with {{/if}}',
    ]);
    expect(parseBody('Text.', '', '{{/if}}').problems).toEqual(['sample.md: line 10: {{/if}} has no opening {{#if …}} before it']);
  });

  it('requires a condition to wrap whole paragraphs', () => {
    expect(parseBody('Welcome {{#if Is new hire}}aboard{{/if}}.').problems).toEqual([
      'sample.md: line 8: {{#if Is new hire}} must start its paragraph',
      'sample.md: line 8: {{/if}} must end its paragraph',
    ]);
  });

  it('keeps list fields to their repeating row', () => {
    expect(parseBody('Trained in {{Topic}}.').problems).toEqual([
      'sample.md: line 8: {{Topic}} belongs to Trainings: use it in the table row that has {{#each Trainings}}',
    ]);
    expect(parseBody('{{Trainings}}').problems).toEqual([
      'sample.md: line 8: {{Trainings}} is a list: repeat a table row with {{#each Trainings}} in its first cell',
    ]);
    expect(parseBody('| {{Date}} | {{#each Trainings}}{{Topic}} |').problems).toContain(
      'sample.md: line 8: {{#each Trainings}} must be in the first cell of the row',
    );
    expect(parseBody('| {{#each Trainings}}Topic |', '|---|').problems).toEqual([
      'sample.md: line 8: {{#each Trainings}} cannot be in the header row: put it in the row below the |---| line',
    ]);
    expect(parseBody('| {{#each Trainings}}{{#if Pronouns}}{{Topic}}{{/if}} |').problems).toContain(
      'sample.md: line 8: {{#if Pronouns}} cannot be used inside a repeating row',
    );
  });

  it('reports Markdown it does not support', () => {
    expect(parseBody('- item', '  - nested').problems).toEqual([
      'sample.md: line 9: nested lists are not supported: keep every item at the start of the line',
    ]);
    expect(parseBody('Some **bold').problems).toEqual(['sample.md: line 8: ** (bold) is opened but never closed on this line']);
    expect(parseBody('#### Deep').problems).toEqual(['sample.md: line 8: only #, ## and ### headings are supported, not ####']);
    expect(parseBody('| a | b |', '| c |').problems).toEqual(['sample.md: line 9: this table row has 1 cells but the first row has 2']);
  });

  describe('front matter', () => {
    const parse = (...lines: string[]): string[] => parseDocumentTemplate(lines.join('\n'), 'fm.md').problems;

    it('must be there', () => {
      expect(parse('# Contract')).toEqual([
        'fm.md: line 1: a template must start with a front-matter block: a line "---", id/title/kind/fileName/requires, then "---"',
      ]);
      expect(parse('---', 'id: x')).toEqual(['fm.md: line 1: the front-matter block is never closed with a "---" line']);
    });

    it('names a missing key, a wrong kind and a misspelled key', () => {
      const problems = parse('---', 'id: x', 'title: X', 'kind: letter', 'filename: "{{Full name}}"', '---');
      expect(problems).toEqual([
        'fm.md: line 4: kind "letter" must be one of: contract, job-description, reference-letter, certificate',
        'fm.md: line 5: unknown front-matter key "filename" — did you mean "fileName"?',
        'fm.md: line 6: the front matter needs "fileName"',
      ]);
    });

    it('asks a job description for its role, and only a job description', () => {
      expect(parse('---', 'id: x', 'title: X', 'kind: job-description', 'fileName: X', '---')).toEqual([
        'fm.md: line 4: a job description needs "role": the Role it describes, as written in the Staff tab',
      ]);
      expect(parse('---', 'id: x', 'title: X', 'kind: contract', 'role: Peer Worker', 'fileName: X', '---')).toEqual([
        'fm.md: line 5: "role" is only for job descriptions',
      ]);
    });

    it('checks the fields in requires and in the file name', () => {
      const problems = parse('---', 'id: x', 'title: X', 'kind: contract', 'fileName: "{{Full Name}}"', 'requires: [Start date, Is new hire]', '---');
      expect(problems).toEqual([
        'fm.md: line 5: unknown field {{Full Name}} — did you mean {{Full name}}?',
        'fm.md: line 6: requires an unknown field "Start date"',
        'fm.md: line 6: requires "Is new hire": a yes/no field is never blank, so it cannot be required',
      ]);
    });

    it('wants an id that can name a template for good', () => {
      expect(parse('---', 'id: My Contract', 'title: X', 'kind: contract', 'fileName: X', '---')).toEqual([
        'fm.md: line 2: id "My Contract" must be lowercase words joined by "-", e.g. "employment-contract"',
      ]);
    });
  });
});

describe('loadDocumentTemplates', () => {
  it('reports every problem in every file at once, with duplicate ids', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rose-templates-'));
    try {
      const good = FRONT.concat('Hello {{Full name}}.').join('\n');
      fs.writeFileSync(path.join(dir, 'a.md'), good);
      fs.writeFileSync(path.join(dir, 'b.md'), good);
      fs.writeFileSync(path.join(dir, 'c.md'), FRONT.concat('Hello {{Ful name}}.').join('\n').replace('id: sample', 'id: other'));
      let thrown: unknown;
      try {
        loadDocumentTemplates(dir);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TemplateError);
      expect((thrown as TemplateError).problems).toEqual([
        `${path.join(dir, 'b.md')}: id "sample" is already used by ${path.join(dir, 'a.md')}`,
        `${path.join(dir, 'c.md')}: line 8: unknown field {{Ful name}} — did you mean {{Full name}}?`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
