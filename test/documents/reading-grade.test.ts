// Every shipped template reads at a Flesch–Kincaid grade of 8 or below, and is written in Canadian spelling.
import { loadDocumentTemplates } from '../../scripts/templates/documents';
import { countSyllables, fleschKincaid, proseOf, readableText, templateReadingGrade, wordsOf } from '../../scripts/lib/readability';

describe('the Flesch–Kincaid grade', () => {
  it('is 0.39 × words per sentence + 11.8 × syllables per word − 15.59', () => {
    // 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45, shown to one decimal.
    expect(fleschKincaid(['The cat sat on the mat.'])).toEqual({ grade: -1.4, words: 6, sentences: 1, syllables: 6 });
    // One long sentence of long words reads well past grade 12.
    const long = fleschKincaid(['Employees receive compensation according to their length of continuous service with the organization.']);
    expect(long.words).toBe(13);
    expect(long.grade).toBeGreaterThan(12);
  });

  it('counts sentences inside a paragraph and one at the end of each unit', () => {
    expect(fleschKincaid(['One two. Three four! Five six?', 'A list item without a stop']).sentences).toBe(4);
    expect(fleschKincaid(['Pay is 1.5 times your wage.']).sentences).toBe(1);
  });

  it('counts syllables by vowel groups, with silent e and -ed/-es endings', () => {
    const cases: [string, number][] = [
      ['cat', 1], ['the', 1], ['table', 2], ['make', 1], ['hope', 1], ['hopes', 1], ['wishes', 2], ['helped', 1],
      ['wanted', 2], ['organization', 5], ['vacation', 3], ['statutory', 4], ['every', 3], ['day', 1], ['naloxone', 3],
      ["don't", 1], ['2026', 2], ['$28.50', 2],
    ];
    for (const [word, syllables] of cases) expect([word, countSyllables(word)]).toEqual([word, syllables]);
  });

  it('reads merge fields as the words they become and drops condition markers', () => {
    expect(readableText('{{#if Is new hire}}Welcome, {{Display name}}, on {{Start}}.{{/if}}')).toBe('Welcome, Sam Rivers, on March 16, 2026.');
    expect(wordsOf('Welcome, Sam Rivers — on 24.')).toEqual(['Welcome,', 'Sam', 'Rivers', 'on', '24.']);
  });

  it('leaves out headings, tables, address lines and sign-offs, which are not sentences', () => {
    const [letter] = loadDocumentTemplates().filter((template) => template.id === 'reference-letter');
    const prose = proseOf(letter);
    expect(prose).not.toContain('Sincerely,');
    expect(prose.some((unit) => unit.startsWith('Training'))).toBe(false);
    expect(prose.some((unit) => unit.startsWith('I recommend'))).toBe(true);
  });
});

describe('every shipped template', () => {
  const templates = loadDocumentTemplates();

  it.each(templates.map((template) => [template.id, template] as const))('%s reads at grade 8 or below', (_, template) => {
    const measured = templateReadingGrade(template);
    expect(measured.words).toBeGreaterThan(100);
    expect(measured.grade).toBeLessThanOrEqual(8);
  });

  // British and American forms where Canadian usage differs (Canadian Oxford usage: -our, -re,
  // "program", -ize, "cheque", "licence" as a noun).
  const NOT_CANADIAN = [
    /\bprogramme/i, /\borganis/i, /\brecognis/i, /\b\w+isation\b/i, /\bprioritis/i, /\brealis/i, /\bspecialis/i, /\bminimis/i,
    /\blabor\b/i, /\bcolor/i, /\bbehavior/i, /\bhonor/i, /\bneighbor/i, /\bfavor/i, /\bcenter/i, /\bcheck\b(?= (?:for|of) \$)/i,
  ];

  it.each(templates.map((template) => [template.id, template] as const))('%s uses Canadian spelling throughout', (_, template) => {
    const text = JSON.stringify(template.blocks) + template.title;
    for (const form of NOT_CANADIAN) expect([template.id, text.match(form)?.[0] ?? null]).toEqual([template.id, null]);
  });
});
