// Measures how hard a document template is to read: the Flesch–Kincaid grade level of its prose.
//
// Flesch–Kincaid grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
// (Kincaid, Fishburne, Rogers, Chissom, "Derivation of new readability formulas … for Navy enlisted
// personnel", 1975). A grade of 8 reads like a text for a 13- or 14-year-old.
//
// What counts as prose: paragraphs that end like a sentence (with . ! ? or :) and list items, the
// lines a person reads as sentences. Headings, table cells (labels such as "Hourly wage") and lines
// such as an address, a date or "Sincerely," are left out: they are not sentences, and counting each
// as one would make the grade look lower than the reading is. Each list item is one sentence at
// least, since it is read as a line of its own; inside a unit, a sentence ends at . ! or ?.
//
// Merge fields are read as what they become. A field is replaced by a stand-in of its kind (a
// two-word name, a date, an amount), so "{{Organization name}}" weighs what a real name weighs;
// conditional markers are dropped, keeping both branches' text.

import { MERGE_FIELDS } from '../../addon/documents/fields';
import type { DocumentTemplate, TextRun } from '../../addon/documents/templateDocs';

export interface ReadingGrade {
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
}

/**
 * Syllables in one English word, by a vowel-group heuristic (the usual one for Flesch–Kincaid, which
 * has no dictionary): count runs of vowels (a e i o u y); a final silent "e" does not count unless
 * the word ends in consonant + "le" ("table"); a final "-es"/"-ed" adds none after most consonants
 * ("hopes", "helped") but does after s, x, z, ch, sh, g, c ("wishes") or t, d ("wanted"); every word
 * has at least one. Numbers (no letters) count as two syllables, as most are read as two or more.
 */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w === '') return /\d/.test(word) ? 2 : 0;
  if (w.length <= 3) return 1;
  let stem = w;
  if (/[^aeiouy]es$/.test(stem) && !/(s|x|z|ch|sh|g|c)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^aeiouy]ed$/.test(stem) && !/[td]ed$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^aeiouy]e$/.test(stem) && !/[^aeiouy]le$/.test(stem)) stem = stem.slice(0, -1);
  const groups = stem.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Words in a text: runs holding a letter or a digit ("don't", "$28.50" and "24" are one word each). */
export function wordsOf(text: string): string[] {
  return text.split(/[\s—–/]+/).filter((token) => /[A-Za-z0-9]/.test(token));
}

/** The Flesch–Kincaid grade of prose units (paragraphs, list items), each ending at least one sentence. */
export function fleschKincaid(units: readonly string[]): ReadingGrade {
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  for (const unit of units) {
    const unitWords = wordsOf(unit);
    if (unitWords.length === 0) continue;
    words += unitWords.length;
    syllables += unitWords.reduce((sum, word) => sum + countSyllables(word), 0);
    // Ends of sentences inside the unit (a full stop followed by space and more text), plus the unit's own end.
    const inner = unit.trim().match(/[.!?]+["”’)]*\s+(?=\S)/g)?.length ?? 0;
    sentences += inner + 1;
  }
  if (words === 0) return { grade: 0, words, sentences, syllables };
  const grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  return { grade: Math.round(grade * 10) / 10, words, sentences, syllables };
}

/** What a field stands for when read: names and places as two words, dates, amounts and counts as written in documents. */
const STAND_IN: Record<string, string> = { text: 'Sam Rivers', date: 'March 16, 2026', money: '$28.50', number: '24', flag: '', list: '' };

/** A template's text with fields replaced by stand-ins and markers dropped. */
export function readableText(text: string): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, inner: string) => {
    if (/^[#/]/.test(inner)) return '';
    const field = MERGE_FIELDS.find((f) => f.name === inner);
    return STAND_IN[field?.kind ?? 'text'];
  }).replace(/\s+/g, ' ').trim();
}

/** The prose of a template: its paragraphs and list items, as they will read once merged. */
export function proseOf(template: DocumentTemplate): string[] {
  const text = (runs: readonly TextRun[]): string => readableText(runs.map((run) => run.text).join(''));
  const units: string[] = [];
  for (const block of template.blocks) {
    if (block.type === 'paragraph' && /[.!?:]["”’)]*$/.test(text(block.runs))) units.push(text(block.runs));
    else if (block.type === 'list') units.push(...block.items.map(text));
  }
  return units.filter((unit) => wordsOf(unit).length > 0);
}

/** The Flesch–Kincaid grade of a template's prose. */
export function templateReadingGrade(template: DocumentTemplate): ReadingGrade {
  return fleschKincaid(proseOf(template));
}
