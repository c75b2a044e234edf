// The ROSE Tracker menu: what a coordinator sees under Extensions → ROSE Tracker, as data.

export interface MenuEntry {
  caption: string;
  /** The top-level function in the bundle the item calls. */
  functionName: string;
}

/** null stands for a separator. */
export const MENU: (MenuEntry | null)[] = [
  { caption: 'Set up tracker', functionName: 'setupTracker' },
  { caption: 'Check data', functionName: 'checkData' },
  { caption: 'Refresh computed columns', functionName: 'refreshComputed' },
];

/** Builds the add-on menu. Safe in AuthMode.NONE: it touches nothing but the menu. */
export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const entry of MENU) {
    if (entry) menu.addItem(entry.caption, entry.functionName);
    else menu.addSeparator();
  }
  menu.addToUi();
}
