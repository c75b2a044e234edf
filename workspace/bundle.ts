// Loads the built add-on (dist/Code.js) the way Apps Script does: top-level functions called by name, Workspace services as globals.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { compileFunction } from 'node:vm';
import type { Workspace, ExecutionOptions } from './index';
import { constructInZone, parseInZone } from './script-zone';

/** Node globals that do not exist in Apps Script: the bundle sees them as undefined, so it cannot lean on them. */
const NOT_IN_APPS_SCRIPT = [
  'process', 'require', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename', 'setTimeout', 'setInterval',
  'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'fetch', 'URL', 'URLSearchParams', 'TextEncoder',
  'TextDecoder', 'structuredClone', 'atob', 'btoa', 'window', 'document', 'navigator', 'performance',
];

const TOP_LEVEL_FUNCTION = /^function ([A-Za-z_$][\w$]*)\s*\(/gm;

export class AddOn {
  readonly names: string[];
  /** The bundle's code, for executions run in worker threads (concurrency.ts). */
  readonly source: string;
  private readonly functions: Record<string, (...args: unknown[]) => unknown>;

  private constructor(private readonly ws: Workspace, code: string) {
    this.names = [...code.matchAll(TOP_LEVEL_FUNCTION)].map((m) => m[1]);
    const globals = ws.globals();
    const clock = ws.host;
    // The add-on's `new Date()` and Date.now() read the Workspace clock, so "today" is fixed in tests;
    // a date given by its parts or as zone-less text is on the script zone's wall clock (script-zone.ts).
    const WorkspaceDate = new Proxy(Date, {
      construct(_target, args) {
        return args.length ? constructInZone(clock.scriptTimeZone, args) : clock.now();
      },
      apply(target) {
        return target.call(undefined);
      },
      get(target, property, receiver) {
        if (property === 'now') return () => clock.now().getTime();
        if (property === 'parse') return (text: string) => parseInZone(clock.scriptTimeZone, String(text));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const scope: Record<string, unknown> = { ...globals, Date: WorkspaceDate };
    const fakeGlobalThis: Record<string, unknown> = { ...scope };
    const params = [...Object.keys(scope), 'globalThis', ...NOT_IN_APPS_SCRIPT];
    const body = `${code}\nreturn { ${this.names.map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')} };`;
    const factory = compileFunction(body, params, { filename: 'Code.js' }) as (...values: unknown[]) => unknown;
    this.functions = factory(...Object.values(scope), fakeGlobalThis, ...NOT_IN_APPS_SCRIPT.map(() => undefined)) as Record<string, (...args: unknown[]) => unknown>;
    Object.assign(fakeGlobalThis, this.functions);
    ws.scriptScope = this.functions;
    this.source = code;
    // Form submissions reach the add-on's trigger handlers through the Workspace.
    ws.addon = this;
  }

  /** Loads dist/Code.js and the HTML files beside it into the Workspace. */
  static load(ws: Workspace, codePath = join('dist', 'Code.js')): AddOn {
    if (!existsSync(codePath)) throw new Error(`${codePath} is missing: run npm run build first.`);
    const dir = dirname(codePath);
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.html')) ws.projectFiles.set(file.slice(0, -5), readFileSync(join(dir, file), 'utf8'));
    }
    // The manifest's oauthScopes are all the add-on may use (drive.ts and docs.ts enforce them).
    const manifest = join(dir, 'appsscript.json');
    if (ws.scopes === null && existsSync(manifest)) {
      const scopes = (JSON.parse(readFileSync(manifest, 'utf8')) as { oauthScopes?: unknown }).oauthScopes;
      if (Array.isArray(scopes)) ws.scopes = scopes.map(String);
    }
    // The manifest's timeZone is the script's: Date's local-time methods follow it in every execution.
    if (existsSync(manifest)) {
      const timeZone = (JSON.parse(readFileSync(manifest, 'utf8')) as { timeZone?: unknown }).timeZone;
      if (typeof timeZone === 'string') ws.host.scriptTimeZone = timeZone;
    }
    return new AddOn(ws, readFileSync(codePath, 'utf8'));
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  /** Calls a top-level function as one execution, like a menu click, trigger or google.script.run. */
  call<T = unknown>(name: string, args: unknown[] = [], options: ExecutionOptions = {}): T {
    const fn = this.functions[name];
    if (!fn) throw new Error(`Script function not found: ${name}`);
    return this.ws.execute(() => fn(...args) as T, options);
  }

  /**
   * google.script.run semantics: arguments and results cross as JSON-like values; a Date anywhere
   * in the arguments fails the call, and a result containing a Date arrives as null.
   */
  callFromClient(name: string, args: unknown[], options: ExecutionOptions = {}): unknown {
    if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
    if (containsDate(args)) throw new Error('Failed due to illegal value in property: 0');
    const result = this.call(name, JSON.parse(JSON.stringify(args)) as unknown[], options);
    if (containsDate(result)) return null;
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  }
}

function containsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(containsDate);
  if (value && typeof value === 'object') return Object.values(value).some(containsDate);
  return false;
}
