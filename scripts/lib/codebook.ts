// The codebook written beside an analysis export: one entry per column, made by the same code that lays out the columns, so the two cannot drift apart.
import type { CsvCell } from './csv';

export interface CodebookVariable {
  /** The column's header in the data file. */
  variable: string;
  /** What it holds, in our words. */
  label: string;
  type: 'text' | 'code' | 'number' | 'date (yyyy-mm-dd)' | 'share (0 to 1)' | 'count';
  /** Every code and what it means ("1=Strongly disagree; …"), or the range of a number. */
  codes: string;
  /** Which way the scale runs ("higher = more agreement"), or "" when it has no direction. */
  direction: string;
  /** The codes that stand for a missing value, and why each is missing. */
  missing: string;
  /** How small groups are protected in this column, or "" when it needs none. */
  suppression: string;
}

export const CODEBOOK_HEADER = ['variable', 'label', 'type', 'codes', 'scale direction', 'missing-value codes', 'suppression rule'] as const;

export function codebookRows(variables: readonly CodebookVariable[]): CsvCell[][] {
  return [[...CODEBOOK_HEADER], ...variables.map((v) => [v.variable, v.label, v.type, v.codes, v.direction, v.missing, v.suppression])];
}

/**
 * A data file's columns and their codebook, built together: each column is declared once with its
 * entry, and the header is read off the entries. Throws on a repeated name (a layout mistake).
 */
export class Layout<Row> {
  private readonly columns: { entry: CodebookVariable; value: (row: Row) => CsvCell }[] = [];

  add(entry: CodebookVariable, value: (row: Row) => CsvCell): this {
    if (this.columns.some((c) => c.entry.variable === entry.variable)) throw new Error(`The export lays out the column ${entry.variable} twice.`);
    this.columns.push({ entry, value });
    return this;
  }

  get header(): string[] {
    return this.columns.map((c) => c.entry.variable);
  }

  get codebook(): CodebookVariable[] {
    return this.columns.map((c) => c.entry);
  }

  rows(rows: readonly Row[]): CsvCell[][] {
    return rows.map((row) => this.columns.map((c) => c.value(row)));
  }
}

/** The codebook sits beside the data: process.csv → process.codebook.csv. */
export function codebookPathFor(out: string): string {
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}.codebook.csv` : `${out}.codebook.csv`;
}
