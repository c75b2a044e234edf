// Wraps a model object as an Apps Script service object: records each call in the ledger and fails loudly on anything not implemented.
import type { Ledger } from './ledger';

/** Properties that test frameworks and Node's inspector probe; answering undefined keeps them quiet. */
const INTROSPECTION = new Set([
  'then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'constructor',
  '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction', 'inspect', 'length',
]);

const IMPLEMENTATION = Symbol('implementation');

/**
 * Returns a proxy of `impl` named `kind` (e.g. "Range"). Calling a method records `kind.method`;
 * reading anything the class does not define throws "kind.name is not implemented by the local
 * Workspace", so the add-on cannot silently depend on behaviour nobody modelled. Members whose
 * name starts with `_` are internal to the model and invisible to the add-on.
 */
export function expose<T extends object>(kind: string, impl: T, ledger: Ledger, options: { assignable?: boolean } = {}): T {
  return new Proxy(impl, {
    get(target, property) {
      if (property === IMPLEMENTATION) return target;
      if (typeof property === 'symbol') return undefined;
      if (property.startsWith('_') || !(property in target)) {
        if (INTROSPECTION.has(property)) return undefined;
        throw new Error(`${kind}.${property} is not implemented by the local Workspace`);
      }
      const member = (target as Record<string, unknown>)[property];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        ledger.record(`${kind}.${property}`);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
    set(target, property, value) {
      // Only objects that Apps Script lets scripts extend (HtmlTemplate variables) accept assignments.
      if (!options.assignable || typeof property === 'symbol' || property in target) {
        throw new Error(`${kind}.${String(property)} cannot be assigned`);
      }
      (target as Record<string, unknown>)[property] = value;
      return true;
    },
  });
}

/** The model object behind an exposed proxy (or the object itself), for the Workspace's own use. */
export function unwrap<T>(value: T): T {
  if (value && typeof value === 'object') {
    const inner = (value as unknown as Record<symbol, unknown>)[IMPLEMENTATION];
    if (inner) return inner as T;
  }
  return value;
}
