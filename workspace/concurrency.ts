// Runs add-on executions at the same time: each in a worker thread whose service calls are synchronous requests to the thread that owns the model, interleaved call by call.
//
// Why workers: the add-on's code is synchronous, so two executions in one thread can only run one
// after the other, and a race between them could never show. Here every execution runs the built
// bundle in its own worker_thread. Its Apps Script globals are stand-ins that send each property read
// and method call to the main thread and block (Atomics.wait on a SharedArrayBuffer) until the answer
// comes back. The main thread owns the one in-memory Google; it waits until every running execution
// stands at its next service call, lets exactly one of them make that call (round robin, so the
// executions alternate at every call boundary — the interleaving most likely to expose a race), and
// answers it. A waitLock/tryLock on a lock another execution holds parks the caller until the holder
// releases it (releaseLock, or the end of its execution) or until the holder has spent the timeout in
// modelled time — then Google's "Lock timeout: another process was holding the lock for too long."
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { unwrap } from './expose';
import type { AuthModeName } from './host';
import type { Workspace } from './index';

export interface ConcurrentExecution {
  /** A top-level function of the bundle (a trigger handler, a menu action). */
  functionName: string;
  /** Arguments; Apps Script objects (a Range, a Spreadsheet) cross as references to the model. */
  args?: unknown[];
  authMode?: AuthModeName;
  user?: string;
  /** Modelled time limit; Apps Script stops an execution at 6 minutes. null = none. */
  timeLimitMs?: number | null;
  /** The document the execution runs in (getActiveSpreadsheet); default: the Workspace's. */
  documentId?: string | null;
}

export interface ConcurrentOptions {
  /**
   * Models code that takes no lock: every waitLock/tryLock succeeds at once. Lets a test show what
   * goes wrong without the lock (so that the test with the lock can fail).
   */
  ignoreLocks?: boolean;
}

export interface ConcurrentResult {
  /** The function's return value (plain values only). */
  value?: unknown;
  /** The message of the error the execution ended with. */
  error?: string;
  /** Service calls the execution made. */
  calls: number;
  /** The execution's modelled time, waits included (the benchmark's wall time is the longest of them). */
  elapsedMs: number;
}

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';
const HANDLE = '__roseHandle';
/** How long the main thread waits for a worker that neither calls nor finishes (real time, a safety net). */
const STALL_MS = 60_000;

/** Node globals the bundle must not see (as in bundle.ts). */
const NOT_IN_APPS_SCRIPT = [
  'process', 'require', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename', 'setTimeout', 'setInterval',
  'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'fetch', 'URL', 'URLSearchParams', 'TextEncoder',
  'TextDecoder', 'structuredClone', 'atob', 'btoa', 'window', 'document', 'navigator', 'performance',
];

type Message =
  | { op: 'get'; id: number; prop: string }
  | { op: 'call'; id: number; prop: string; args: unknown[] }
  | { op: 'now' }
  | { op: 'done'; ok?: unknown; error?: string };

interface LockLike {
  tryLock(timeout: number): boolean;
  hasLock(): boolean;
  releaseLock(): void;
}

interface Parked {
  lock: LockLike;
  method: 'waitLock' | 'tryLock';
  timeoutMs: number;
  /** The waiter's own modelled time when it asked for the lock. */
  since: number;
  /** The lock's key in the lock table (who holds it, when it was let go). */
  key: string;
}

interface Run {
  worker: Worker;
  port: MessagePort;
  wake: Int32Array;
  state: 'running' | 'done';
  pending: Message | null;
  parked: Parked | null;
  execution: number;
  user: string;
  authMode: AuthModeName;
  documentId: string | null;
  limitMs: number | null;
  elapsedMs: number;
  calls: number;
  result: ConcurrentResult;
}

/** The model's objects the workers hold references to, by number. */
class Handles {
  private readonly byId = new Map<number, unknown>();
  private next = 1;
  add(value: unknown): number {
    const id = this.next++;
    this.byId.set(id, value);
    return id;
  }
  get(id: number): Record<string, unknown> {
    if (!this.byId.has(id)) throw new Error(`Unknown object reference ${id}`);
    return this.byId.get(id) as Record<string, unknown>;
  }
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function encode(handles: Handles, value: unknown): unknown {
  if (value === null || value === undefined || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') throw new Error('A function cannot cross between executions.');
  if (isDate(value)) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((v) => encode(handles, v));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (unwrap(value) === value && (proto === Object.prototype || proto === null)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(handles, v);
    return out;
  }
  // A service object (or a model object a method returned): the worker gets a reference.
  return { [HANDLE]: handles.add(value) };
}

function decode(handles: Handles, value: unknown): unknown {
  // A Date arrives built by the message port's realm; the model checks instanceof in its own.
  if (isDate(value)) return new Date(value.getTime());
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decode(handles, v));
  const record = value as Record<string, unknown>;
  if (typeof record[HANDLE] === 'number') return handles.get(record[HANDLE]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = decode(handles, v);
  return out;
}

function isLock(value: unknown): value is LockLike {
  const inner = unwrap(value) as Record<string, unknown> | null;
  return !!inner && typeof inner.tryLock === 'function' && typeof inner.waitLock === 'function'
    && typeof inner.releaseLock === 'function' && typeof inner.hasLock === 'function';
}

/**
 * Runs the executions at the same time against the Workspace's model and returns how each ended,
 * in the order given. Needs the add-on loaded (AddOn.load).
 */
export function runConcurrently(ws: Workspace, executions: ConcurrentExecution[], options: ConcurrentOptions = {}): ConcurrentResult[] {
  const addon = ws.addon;
  if (!addon) throw new Error('runConcurrently needs the add-on loaded in the Workspace (AddOn.load).');
  const handles = new Handles();
  const globals = ws.globals();
  const globalHandles: Record<string, number> = {};
  for (const [name, value] of Object.entries(globals)) globalHandles[name] = handles.add(value);
  const doorbell = new Int32Array(new SharedArrayBuffer(4));
  const saved = {
    user: ws.host.activeUser, authMode: ws.host.authMode, execution: ws.locks.execution, documentId: ws.host.activeSpreadsheetId,
  };
  // Every execution starts now on the modelled wall clock and has its own time line from there
  // (its elapsedMs); the wall clock moves on by the longest of them. A lock let go at one
  // execution's time T can be taken by a waiter at T at the earliest.
  const origin = ws.ledger.wallMs;
  /** Lock key → the releasing execution's time when it was last let go. */
  const released = new Map<string, number>();
  const keyOf = (lock: LockLike): string => String((lock as unknown as { key?: unknown }).key ?? '');
  const releaseHeld = (run: Run): void => {
    for (const [key, holder] of ws.locks.holders) if (holder === run.execution) released.set(key, run.elapsedMs);
  };

  const runs: Run[] = executions.map((execution, index) => {
    const { port1, port2 } = new MessageChannel();
    const wakeBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        port: port2, wake: wakeBuffer, doorbell: doorbell.buffer, code: addon.source, globalHandles,
        functionName: execution.functionName, args: encode(handles, execution.args ?? []), hidden: NOT_IN_APPS_SCRIPT,
      },
      transferList: [port2],
    });
    worker.unref();
    return {
      worker, port: port1, wake: new Int32Array(wakeBuffer), state: 'running', pending: null, parked: null,
      execution: 1_000_000 + (index + 1) * 1000, user: execution.user ?? saved.user, authMode: execution.authMode ?? 'FULL',
      documentId: execution.documentId === undefined ? saved.documentId : execution.documentId,
      limitMs: execution.timeLimitMs === undefined ? 6 * 60 * 1000 : execution.timeLimitMs, elapsedMs: 0, calls: 0,
      result: { calls: 0, elapsedMs: 0 },
    };
  });

  const reply = (run: Run, message: { ok?: unknown; error?: string }): void => {
    run.port.postMessage(message);
    Atomics.store(run.wake, 0, 1);
    Atomics.notify(run.wake, 0);
  };

  /** Puts the model in this execution's shoes: its user, auth mode, document, lock identity and time budget. */
  const enter = (run: Run): void => {
    ws.host.activeUser = run.user;
    ws.host.authMode = run.authMode;
    ws.host.activeSpreadsheetId = run.documentId;
    ws.locks.execution = run.execution;
    ws.ledger.beginExecution(run.limitMs);
    if (run.elapsedMs > 0) ws.ledger.spend(run.elapsedMs);
  };
  const leave = (run: Run): void => {
    run.elapsedMs = ws.ledger.elapsedMs;
  };

  /** Waits for the worker's next service call (answering property reads and the clock on the way). */
  const poll = (run: Run): Message => {
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      const seen = Atomics.load(doorbell, 0);
      const got = receiveMessageOnPort(run.port);
      if (got) {
        const message = got.message as Message;
        if (message.op === 'now') { reply(run, { ok: ws.host.now().getTime() }); continue; }
        if (message.op === 'get') {
          try {
            const member = handles.get(message.id)[message.prop];
            reply(run, { ok: typeof member === 'function' ? { fn: true } : { value: encode(handles, member) } });
          } catch (error) {
            reply(run, { error: (error as Error).message });
          }
          continue;
        }
        return message;
      }
      if (Date.now() > deadline) throw new Error(`An execution (${run.worker.threadId}) stopped answering for ${STALL_MS / 1000} s.`);
      Atomics.wait(doorbell, 0, seen, 50);
    }
  };

  const finish = (run: Run, message: { ok?: unknown; error?: string }): void => {
    run.state = 'done';
    run.result = { calls: run.calls, elapsedMs: run.elapsedMs, ...(message.error !== undefined ? { error: message.error } : { value: decode(handles, message.ok) }) };
    // Apps Script releases an execution's locks when it ends.
    releaseHeld(run);
    ws.locks.releaseAll(run.execution);
    void run.worker.terminate();
  };

  const call = (run: Run, message: Extract<Message, { op: 'call' }>): void => {
    enter(run);
    run.calls += 1;
    try {
      const target = handles.get(message.id);
      if ((message.prop === 'waitLock' || message.prop === 'tryLock') && isLock(target)) {
        ws.ledger.record(`Lock.${message.prop}`);
        const lock = unwrap(target) as unknown as LockLike;
        if (options.ignoreLocks || lock.tryLock(0)) {
          reply(run, { ok: message.prop === 'tryLock' ? true : undefined });
        } else {
          const timeoutMs = Number(message.args[0] ?? 0);
          run.parked = { lock, method: message.prop, timeoutMs, since: run.elapsedMs, key: keyOf(lock) };
        }
        return;
      }
      if (message.prop === 'releaseLock' && isLock(target)) {
        const key = keyOf(unwrap(target) as unknown as LockLike);
        if (ws.locks.holders.get(key) === run.execution) released.set(key, ws.ledger.elapsedMs);
      }
      const member = target[message.prop];
      if (typeof member !== 'function') throw new TypeError(`${message.prop} is not a function`);
      const value = (member as (...a: unknown[]) => unknown).apply(target, decode(handles, message.args) as unknown[]);
      reply(run, { ok: encode(handles, value) });
    } catch (error) {
      reply(run, { error: (error as Error).message });
    } finally {
      leave(run);
    }
  };

  /**
   * Gives a parked execution its lock if the holder let go in time, or ends its wait once the
   * holder has kept it past the timeout (in the holder's time, which is the wall clock's).
   */
  const settle = (run: Run, everyoneWaiting: boolean): void => {
    const parked = run.parked!;
    enter(run);
    try {
      const holder = ws.locks.holders.get(parked.key);
      const holding = runs.find((r) => r.execution === holder && r.state === 'running');
      if (parked.lock.tryLock(0)) {
        const waited = Math.max(0, (released.get(parked.key) ?? parked.since) - parked.since);
        if (waited > parked.timeoutMs) {
          parked.lock.releaseLock();
          timeOut(run, parked);
        } else {
          run.parked = null;
          ws.ledger.spend(waited);
          reply(run, { ok: parked.method === 'tryLock' ? true : undefined });
        }
      } else if ((holding && holding.elapsedMs - parked.since > parked.timeoutMs) || everyoneWaiting) {
        timeOut(run, parked);
      }
    } catch (error) {
      run.parked = null;
      reply(run, { error: (error as Error).message });
    } finally {
      leave(run);
    }
  };
  const timeOut = (run: Run, parked: Parked): void => {
    run.parked = null;
    ws.ledger.spend(parked.timeoutMs);
    if (parked.method === 'tryLock') reply(run, { ok: false });
    else reply(run, { error: LOCK_TIMEOUT });
  };

  let turn = 0;
  try {
    for (;;) {
      for (const run of runs) {
        if (run.state !== 'running' || run.pending || run.parked) continue;
        const message = poll(run);
        if (message.op === 'done') finish(run, message);
        else run.pending = message;
      }
      const running = runs.filter((r) => r.state === 'running');
      if (running.length === 0) break;
      // A freed lock goes to the waiter that asked first in modelled time.
      for (const run of running.filter((r) => r.parked).sort((a, b) => a.parked!.since - b.parked!.since)) settle(run, false);
      const ready = runs.map((r, i) => ({ r, i })).filter(({ r }) => r.state === 'running' && r.pending && !r.parked);
      if (ready.length === 0) {
        // Nobody can move: every execution waits for a lock that no one will release in time.
        if (running.every((r) => r.parked)) for (const run of running) settle(run, true);
        // Otherwise an execution just got its lock: read its next call first.
        continue;
      }
      // Round robin: the next ready execution after the one that went last.
      const next = ready.find(({ i }) => i >= turn) ?? ready[0];
      turn = next.i + 1;
      const message = next.r.pending as Extract<Message, { op: 'call' }>;
      next.r.pending = null;
      call(next.r, message);
    }
  } finally {
    for (const run of runs) if (run.state !== 'done') void run.worker.terminate();
    ws.ledger.wallMs = Math.max(ws.ledger.wallMs, origin + Math.max(0, ...runs.map((r) => r.elapsedMs)));
    ws.host.activeUser = saved.user;
    ws.host.authMode = saved.authMode;
    ws.host.activeSpreadsheetId = saved.documentId;
    ws.locks.execution = saved.execution;
    ws.ledger.beginExecution(null);
  }
  return runs.map((r) => r.result);
}

/** The worker: loads the bundle with stand-in globals whose every use is a synchronous request to the main thread. */
const WORKER_SOURCE = String.raw`
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { compileFunction } = require('node:vm');
const { port, wake: wakeBuffer, doorbell, code, globalHandles, functionName, args, hidden } = workerData;
const wake = new Int32Array(wakeBuffer);
const bell = new Int32Array(doorbell);
const HANDLE = '${HANDLE}';

function send(message) {
  Atomics.store(wake, 0, 0);
  port.postMessage(message);
  Atomics.add(bell, 0, 1);
  Atomics.notify(bell, 0);
}
function rpc(message) {
  send(message);
  for (;;) {
    Atomics.wait(wake, 0, 0, 1000);
    const got = receiveMessageOnPort(port);
    if (got) {
      if (got.message.error !== undefined) throw new Error(got.message.error);
      return got.message.ok;
    }
  }
}
const ids = new WeakMap();
function handle(id) {
  const cache = new Map();
  const proxy = new Proxy(Object.create(null), {
    get(_target, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      if (cache.has(prop)) return cache.get(prop);
      const member = rpc({ op: 'get', id, prop });
      const value = member.fn ? (...a) => decode(rpc({ op: 'call', id, prop, args: encode(a) })) : decode(member.value);
      cache.set(prop, value);
      return value;
    },
    set(_target, prop) { throw new Error(String(prop) + ' cannot be assigned'); },
  });
  ids.set(proxy, id);
  return proxy;
}
function encode(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (ids.has(value)) return { [HANDLE]: ids.get(value) };
  if (typeof value === 'function') throw new Error('A function cannot be passed to an Apps Script service.');
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(encode);
  const out = {};
  for (const key of Object.keys(value)) out[key] = encode(value[key]);
  return out;
}
function decode(value) {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value[HANDLE] === 'number') return handle(value[HANDLE]);
  const out = {};
  for (const key of Object.keys(value)) out[key] = decode(value[key]);
  return out;
}
const scope = {};
for (const name of Object.keys(globalHandles)) scope[name] = handle(globalHandles[name]);
// The add-on's clock is the Workspace's.
scope.Date = new Proxy(Date, {
  construct(target, a) { return a.length ? new target(...a) : new target(rpc({ op: 'now' })); },
  apply(target) { return new target(rpc({ op: 'now' })).toString(); },
  get(target, prop, receiver) { return prop === 'now' ? () => rpc({ op: 'now' }) : Reflect.get(target, prop, receiver); },
});
let message;
try {
  const names = [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]);
  const fakeGlobalThis = { ...scope };
  const params = [...Object.keys(scope), 'globalThis', ...hidden];
  const body = code + '\nreturn { ' + names.map((n) => JSON.stringify(n) + ': ' + n).join(', ') + ' };';
  const factory = compileFunction(body, params, { filename: 'Code.js' });
  const functions = factory(...Object.values(scope), fakeGlobalThis, ...hidden.map(() => undefined));
  Object.assign(fakeGlobalThis, functions);
  if (!functions[functionName]) throw new Error('Script function not found: ' + functionName);
  message = { op: 'done', ok: encode(functions[functionName](...decode(args))) };
} catch (error) {
  message = { op: 'done', error: error && error.message ? error.message : String(error) };
}
send(message);
`;
