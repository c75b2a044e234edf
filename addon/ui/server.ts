// The one typed door from our pages to the server: every server function a page calls, with its argument and result types, behind a promise wrapper around google.script.run.
import type * as Main from '../main';

/**
 * What google.script.run can call: the exports of addon/main.ts (the build makes each a top-level function),
 * typed from main.ts itself, so a changed signature there breaks the page that calls it. (So main.ts exports
 * functions only: anything else would fail the pages' typecheck in `call` below.) Type-only: no server code
 * reaches a page's bundle.
 */
export type Server = typeof Main;

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner; host: { close(): void } } };

/** A promise per call, typed by the Server interface. google.script.run cannot pass a Date: send ISO strings. */
export function call<K extends keyof Server>(name: K, ...args: Parameters<Server[K]>): Promise<ReturnType<Server[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<Server[K]>))
      .withFailureHandler((error) => reject(error));
    (runner[name] as (...values: unknown[]) => void)(...args);
  });
}

/** Closes the dialog or sidebar this page runs in. */
export function closePage(): void {
  google.script.host.close();
}
