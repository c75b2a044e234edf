// Merging fills a copy of a template in one batchUpdate: fields replaced, false sections and markers gone, repeating rows filled, nothing left as {{…}}.
import { buildMergeValues, MergeInput, MergeValues } from '../../addon/documents/fields';
import { checkPlaceholders, DocsDocumentJson, DocsRequest, mergedParagraphs, needsMerge, placeholdersIn, planMerge } from '../../addon/documents/merge';
import { renderFileName } from '../../addon/documents/jobs';
import { templateToRequests } from '../../addon/documents/templateDocs';
import { loadDocumentTemplates } from '../../scripts/templates/documents';
import { BlockSpec, FakeDoc, textOf } from './test-docs';

const TRAINING = (topic: string, date: string): Record<string, string> => ({ Topic: topic, Date: date, Provider: 'Red Cross', Certificate: 'Yes', Expiry: '' });

function values(overrides: { values?: Record<string, string>; lists?: MergeValues['lists']; flags?: Record<string, boolean> } = {}): MergeValues {
  return {
    values: { 'Full name': 'Riley Tremblay', 'Display name': 'Riley', Role: 'Peer Worker', 'Contract end': '', End: '', Pronouns: '', ...overrides.values },
    lists: { Trainings: [], ...overrides.lists },
    flags: { 'Is new hire': false, ...overrides.flags },
  };
}

/** Builds the document, plans the merge on its JSON, applies the plan, and returns the resulting text. */
function merged(blocks: BlockSpec[], merge: MergeValues): { text: string; requests: DocsRequest[]; unresolved: string[] } {
  const document = FakeDoc.build(blocks);
  const plan = planMerge(document.toJson(), merge);
  document.apply(plan.requests);
  return { text: textOf(document.toJson()), ...plan };
}

const kinds = (requests: readonly DocsRequest[]): string[] => requests.map((request) => Object.keys(request)[0]);

describe('the test Docs model', () => {
  it('lays out a new table as the Docs API documents it: cells of an empty 2×2 table at 5, 7, 10 and 12', () => {
    const document = FakeDoc.empty()
      .apply([{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }])
      .toJson();
    const table = document.body?.content?.[2];
    expect(table?.startIndex).toBe(2);
    // The table's end takes an index of its own, as measured on the live API: [2, 14).
    expect(table?.endIndex).toBe(14);
    const cellText = table?.table?.tableRows?.flatMap((row) => row.tableCells?.map((cell) => cell.content?.[0].startIndex));
    expect(cellText).toEqual([5, 7, 10, 12]);
  });

  it('refuses to delete the newline before a table or the last newline of the body', () => {
    const document = FakeDoc.build(['Before', { table: [['a']] }]);
    // "Before\n" is [1, 8): deleting it whole would take the newline the table needs before it.
    expect(() => document.apply([{ deleteContentRange: { range: { startIndex: 1, endIndex: 8 } } }])).toThrow(/Invalid deletion range/);
    const last = FakeDoc.build(['Only']);
    expect(() => last.apply([{ deleteContentRange: { range: { startIndex: 1, endIndex: 6 } } }])).toThrow(/cannot include the newline character at the end of the segment/);
  });
});

describe('a placeholder split across text runs', () => {
  // "Dear {{Full" in plain text, " name}}, hi" in bold: how Docs stores a half-bolded placeholder.
  const handBuilt: DocsDocumentJson = {
    body: {
      content: [
        { endIndex: 1, sectionBreak: {} },
        {
          startIndex: 1,
          endIndex: 24,
          paragraph: {
            elements: [
              { startIndex: 1, endIndex: 12, textRun: { content: 'Dear {{Full', textStyle: {} } },
              { startIndex: 12, endIndex: 24, textRun: { content: ' name}}, hi\n', textStyle: { bold: true } } },
            ],
          },
        },
      ],
    },
  };

  it('matches what the Docs model produces for the same text: a plain run, then a bold one from index 12', () => {
    const built = FakeDoc.build([[{ text: 'Dear {{Full' }, { text: ' name}}, hi', bold: true }]]).toJson();
    const [plain, bold] = built.body?.content?.[1].paragraph?.elements ?? [];
    expect(plain).toMatchObject({ startIndex: 1, endIndex: 12, textRun: { content: 'Dear {{Full' } });
    expect(plain.textRun?.textStyle?.bold).toBeFalsy();
    expect(bold).toMatchObject({ startIndex: 12, textRun: { content: expect.stringMatching(/^ name\}\}, hi/), textStyle: { bold: true } } });
  });

  it('is found whole', () => {
    expect(placeholdersIn(handBuilt)).toEqual(['{{Full name}}']);
  });

  it('is replaced by index: the value after it, then the placeholder deleted', () => {
    const plan = planMerge(handBuilt, values());
    expect(plan.requests).toEqual([
      { insertText: { location: { index: 19 }, text: 'Riley Tremblay' } },
      { deleteContentRange: { range: { startIndex: 6, endIndex: 19 } } },
    ]);
    const document = FakeDoc.build([[{ text: 'Dear {{Full' }, { text: ' name}}, hi', bold: true }]]).apply(plan.requests);
    expect(textOf(document.toJson())).toBe('Dear Riley Tremblay, hi');
  });
});

describe('conditional sections', () => {
  const contract: BlockSpec[] = ['Intro', '{{#if Contract end}}', 'Ends on {{Contract end}}.', 'We will talk about renewal.', '{{/if}}', 'Outro'];

  it('removes a false section of two paragraphs, with its markers, in one deletion', () => {
    const { text, requests } = merged(contract, values());
    expect(text).toBe('Intro\nOutro');
    expect(kinds(requests).filter((kind) => kind === 'deleteContentRange')).toHaveLength(1);
  });

  it('keeps a true section and removes only its marker paragraphs', () => {
    const { text } = merged(contract, values({ values: { 'Contract end': 'June 30, 2026' } }));
    expect(text).toBe('Intro\nEnds on June 30, 2026.\nWe will talk about renewal.\nOutro');
  });

  it('handles #unless and a section inside one paragraph', () => {
    const blocks: BlockSpec[] = ['{{#unless Trainings}}No training recorded yet.{{/unless}}', 'End'];
    expect(merged(blocks, values()).text).toBe('No training recorded yet.\nEnd');
    expect(merged(blocks, values({ lists: { Trainings: [TRAINING('Naloxone', 'May 3, 2025')] } })).text).toBe('End');
  });

  it('uses flags as conditions', () => {
    const blocks: BlockSpec[] = ['{{#if Is new hire}}', 'Probation applies.', '{{/if}}', 'Signed'];
    expect(merged(blocks, values({ flags: { 'Is new hire': true } })).text).toBe('Probation applies.\nSigned');
    expect(merged(blocks, values({ flags: { 'Is new hire': false } })).text).toBe('Signed');
  });

  it('keeps the last paragraph of the document, which Docs cannot delete, as an empty line', () => {
    const { text } = merged(['Intro', '{{#if End}}', 'Left on {{End}}.', '{{/if}}'], values());
    expect(text).toBe('Intro\n');
  });

  it('keeps the paragraph right before a table, which Docs cannot delete, as an empty line', () => {
    const { text } = merged(['Intro', '{{#if Role}}', { table: [['{{Role}}']] }, '{{/if}}', 'Outro'], values());
    expect(text).toBe('Intro\n\n| Peer Worker |\nOutro');
  });

  it('removes a table inside a false section', () => {
    const { text } = merged(['Intro', '{{#if End}}', { table: [['Left', '{{End}}']] }, '{{/if}}', 'Outro'], values());
    expect(text).toBe('Intro\nOutro');
  });

  it('handles sections inside sections', () => {
    const blocks: BlockSpec[] = ['{{#if Role}}', 'Role: {{Role}}', '{{#if Pronouns}}', 'Pronouns: {{Pronouns}}', '{{/if}}', '{{/if}}', 'End'];
    expect(merged(blocks, values()).text).toBe('Role: Peer Worker\nEnd');
    expect(merged(blocks, values({ values: { Role: '', Pronouns: 'they/them' } })).text).toBe('End');
  });

  it('works inside a table cell', () => {
    const { text } = merged([{ table: [['Ends', '{{#if Contract end}}{{Contract end}}{{/if}}{{#unless Contract end}}Open-ended{{/unless}}']] }], values());
    // A table at the top of a Doc always has an empty paragraph before it (Docs inserts one).
    expect(text).toBe('\n| Ends | Open-ended |\n');
  });
});

describe('repeating table rows', () => {
  const letter: BlockSpec[] = [
    'Trainings:',
    { table: [['Training', 'Completed'], ['{{#each Trainings}}{{Topic}}', '{{Date}} for {{Display name}}']] },
    'Signed',
  ];

  it('repeats the row once per item, in order, below the header', () => {
    const trainings = [TRAINING('Naloxone', 'May 3, 2025'), TRAINING('First aid', 'June 10, 2025'), TRAINING('De-escalation', 'June 12, 2025')];
    const { text, unresolved } = merged(letter, values({ lists: { Trainings: trainings } }));
    expect(unresolved).toEqual([]);
    expect(text).toBe(
      [
        'Trainings:',
        '| Training | Completed |',
        '| Naloxone | May 3, 2025 for Riley |',
        '| First aid | June 10, 2025 for Riley |',
        '| De-escalation | June 12, 2025 for Riley |',
        'Signed',
      ].join('\n'),
    );
  });

  it('removes the row when the list is empty, keeping the header', () => {
    expect(merged(letter, values()).text).toBe('Trainings:\n| Training | Completed |\nSigned');
  });

  it('removes a table whose only row repeats for an empty list, since Docs cannot delete a last row', () => {
    const { text, requests } = merged(['Trainings:', { table: [['{{#each Trainings}}{{Topic}}', '{{Date}}']] }, 'Signed'], values());
    expect(text).toBe('Trainings:\nSigned');
    expect(kinds(requests)).not.toContain('deleteTableRow');
  });

  it('fills rows of a table that also has other placeholders and rows', () => {
    const blocks: BlockSpec[] = [{ table: [['Name', '{{Full name}}'], ['{{#each Trainings}}{{Topic}}', '{{Date}}'], ['Role', '{{Role}}']] }];
    const { text } = merged(blocks, values({ lists: { Trainings: [TRAINING('Naloxone', 'May 3, 2025'), TRAINING('CPR', 'May 9, 2025')] } }));
    expect(text).toBe('\n| Name | Riley Tremblay |\n| Naloxone | May 3, 2025 |\n| CPR | May 9, 2025 |\n| Role | Peer Worker |\n');
  });
});

describe('what cannot be resolved', () => {
  it('lists an unknown field and leaves it, while filling the rest', () => {
    const { text, unresolved } = merged(['Hi {{Full name}}, you earn {{Hourly Wage}}.'], values());
    expect(unresolved).toEqual(['{{Hourly Wage}}']);
    expect(text).toBe('Hi Riley Tremblay, you earn {{Hourly Wage}}.');
  });

  it('lists a condition that is never closed, and one on an unknown field', () => {
    expect(planMerge(FakeDoc.build(['{{#if Role}}', 'x']).toJson(), values()).unresolved).toEqual(['{{#if Role}}']);
    expect(planMerge(FakeDoc.build(['{{#if Favourite}}', 'x', '{{/if}}']).toJson(), values()).unresolved).toEqual(['{{#if Favourite}}']);
  });

  it('removes a placeholder whose value is blank', () => {
    expect(merged(['Pronouns: {{Pronouns}}.'], values()).text).toBe('Pronouns: .');
  });
});

describe('values are inserted literally, exactly once', () => {
  const letter: BlockSpec[] = [
    'Dear {{Full name}},',
    [{ text: 'You earn ' }, { text: '{{Hourly wage}}', bold: true }, { text: ' an hour as {{Role}}, {{Display name}}.' }],
    '{{#if Is new hire}}Welcome, {{Full name}}!{{/if}}',
    { table: [['{{#each Trainings}}{{Topic}}', '{{Date}} for {{Full name}}']] },
  ];
  const NAMES = ['Sam {{Hourly wage}}', 'Sam {{Nope}}', 'Sam {{#if x}}', 'Sam }}{{', '{{Full name}}', '{{/if}} Sam'];

  it.each(NAMES)('prints the name %s as written, never as a placeholder', (name) => {
    const merge = values({ values: { 'Full name': name, 'Hourly wage': '$27.85' }, flags: { 'Is new hire': true }, lists: { Trainings: [TRAINING('{{Role}} care', 'May 3, 2025')] } });
    const { text, unresolved } = merged(letter, merge);
    expect(unresolved).toEqual([]);
    expect(text).toBe(
      [`Dear ${name},`, 'You earn $27.85 an hour as Peer Worker, Riley.', `Welcome, ${name}!`, `| {{Role}} care | May 3, 2025 for ${name} |`, ''].join('\n'),
    );
  });

  it('does not join two values into a placeholder', () => {
    const { text } = merged(['{{Display name}}{{Role}} earns {{Hourly wage}}'], values({ values: { 'Display name': 'Sam {{Hourly', Role: ' wage}}', 'Hourly wage': '$27.85' } }));
    expect(text).toBe('Sam {{Hourly wage}} earns $27.85');
  });

  it('keeps the style of the placeholder it replaces', () => {
    const document = FakeDoc.build([[{ text: 'Earns ' }, { text: '{{Hourly wage}}', bold: true }, { text: ' an hour' }]]);
    document.apply(planMerge(document.toJson(), values({ values: { 'Hourly wage': '$27.85' } })).requests);
    expect(textOf(document.toJson(), true)).toBe('Earns **$27.85** an hour');
  });
});

describe('a copy found again on a rerun', () => {
  const blocks: BlockSpec[] = ['Dear {{Full name}},', 'You earn {{Hourly wage}}.'];
  const merge = values({ values: { 'Full name': 'Sam {{Nope}}', 'Hourly wage': '$27.85' } });

  it('is merged while it reads like the template, and never once filled, even with "{{…}}" from a value', () => {
    const template = FakeDoc.build(blocks).toJson();
    const copy = FakeDoc.build(blocks);
    expect(needsMerge(copy.toJson(), template, merge)).toBe(true);
    copy.apply(planMerge(copy.toJson(), merge).requests);
    expect(textOf(copy.toJson())).toBe('Dear Sam {{Nope}},\nYou earn $27.85.');
    expect(needsMerge(copy.toJson(), template, merge)).toBe(false);
  });

  it('copied from an earlier version of the template is still merged when no value holds braces', () => {
    const template = FakeDoc.build([...blocks, 'A line added later.']).toJson();
    const plain = values({ values: { 'Hourly wage': '$27.85' } });
    expect(needsMerge(FakeDoc.build(blocks).toJson(), template, plain)).toBe(true);
    const filled = FakeDoc.build(blocks);
    filled.apply(planMerge(filled.toJson(), plain).requests);
    expect(needsMerge(filled.toJson(), template, plain)).toBe(false);
  });
});

describe('file names', () => {
  it('take a value holding "{{…}}" as written', () => {
    const merge = values({ values: { 'Full name': 'Sam {{Hourly wage}}', 'Hourly wage': '$27.85' } });
    expect(renderFileName('{{Full name}} at {{Hourly wage}}', merge)).toBe('Sam {{Hourly wage}} at $27.85');
  });
});

describe('headers and footers', () => {
  it('plans deletions and values there with the segment id', () => {
    const document: DocsDocumentJson = {
      body: { content: [{ endIndex: 1, sectionBreak: {} }, { startIndex: 1, endIndex: 2, paragraph: { elements: [{ startIndex: 1, endIndex: 2, textRun: { content: '\n' } }] } }] },
      headers: {
        'kix.h1': {
          content: [
            { endIndex: 11, paragraph: { elements: [{ endIndex: 11, textRun: { content: '{{#if End}}' } }, { startIndex: 11, endIndex: 16, textRun: { content: 'Left\n' } }] } },
            { startIndex: 16, endIndex: 24, paragraph: { elements: [{ startIndex: 16, endIndex: 24, textRun: { content: '{{/if}}\n' } }] } },
            { startIndex: 24, endIndex: 38, paragraph: { elements: [{ startIndex: 24, endIndex: 38, textRun: { content: '{{Full name}}\n' } }] } },
          ],
        },
      },
    };
    const plan = planMerge(document, values());
    expect(plan.requests).toEqual([
      { insertText: { location: { index: 37, segmentId: 'kix.h1' }, text: 'Riley Tremblay' } },
      { deleteContentRange: { range: { startIndex: 24, endIndex: 37, segmentId: 'kix.h1' } } },
      { deleteContentRange: { range: { startIndex: 0, endIndex: 24, segmentId: 'kix.h1' } } },
    ]);
  });
});

describe('checkPlaceholders', () => {
  it('names unknown fields with a suggestion and where they are', () => {
    const document = FakeDoc.build(['Your wage is {{Hourly Wage}} an hour.', { table: [['{{#each Trainings}}{{Topic}}', '{{Dates}}']] }]).toJson();
    expect(checkPlaceholders(document)).toEqual([
      {
        placeholder: '{{Hourly Wage}}',
        message: 'Unknown field {{Hourly Wage}} — did you mean {{Hourly wage}}?',
        suggestion: 'Hourly wage',
        context: 'Your wage is {{Hourly Wage}} an hour.',
      },
      {
        placeholder: '{{Dates}}',
        message: 'Unknown field {{Dates}} — did you mean {{Date}}?',
        suggestion: 'Date',
        context: '{{Dates}}',
      },
    ]);
  });

  it('accepts item fields only in their repeating row', () => {
    const inRow = FakeDoc.build([{ table: [['{{#each Trainings}}{{Topic}}', '{{Expiry}}']] }]).toJson();
    expect(checkPlaceholders(inRow)).toEqual([]);
    const outside = FakeDoc.build(['Trained in {{Topic}}']).toJson();
    expect(checkPlaceholders(outside).map((problem) => problem.message)).toEqual(['Unknown field {{Topic}}']);
  });

  it('reports conditions that are not closed and repeats outside a first cell', () => {
    const document = FakeDoc.build(['{{#if Role}}', 'x', { table: [['a', '{{#each Trainings}}']] }]).toJson();
    expect(checkPlaceholders(document).map((problem) => problem.message)).toEqual([
      '{{#if Role}} is never closed: add {{/if}} after the part it controls, in the same table cell or outside any table',
      '{{#each Trainings}} must be in the first cell of a table row',
    ]);
  });
});

// ---- the shipped templates, end to end --------------------------------------------------------

const NOW = new Date('2025-06-20T18:00:00Z');

function person(index: number, overrides: Partial<MergeInput['staff']> = {}): MergeInput {
  return {
    staff: {
      ID: `S-${String(index).padStart(3, '0')}`,
      'Full name': `Sample Person ${index}`,
      'Preferred name': index % 2 === 0 ? `Sam ${index}` : '',
      Pronouns: 'they/them',
      Role: 'Peer Worker',
      Site: 'Harbour Hub',
      Email: `person${index}@example.org`,
      Start: '2025-05-01',
      'Employment type': 'Part-time',
      'Hourly wage': 29.05,
      'Hours per week': 24,
      ...overrides,
    },
    site: { 'Site name': 'Harbour Hub', 'Site address': '12 Example Street', 'Site city': 'Vancouver' },
    settings: {
      'Organization name': 'Eastside Peer Collective',
      'Organization address': '100 Sample Avenue, Vancouver',
      'Organization phone': '604-555-0100',
      'Organization email': 'hello@example.org',
      'Living wage': 27.85,
      'Living wage as of': '2024-11-01',
      'Coordinator name': 'Alex Morgan',
    },
    trainings: [],
    now: NOW,
    timeZone: 'America/Vancouver',
  };
}

describe('every shipped template merges cleanly', () => {
  const templates = loadDocumentTemplates();
  const installed = new Map(templates.map((template) => [template.id, FakeDoc.empty().apply(templateToRequests(template)).toJson()]));

  function generate(id: string, input: MergeInput): string {
    const document = FakeDoc.empty().apply(templateToRequests(templates.find((template) => template.id === id) as (typeof templates)[number]));
    const plan = planMerge(installed.get(id) as DocsDocumentJson, buildMergeValues(input));
    expect(plan.unresolved).toEqual([]);
    return textOf(document.apply(plan.requests).toJson());
  }

  it.each(templates.map((template) => template.id))('%s leaves no {{…}} behind', (id) => {
    const text = generate(id, person(1));
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).toContain('Sample Person 1');
  });

  it('gives the contract its first-three-months section for a new hire only', () => {
    expect(generate('employment-contract', person(1))).toContain('Your first three months');
    expect(generate('employment-contract', person(1, { Start: '2024-01-08' }))).not.toContain('Your first three months');
  });

  it('states the wage against the living wage in the job description', () => {
    expect(generate('job-description-peer-worker', person(1))).toContain('| How this role\'s wage compares | $1.20 above the living wage |');
  });

  it('lists three trainings in the reference letter, and leaves the section out when there are none', () => {
    const trained = person(2);
    trained.trainings = [
      { Topic: 'Naloxone and overdose response', Date: '2025-05-03', Provider: 'Health authority', Certificate: 'Yes' },
      { Topic: 'First aid and CPR', Date: '2025-05-20', Provider: 'Red Cross', Certificate: 'FA-1182' },
      { Topic: 'De-escalation', Date: '2025-06-02', Provider: 'Community college', Certificate: '' },
    ];
    const withTrainings = generate('reference-letter', trained);
    expect(withTrainings).toContain(
      [
        'Sam 2 has also finished this training with us:',
        '| Training | Completed | Provided by |',
        '| Naloxone and overdose response | May 3, 2025 | Health authority |',
        '| First aid and CPR | May 20, 2025 | Red Cross |',
        '| De-escalation | June 2, 2025 | Community college |',
      ].join('\n'),
    );

    // To a landlord, no training is said by saying nothing: no heading, no table, no "none recorded".
    const untrained = generate('reference-letter', person(3));
    expect(untrained).not.toMatch(/\| Training \||training with us|No training/);
    expect(untrained).toContain('I recommend Sample Person 3 without hesitation.');
  });

  it('makes the reference letter specific: role, start, time with us and what the role does, then a signature line', () => {
    const letter = generate('reference-letter', person(2, { Start: '2024-03-04' }));
    expect(letter).toContain('Sam 2 has worked with us as a Peer Worker at Harbour Hub since March 4, 2024. That is 1 year and 3 months so far');
    expect(letter).toContain('The work means responding to overdoses with naloxone and oxygen');
    expect(letter).toMatch(/Sincerely,\n_{20,}\n.+\nCoordinator, Eastside Peer Collective$/);
  });

  // The sidebar's preview: the same plan read as text must say what the filled Doc says, line for line.
  const asPreview = (text: string): string[] =>
    text.split('\n').map((line) => (/^\| .* \|$/.test(line) ? line.slice(2, -2).split(' | ').map((c) => c.trim()).filter(Boolean).join(' | ') : line)).filter((line) => line !== '');
  it.each(templates.map((template) => template.id))('%s previews as the filled document reads', (id) => {
    const trained = person(2);
    trained.trainings = [
      { Topic: 'Naloxone and overdose response', Date: '2025-05-03', Provider: 'Health authority', Certificate: 'Yes' },
      { Topic: 'First aid and CPR', Date: '2025-05-20', Provider: 'Red Cross', Certificate: 'FA-1182' },
    ];
    for (const input of [person(1), trained]) {
      const preview = mergedParagraphs(installed.get(id) as DocsDocumentJson, buildMergeValues(input)).map((p) => p.text).filter((t) => t !== '');
      expect(preview).toEqual(asPreview(generate(id, input)));
      expect(preview.join('\n')).not.toMatch(/\{\{|\(blank\)/);
    }
  });

  it('previews headings with their style and a repeated row once per training', () => {
    const trained = person(2);
    trained.trainings = [{ Topic: 'De-escalation', Date: '2025-06-02', Provider: 'Community college', Certificate: '' }];
    const preview = mergedParagraphs(installed.get('reference-letter') as DocsDocumentJson, buildMergeValues(trained));
    expect(preview).toContainEqual({ text: 'De-escalation | June 2, 2025 | Community college', style: 'TABLE_ROW' });
    expect(preview.filter((p) => p.style === 'TITLE' || p.style.startsWith('HEADING')).length).toBeGreaterThan(0);
  });

  it('plans a merge for a roster of 500 people', () => {
    // A CPU check of the pure part only; the service calls are measured by the ledger benchmark.
    const contract = installed.get('employment-contract') as DocsDocumentJson;
    let requests = 0;
    for (let index = 0; index < 500; index++) {
      const plan = planMerge(contract, buildMergeValues(person(index, { Start: index % 3 === 0 ? '2023-02-01' : '2025-06-01' })));
      expect(plan.unresolved).toEqual([]);
      requests += plan.requests.length;
    }
    expect(requests).toBeGreaterThan(500);
  });
});
