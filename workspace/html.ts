// HtmlService of the local Workspace: HTML outputs and templates with Google's scriptlet syntax.
import type { Host } from './host';

export const SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' };
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]!));
}

class HtmlOutputImpl {
  private title = '';
  private width = 300;
  private height = 600;
  constructor(private content: string) {}
  getContent(): string { return this.content; }
  setContent(content: string): this { this.content = content; return this; }
  append(html: string): this { this.content += html; return this; }
  appendUntrusted(text: string): this { this.content += escapeHtml(text); return this; }
  clear(): this { this.content = ''; return this; }
  getTitle(): string { return this.title; }
  setTitle(title: string): this { this.title = title; return this; }
  getWidth(): number { return this.width; }
  setWidth(width: number): this { this.width = width; return this; }
  getHeight(): number { return this.height; }
  setHeight(height: number): this { this.height = height; return this; }
  setSandboxMode(_mode: string): this { return this; }
  setXFrameOptionsMode(_mode: string): this { return this; }
  addMetaTag(name: string, content: string): this {
    if (name !== 'viewport' && !name.startsWith('apple-mobile-web-app') && name !== 'mobile-web-app-capable') throw new Error(`Invalid argument: meta tag ${name}`);
    this.content = `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">` + this.content;
    return this;
  }
  setFaviconUrl(_url: string): this { return this; }
}

/** Compiles scriptlets: <? code ?>, <?= escaped ?>, <?!= raw ?>. */
export function compileTemplate(source: string): string {
  let code = 'var __out = "";\n';
  let rest = source;
  while (rest.length) {
    const start = rest.indexOf('<?');
    if (start < 0) { code += `__out += ${JSON.stringify(rest)};\n`; break; }
    if (start > 0) code += `__out += ${JSON.stringify(rest.slice(0, start))};\n`;
    const end = rest.indexOf('?>', start);
    if (end < 0) throw new Error('Unterminated scriptlet in HTML template');
    const inner = rest.slice(start + 2, end);
    if (inner.startsWith('!=')) code += `__out += String(${inner.slice(2)});\n`;
    else if (inner.startsWith('=')) code += `__out += __escape(${inner.slice(1)});\n`;
    else code += `${inner}\n`;
    rest = rest.slice(end + 2);
  }
  return `${code}return __out;`;
}

class HtmlTemplateImpl {
  constructor(private readonly host: Host, private readonly source: string, private readonly scope: () => Record<string, unknown>) {}
  getCode(): string { return compileTemplate(this.source); }
  getRawContent(): string { return this.source; }
  evaluate(): GoogleAppsScript.HTML.HtmlOutput {
    const variables: Record<string, unknown> = { ...this.scope() };
    for (const key of Object.keys(this)) if (!['host', 'source', 'scope'].includes(key)) variables[key] = (this as unknown as Record<string, unknown>)[key];
    // Scriptlets see the template's variables and the script's top-level functions, as in Apps Script.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a template's scriptlets are code, compiled the way Apps Script runs them
    const run = new Function('__scope', '__escape', `with (__scope) {\n${compileTemplate(this.source)}\n}`) as (scope: unknown, escape: typeof escapeHtml) => unknown;
    const html = run(variables, escapeHtml) as string;
    return this.host.wrap('HtmlOutput', new HtmlOutputImpl(html)) as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
}

export class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    private readonly host: Host,
    private readonly files: Map<string, string>,
    private readonly scope: () => Record<string, unknown>,
  ) {}
  createHtmlOutput(html = ''): GoogleAppsScript.HTML.HtmlOutput {
    return this.host.wrap('HtmlOutput', new HtmlOutputImpl(String(html))) as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
  createHtmlOutputFromFile(name: string): GoogleAppsScript.HTML.HtmlOutput {
    return this.createHtmlOutput(this.file(name));
  }
  createTemplate(html: string): GoogleAppsScript.HTML.HtmlTemplate {
    return this.host.wrap('HtmlTemplate', new HtmlTemplateImpl(this.host, html, this.scope), { assignable: true }) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
  }
  createTemplateFromFile(name: string): GoogleAppsScript.HTML.HtmlTemplate {
    return this.createTemplate(this.file(name));
  }
  private file(name: string): string {
    const content = this.files.get(name.replace(/\.html$/, ''));
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return content;
  }
}
