// PropertiesService, LockService, CacheService, Session, Utilities, MailApp, Logger and console of the local Workspace.
import { createHash, randomUUID } from 'node:crypto';
import type { Host } from './host';
import { formatJavaDate } from './formats';

/** Apps Script limits: 9 KB a property value, 500 KB a property store (FACTS: quotas). */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

export class PropertyStores {
  readonly stores = new Map<string, Map<string, string>>();
  store(key: string): Map<string, string> {
    let store = this.stores.get(key);
    if (!store) { store = new Map(); this.stores.set(key, store); }
    return store;
  }
}

function storeSize(store: Map<string, string>): number {
  let size = 0;
  for (const [k, v] of store) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  return size;
}

class PropertiesImpl {
  constructor(private readonly store: Map<string, string>) {}
  getProperty(key: string): string | null { return this.store.get(key) ?? null; }
  setProperty(key: string, value: string): this {
    this.put(key, String(value));
    return this;
  }
  getProperties(): Record<string, string> { return Object.fromEntries(this.store); }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of Object.entries(properties)) this.put(k, String(v));
    return this;
  }
  getKeys(): string[] { return [...this.store.keys()]; }
  deleteProperty(key: string): this { this.store.delete(key); return this; }
  deleteAllProperties(): this { this.store.clear(); return this; }
  private put(key: string, value: string): void {
    if (Buffer.byteLength(value) > PROPERTY_VALUE_LIMIT) throw new Error('Argument too large: value');
    const previous = this.store.get(key);
    this.store.set(key, value);
    if (storeSize(this.store) > PROPERTY_STORE_LIMIT) {
      if (previous === undefined) this.store.delete(key); else this.store.set(key, previous);
      throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }
}

export class PropertiesServiceImpl {
  constructor(private readonly host: Host, private readonly stores: PropertyStores, private readonly scriptId: string) {}
  getScriptProperties(): GoogleAppsScript.Properties.Properties {
    this.host.requireAuthorization('PropertiesService.getScriptProperties');
    return this.wrap(`script:${this.scriptId}`);
  }
  getUserProperties(): GoogleAppsScript.Properties.Properties {
    this.host.requireAuthorization('PropertiesService.getUserProperties');
    return this.wrap(`user:${this.scriptId}:${this.host.activeUser}`);
  }
  getDocumentProperties(): GoogleAppsScript.Properties.Properties | null {
    this.host.requireAuthorization('PropertiesService.getDocumentProperties');
    if (!this.host.activeSpreadsheetId) return null;
    return this.wrap(`document:${this.scriptId}:${this.host.activeSpreadsheetId}`);
  }
  private wrap(key: string): GoogleAppsScript.Properties.Properties {
    return this.host.wrap('Properties', new PropertiesImpl(this.stores.store(key))) as unknown as GoogleAppsScript.Properties.Properties;
  }
}

/** Who holds each lock: an execution number. Locks are released when their execution ends. */
export class LockTable {
  readonly holders = new Map<string, number>();
  execution = 0;
  releaseAll(execution: number): void {
    for (const [key, holder] of this.holders) if (holder === execution) this.holders.delete(key);
  }
}

class LockImpl {
  constructor(private readonly host: Host, private readonly table: LockTable, private readonly key: string) {}
  tryLock(timeoutInMillis: number): boolean {
    const holder = this.table.holders.get(this.key);
    if (holder === undefined || holder === this.table.execution) {
      this.table.holders.set(this.key, this.table.execution);
      return true;
    }
    // Another execution holds it; in this single-threaded model it cannot finish while we wait.
    this.host.ledger.spend(timeoutInMillis);
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    if (this.table.holders.get(this.key) === this.table.execution) this.table.holders.delete(this.key);
  }
  hasLock(): boolean { return this.table.holders.get(this.key) === this.table.execution; }
}

export class LockServiceImpl {
  constructor(private readonly host: Host, private readonly table: LockTable, private readonly scriptId: string) {}
  getScriptLock(): GoogleAppsScript.Lock.Lock { return this.lock(`script:${this.scriptId}`); }
  getUserLock(): GoogleAppsScript.Lock.Lock { return this.lock(`user:${this.scriptId}:${this.host.activeUser}`); }
  getDocumentLock(): GoogleAppsScript.Lock.Lock | null {
    if (!this.host.activeSpreadsheetId) return null;
    return this.lock(`document:${this.scriptId}:${this.host.activeSpreadsheetId}`);
  }
  private lock(key: string): GoogleAppsScript.Lock.Lock {
    this.host.requireAuthorization('LockService');
    return this.host.wrap('Lock', new LockImpl(this.host, this.table, key)) as unknown as GoogleAppsScript.Lock.Lock;
  }
}

/** Cache limits: 100 KB a value, 250 characters a key, six hours at most. */
class CacheImpl {
  constructor(private readonly host: Host, private readonly entries: Map<string, { value: string; expires: number }>) {}
  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= this.host.now().getTime()) return null;
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) { const v = this.get(key); if (v !== null) out[key] = v; }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (key.length > 250) throw new Error('Argument too large: key');
    if (Buffer.byteLength(value) > 100 * 1024) throw new Error('Argument too large: value');
    const seconds = Math.min(expirationInSeconds, 21600);
    this.entries.set(key, { value: String(value), expires: this.host.now().getTime() + seconds * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void { this.entries.delete(key); }
  removeAll(keys: string[]): void { keys.forEach((k) => this.entries.delete(k)); }
}

export class CacheServiceImpl {
  private readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();
  constructor(private readonly host: Host, private readonly scriptId: string) {}
  getScriptCache(): GoogleAppsScript.Cache.Cache { return this.cache(`script:${this.scriptId}`); }
  getUserCache(): GoogleAppsScript.Cache.Cache { return this.cache(`user:${this.host.activeUser}`); }
  getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
    return this.host.activeSpreadsheetId ? this.cache(`document:${this.host.activeSpreadsheetId}`) : null;
  }
  private cache(key: string): GoogleAppsScript.Cache.Cache {
    this.host.requireAuthorization('CacheService');
    let entries = this.caches.get(key);
    if (!entries) { entries = new Map(); this.caches.set(key, entries); }
    return this.host.wrap('Cache', new CacheImpl(this.host, entries)) as unknown as GoogleAppsScript.Cache.Cache;
  }
}

export class SessionImpl {
  constructor(private readonly host: Host) {}
  // With scopes declared in the manifest, reading who the user is needs userinfo.email.
  getActiveUser(): GoogleAppsScript.Base.User {
    this.host.requireScope('Session.getActiveUser', ['userinfo.email']);
    return this.user(this.knownEmail());
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.host.requireScope('Session.getEffectiveUser', ['userinfo.email']);
    return this.user(this.knownEmail());
  }
  /**
   * The email is not available "in any context that allows a script to run without that user's
   * authorization, like a simple onOpen(e) or onEdit(e) trigger", except generally for the developer
   * or a user of the same Google Workspace domain (developers.google.com/apps-script/reference/base/session#getActiveUser).
   * A simple trigger runs as the person acting, so its effective user is blank too (stricter: Google
   * does not say). Consumer accounts share no domain: only Host.workspaceDomain lifts the blank.
   */
  private knownEmail(): string {
    const email = this.host.activeUser;
    if (this.host.authMode !== 'LIMITED' && this.host.authMode !== 'NONE') return email;
    const domain = this.host.workspaceDomain;
    return domain && email.toLowerCase().endsWith(`@${domain.toLowerCase()}`) ? email : '';
  }
  getScriptTimeZone(): string { return this.host.scriptTimeZone ?? this.host.timeZone; }
  getActiveUserLocale(): string { return 'en'; }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`temp:${this.host.activeUser}`).digest('base64url').slice(0, 40);
  }
  private user(email: string): GoogleAppsScript.Base.User {
    return this.host.wrap('User', { getEmail: () => email }) as unknown as GoogleAppsScript.Base.User;
  }
}

/** A Blob: bytes with a content type and a name. */
export class BlobImpl {
  constructor(private readonly host: Host, public _bytes: Buffer, public _contentType: string | null, public _name: string | null) {}
  getBytes(): number[] { return [...this._bytes].map((b) => (b > 127 ? b - 256 : b)); }
  getDataAsString(charset = 'UTF-8'): string { return this._bytes.toString(charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1'); }
  getContentType(): string | null { return this._contentType; }
  setContentType(type: string): this { this._contentType = type; return this; }
  getName(): string | null { return this._name; }
  setName(name: string): this { this._name = name; return this; }
  setDataFromString(text: string): this { this._bytes = Buffer.from(text, 'utf8'); return this; }
  copyBlob(): GoogleAppsScript.Base.Blob { return newBlob(this.host, Buffer.from(this._bytes), this._contentType, this._name); }
  isGoogleType(): boolean { return false; }
}

export function newBlob(host: Host, bytes: Buffer, contentType: string | null, name: string | null): GoogleAppsScript.Base.Blob {
  return host.wrap('Blob', new BlobImpl(host, bytes, contentType, name)) as unknown as GoogleAppsScript.Base.Blob;
}

function toBuffer(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b: number) => (b < 0 ? b + 256 : b)));
  throw new Error('Invalid argument: data');
}

export class UtilitiesImpl {
  readonly DigestAlgorithm = { MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_512: 'SHA_512' };
  readonly Charset = { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' };
  constructor(private readonly host: Host) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
    try { new Intl.DateTimeFormat('en-US', { timeZone }); } catch { throw new Error(`Invalid argument: timeZone "${timeZone}"`); }
    return formatJavaDate(date, timeZone, format);
  }
  getUuid(): string { return randomUUID(); }
  sleep(milliseconds: number): void {
    if (milliseconds > 5 * 60 * 1000) throw new Error('Invalid argument: milliseconds (at most 300000)');
    this.host.ledger.spend(milliseconds);
    this.host.advance(milliseconds);
  }
  newBlob(data: unknown, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return newBlob(this.host, toBuffer(data ?? ''), contentType ?? null, name ?? null);
  }
  base64Encode(data: unknown): string { return toBuffer(data).toString('base64'); }
  base64EncodeWebSafe(data: unknown): string { return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'); }
  base64Decode(encoded: string): number[] { return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b)); }
  computeDigest(algorithm: string, value: unknown): number[] {
    const name = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_512: 'sha512' }[algorithm];
    if (!name) throw new Error(`Invalid argument: algorithm ${algorithm}`);
    return [...createHash(name).update(toBuffer(value)).digest()].map((b) => (b > 127 ? b - 256 : b));
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < csv.length; i += 1) {
      const ch = csv[i];
      if (quoted) {
        if (ch === '"' && csv[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) { row.push(field); field = ''; }
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && csv[i + 1] === '\n') i += 1;
        row.push(field); rows.push(row); row = []; field = '';
      } else field += ch;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
  }
}

// MailApp lives in mail.ts; index.ts takes it from here with the other basic services.
export { MailAppImpl, type SentMail } from './mail';

export class LoggerImpl {
  readonly _lines: string[] = [];
  log(format: unknown, ...values: unknown[]): this {
    let text = String(format);
    if (values.length) text = text.replace(/%s/g, () => String(values.shift()));
    this._lines.push(text);
    return this;
  }
  getLog(): string { return this._lines.join('\n'); }
  clear(): void { this._lines.length = 0; }
}

/** console inside Apps Script writes to the execution log; here it is kept for tests to read. */
export function consoleFor(lines: { level: string; text: string }[]): Console {
  const write = (level: string) => (...args: unknown[]) => {
    lines.push({ level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
  };
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), time: () => undefined, timeEnd: () => undefined } as unknown as Console;
}
