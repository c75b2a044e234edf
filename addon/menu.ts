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
  null,
  { caption: 'Refresh dashboard', functionName: 'refreshDashboard' },
  { caption: 'Reminders', functionName: 'showReminders' },
  { caption: 'Send reminders now', functionName: 'sendRemindersNow' },
  null,
  { caption: 'Create or update forms', functionName: 'createOrUpdateForms' },
  { caption: 'Process missed form responses', functionName: 'reprocessMissedResponses' },
  { caption: 'Set up private workbooks', functionName: 'setUpPrivateWorkbooks' },
  { caption: 'Evaluation report', functionName: 'buildEvaluationReport' },
  { caption: 'Close a survey wave…', functionName: 'closeSurveyWaveMenu' },
  { caption: 'Process evaluation report', functionName: 'buildProcessEvaluationReport' },
  { caption: 'Site report (one page)', functionName: 'buildSiteReportPage' },
  null,
  { caption: 'Install document templates', functionName: 'installDocumentTemplates' },
  { caption: 'Generate documents', functionName: 'showGenerateDocuments' },
  { caption: 'Register a Google Doc as a template', functionName: 'registerDocumentTemplate' },
  { caption: 'Give ROSE Tracker access to templates', functionName: 'showTemplateAccess' },
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
