// Tabs that ROSE Tracker writes whole (Dashboard, reports, logs): it may rewrite only the ones it made.

/**
 * The sheet named `name` if it is ours to rewrite, creating it when missing. A tab is ours when it is
 * empty or its first cell starts with `signature` (the text ROSE Tracker always writes there). A tab a
 * person made with the same name is never cleared: the action stops and says what to do.
 */
export function claimOwnedTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  existing: GoogleAppsScript.Spreadsheet.Sheet | null | undefined,
  name: string,
  signature: string,
  index?: number,
): GoogleAppsScript.Spreadsheet.Sheet {
  if (!existing) {
    // "The new sheet becomes the active sheet" (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)):
    // a tab made in passing (a log, the lists) leaves the person on the tab they were on; a report that should show itself activates.
    const before = ss.getActiveSheet();
    const made = index === undefined ? ss.insertSheet(name) : ss.insertSheet(name, index);
    if (before) ss.setActiveSheet(before);
    return made;
  }
  const first = existing.getRange(1, 1).getValue();
  if (first === '' ? existing.getLastRow() === 0 || existing.getLastColumn() === 0 : String(first).indexOf(signature) === 0) return existing;
  throw notOurs(name);
}

/** The same rule over a tab's values as read (pure): empty, or its first cell starts with `signature`; otherwise the error to show. */
export function ownedTabProblem(values: readonly (readonly unknown[])[], name: string, signature: string): Error | null {
  const first = values[0]?.[0];
  const empty = values.every((row) => row.every((cell) => cell === '' || cell === null || cell === undefined));
  if (empty || (first !== undefined && first !== '' && String(first).indexOf(signature) === 0)) return null;
  return notOurs(name);
}

function notOurs(name: string): Error {
  return new Error(`A tab named "${name}" already exists and was not made by ROSE Tracker, so it was left alone. Rename that tab (for example to "${name} (mine)") and try again.`);
}
