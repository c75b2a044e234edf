// What every page (sidebar or dialog) does the same way: find elements, disable buttons during a call, say errors in words.

/** The element with this id; a missing one is a bug in the page, so it fails loudly. */
export const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}`);
  return element as T;
};

/** Disables every button while a call runs; each handler turns them back on, on success and on failure. */
export function setBusy(busy: boolean): void {
  document.querySelectorAll('button').forEach((button) => { (button as HTMLButtonElement).disabled = busy; });
}

/** A failed call in words a coordinator can act on. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text ? `Something went wrong: ${text}` : 'Something went wrong. Try again in a minute.';
}
