// Drive v3's search language (files.list q) for the terms the local Workspace models; other terms fail loudly, bad syntax is Drive's 400.
import type { DriveFile } from '../host';
import { ApiError, badRequest, notImplemented } from './http';

/** How a query term sees a file: its parents include the user's root folder id. */
export interface QueryContext {
  parentsOf(file: DriveFile): string[];
  /** The caller's "My Drive" id, for the 'root' alias. */
  rootId: string;
}

export type FileTest = (file: DriveFile, context: QueryContext) => boolean;

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'punct'; value: string };

/** Terms Drive documents that this model does not answer (drive/api/guides/ref-search-terms). */
const UNMODELLED = new Set([
  'fullText', 'modifiedTime', 'viewedByMeTime', 'createdTime', 'starred', 'owners', 'writers', 'readers', 'sharedWithMe',
  'properties', 'visibility', 'shortcutDetails.targetId', 'hidden', 'memberCount', 'organizerCount', 'labels', 'sharedDriveId',
]);

function invalid(): ApiError {
  return badRequest('Invalid Value', { reason: 'invalid', location: 'q' });
}

export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i];
    if (/\s/.test(ch)) { i += 1; continue; }
    if (ch === "'") {
      let value = '';
      i += 1;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === '\\' && i + 1 < q.length) { value += q[i + 1]; i += 2; continue; }
        value += q[i];
        i += 1;
      }
      if (q[i] !== "'") throw invalid();
      i += 1;
      tokens.push({ kind: 'string', value });
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(q.slice(i));
    if (op) { tokens.push({ kind: 'op', value: op[1] }); i += op[1].length; continue; }
    if ('(){}'.includes(ch)) { tokens.push({ kind: 'punct', value: ch }); i += 1; continue; }
    const word = /^[A-Za-z_][\w.]*/.exec(q.slice(i));
    if (!word) throw invalid();
    tokens.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

/** "name contains" matches prefixes of the name and of its words (Drive: prefix matching for name). */
function nameContains(name: string, text: string): boolean {
  const needle = text.toLowerCase();
  const haystack = name.toLowerCase();
  return haystack.startsWith(needle) || haystack.split(/[^a-z0-9]+/).some((word) => word.startsWith(needle));
}

/** Parses q into a test over files. Supports and/or/not and parentheses over the terms below. */
export function parseQuery(q: string): FileTest {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isWord = (value: string) => peek()?.kind === 'word' && peek().value.toLowerCase() === value;
  const expectPunct = (value: string) => {
    const token = next();
    if (!token || token.kind !== 'punct' || token.value !== value) throw invalid();
  };
  const stringValue = (): string => {
    const token = next();
    if (!token || token.kind !== 'string') throw invalid();
    return token.value;
  };
  const booleanValue = (): boolean => {
    const token = next();
    if (!token || token.kind !== 'word' || !['true', 'false'].includes(token.value)) throw invalid();
    return token.value === 'true';
  };

  const term = (): FileTest => {
    const first = next();
    if (!first) throw invalid();
    if (first.kind === 'string') {
      // 'value' in parents
      if (!isWord('in')) throw invalid();
      next();
      const field = next();
      if (!field || field.kind !== 'word') throw invalid();
      if (field.value !== 'parents') {
        if (['owners', 'writers', 'readers'].includes(field.value)) throw notImplemented(`files.list q term '... in ${field.value}'`);
        throw invalid();
      }
      const id = first.value;
      return (file, context) => {
        const parents = context.parentsOf(file);
        return parents.includes(id) || (id === 'root' && parents.includes(context.rootId));
      };
    }
    if (first.kind !== 'word') throw invalid();
    const field = first.value;
    if (UNMODELLED.has(field)) throw notImplemented(`files.list q term '${field}'`);
    if (field === 'appProperties') {
      // appProperties has { key='k' and value='v' }
      if (!isWord('has')) throw invalid();
      next();
      expectPunct('{');
      if (!isWord('key')) throw invalid();
      next();
      if (next()?.value !== '=') throw invalid();
      const key = stringValue();
      if (!isWord('and')) throw invalid();
      next();
      if (!isWord('value')) throw invalid();
      next();
      if (next()?.value !== '=') throw invalid();
      const value = stringValue();
      expectPunct('}');
      return (file) => file.appProperties?.[key] === value;
    }
    const operator = next();
    if (!operator) throw invalid();
    const op = operator.kind === 'word' ? operator.value.toLowerCase() : operator.value;
    switch (field) {
      case 'name': {
        const value = stringValue();
        if (op === '=') return (file) => file.name === value;
        if (op === '!=') return (file) => file.name !== value;
        if (op === 'contains') return (file) => nameContains(file.name, value);
        throw invalid();
      }
      case 'mimeType': {
        const value = stringValue();
        if (op === '=') return (file) => file.mimeType === value;
        if (op === '!=') return (file) => file.mimeType !== value;
        if (op === 'contains') return (file) => file.mimeType.includes(value);
        throw invalid();
      }
      case 'trashed': {
        const value = booleanValue();
        if (op === '=') return (file) => file.trashed === value;
        if (op === '!=') return (file) => file.trashed !== value;
        throw invalid();
      }
      default:
        throw invalid();
    }
  };

  const unary = (): FileTest => {
    if (isWord('not')) {
      next();
      const inner = unary();
      return (file, context) => !inner(file, context);
    }
    if (peek()?.kind === 'punct' && peek().value === '(') {
      next();
      const inner = or();
      expectPunct(')');
      return inner;
    }
    return term();
  };
  const and = (): FileTest => {
    let left = unary();
    while (isWord('and')) {
      next();
      const a = left;
      const b = unary();
      left = (file, context) => a(file, context) && b(file, context);
    }
    return left;
  };
  const or = (): FileTest => {
    let left = and();
    while (isWord('or')) {
      next();
      const a = left;
      const b = and();
      left = (file, context) => a(file, context) || b(file, context);
    }
    return left;
  };

  if (!tokens.length) return () => true;
  const test = or();
  if (pos !== tokens.length) throw invalid();
  return test;
}
