// The googleapis clients the commands use, pointed at Google or at the local Workspace (per-client rootUrl; per call for media uploads).
import { google, type docs_v1, type drive_v3, type forms_v1, type script_v1, type sheets_v4 } from 'googleapis';
import { FETCH, type Session } from './auth';

export interface GoogleApis {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  script: script_v1.Script;
  docs: docs_v1.Docs;
  forms: forms_v1.Forms;
  /**
   * Options for calls that upload media (drive.files.create with `media`): googleapis builds the
   * upload address from the call's rootUrl, not the client's (FACTS).
   */
  uploadOptions: { rootUrl?: string };
  session: Session;
}

export function googleApis(session: Session): GoogleApis {
  const common = { auth: session.auth, ...FETCH, ...(session.rootUrl ? { rootUrl: session.rootUrl } : {}) };
  return {
    sheets: google.sheets({ version: 'v4', ...common }),
    drive: google.drive({ version: 'v3', ...common }),
    script: google.script({ version: 'v1', ...common }),
    docs: google.docs({ version: 'v1', ...common }),
    forms: google.forms({ version: 'v1', ...common }),
    uploadOptions: session.rootUrl ? { rootUrl: session.rootUrl } : {},
    session,
  };
}

/** A spreadsheet ID from an ID or a link (https://docs.google.com/spreadsheets/d/<id>/edit…). */
export function spreadsheetIdFrom(text: string): string | null {
  const trimmed = text.trim();
  const link = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(trimmed);
  if (link) return link[1];
  return /^[A-Za-z0-9_-]{20,}$/.test(trimmed) ? trimmed : null;
}

/** Quotes a value for a Drive search (q): a backslash before ' and \ (Drive's escaping rules). */
export function driveQueryValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
