// Provisioning a tracker for an organization: the spreadsheet, its bound Apps Script project filled from dist/, and a Drive folder for documents — resumable if a run stops half-way.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { drive_v3 } from 'googleapis';
import { UserFacingError, UsageError } from './errors';
import { driveQueryValue, type GoogleApis } from './google';
import type { Progress } from './progress';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The script project's title: a bound script's add-on menu is named after it (Extensions → ROSE Tracker). */
export const PROJECT_TITLE = 'ROSE Tracker';

/**
 * Drive appProperties that mark what provisioning made and how far it got, so a second run
 * finishes the first instead of making duplicates (only this app can read them).
 */
export const MARK = {
  kind: 'roseTracker',
  documentsFolder: 'roseDocumentsFolderId',
  scriptId: 'roseScriptId',
  provisioned: 'roseProvisioned',
} as const;

export interface ProjectFile {
  name: string;
  type: 'SERVER_JS' | 'HTML' | 'JSON';
  source: string;
}

/** What clasp would push from dist/: Code.js as "Code", the manifest as "appsscript", each page as HTML. */
export function readBuiltAddon(distDir: string): ProjectFile[] {
  const code = join(distDir, 'Code.js');
  const manifest = join(distDir, 'appsscript.json');
  if (!existsSync(code) || !existsSync(manifest)) {
    throw new UserFacingError(`The built add-on is missing (no ${existsSync(code) ? 'appsscript.json' : 'Code.js'} in ${distDir}); run npm run build first`);
  }
  const files: ProjectFile[] = [
    { name: 'appsscript', type: 'JSON', source: readFileSync(manifest, 'utf8') },
    { name: 'Code', type: 'SERVER_JS', source: readFileSync(code, 'utf8') },
  ];
  for (const page of readdirSync(distDir).filter((f) => f.endsWith('.html')).sort()) {
    files.push({ name: basename(page, '.html'), type: 'HTML', source: readFileSync(join(distDir, page), 'utf8') });
  }
  return files;
}

export interface ProvisionRequest {
  organization: string;
  folderName?: string;
  /** People to share the spreadsheet and the folder with, as editors. */
  share: string[];
  files: ProjectFile[];
}

export interface ProvisionNames {
  spreadsheet: string;
  folder: string;
}

export function namesFor(organization: string, folderName?: string): ProvisionNames {
  const org = organization.replace(/\s+/g, ' ').trim();
  if (!org) throw new UsageError('--org needs the organization\'s name, for example --org "Harbour Lights Society"');
  if (org.length > 100) throw new UsageError('--org is longer than 100 characters; use a shorter name for the organization');
  const folder = (folderName ?? `${org} — ROSE Tracker documents`).trim();
  if (!folder) throw new UsageError('--folder-name cannot be empty');
  return { spreadsheet: `${org} — ROSE Tracker`, folder };
}

export function checkEmails(emails: string[]): string[] {
  for (const email of emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError(`--share "${email}" is not an email address`);
  }
  return [...new Set(emails.map((e) => e.toLowerCase()))];
}

/** What already exists from an earlier run. */
export interface Existing {
  account: string | null;
  spreadsheet: drive_v3.Schema$File | null;
  folder: drive_v3.Schema$File | null;
}

/** Two read-only requests: who is signed in, and whether this organization's tracker or folder exist already. */
export async function findExisting(apis: GoogleApis, names: ProvisionNames): Promise<Existing> {
  const about = await apis.drive.about.get({ fields: 'user(emailAddress)' });
  const q = `trashed = false and ((mimeType = '${SPREADSHEET_MIME}' and name = ${driveQueryValue(names.spreadsheet)})`
    + ` or (mimeType = '${FOLDER_MIME}' and name = ${driveQueryValue(names.folder)}))`;
  const list = await apis.drive.files.list({ q, fields: 'files(id,name,mimeType,appProperties,webViewLink)', pageSize: 20 });
  const files = list.data.files ?? [];
  const pick = (mimeType: string, kind: string) => {
    const candidates = files.filter((f) => f.mimeType === mimeType);
    return candidates.find((f) => f.appProperties?.[MARK.kind] === kind) ?? candidates[0] ?? null;
  };
  return { account: about.data.user?.emailAddress ?? null, spreadsheet: pick(SPREADSHEET_MIME, 'tracker'), folder: pick(FOLDER_MIME, 'documents') };
}

export interface PlanStep {
  action: 'create' | 'reuse' | 'update' | 'share';
  what: string;
}

/** What a run would do, given what exists (the --dry-run report, and the step count of the progress bar). */
export function planSteps(names: ProvisionNames, existing: Existing | null, request: Pick<ProvisionRequest, 'share' | 'files'>): PlanStep[] {
  const steps: PlanStep[] = [];
  const props = existing?.spreadsheet?.appProperties ?? {};
  const done = Boolean(props[MARK.provisioned]);
  steps.push(existing?.folder ? { action: 'reuse', what: `the Drive folder "${names.folder}"` } : { action: 'create', what: `a Drive folder "${names.folder}" for the tracker's documents` });
  steps.push(existing?.spreadsheet ? { action: 'reuse', what: `the spreadsheet "${names.spreadsheet}"` } : { action: 'create', what: `a spreadsheet "${names.spreadsheet}"` });
  if (!done) {
    const sizes = request.files.map((f) => `${f.name} (${f.type === 'SERVER_JS' ? 'script' : f.type === 'JSON' ? 'manifest' : 'page'}, ${(Buffer.byteLength(f.source) / 1024).toFixed(1)} KiB)`);
    if (!props[MARK.scriptId]) steps.push({ action: 'create', what: `an Apps Script project "${PROJECT_TITLE}" bound to the spreadsheet` });
    steps.push({ action: 'update', what: `the script project's files from dist/: ${sizes.join(', ')}` });
  }
  for (const email of request.share) steps.push({ action: 'share', what: `the spreadsheet and the folder with ${email} as an editor` });
  return steps;
}

export interface ProvisionResult {
  account: string | null;
  alreadyProvisioned: boolean;
  spreadsheetId: string;
  spreadsheetUrl: string;
  folderId: string;
  folderUrl: string;
  scriptId: string;
  shared: string[];
}

function manifestTimeZone(files: ProjectFile[]): string | undefined {
  const manifest = files.find((f) => f.type === 'JSON');
  try {
    const zone = (JSON.parse(manifest?.source ?? '{}') as { timeZone?: unknown }).timeZone;
    return typeof zone === 'string' ? zone : undefined;
  } catch {
    return undefined;
  }
}

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export function folderUrl(id: string): string {
  return `https://drive.google.com/drive/folders/${id}`;
}

export function scriptUrl(id: string): string {
  return `https://script.google.com/d/${id}/edit`;
}

/**
 * Creates (or finishes) the tracker. Each stage is marked on the spreadsheet in Drive as it
 * completes, and the last mark is set only after the code is in place, so an interrupted run is
 * finished, never duplicated, by the next one.
 */
export async function provision(apis: GoogleApis, request: ProvisionRequest, progress: Progress): Promise<ProvisionResult> {
  const names = namesFor(request.organization, request.folderName);
  const share = checkEmails(request.share);
  progress.step('checking what exists');
  const existing = await findExisting(apis, names);
  progress.setTotal(1 + planSteps(names, existing, { share, files: request.files }).filter((s) => s.action !== 'reuse').length);

  let folderId = existing.folder?.id ?? '';
  if (!folderId) {
    progress.step('creating the documents folder');
    const folder = await apis.drive.files.create({
      requestBody: { name: names.folder, mimeType: FOLDER_MIME, appProperties: { [MARK.kind]: 'documents' } },
      fields: 'id',
    });
    folderId = folder.data.id!;
  }

  let spreadsheetId = existing.spreadsheet?.id ?? '';
  let props: Record<string, string> = { ...(existing.spreadsheet?.appProperties ?? {}) };
  const mark = async (changes: Record<string, string>) => {
    await apis.drive.files.update({ fileId: spreadsheetId, requestBody: { appProperties: changes }, fields: 'id' });
    props = { ...props, ...changes };
  };
  if (!spreadsheetId) {
    progress.step('creating the spreadsheet');
    const timeZone = manifestTimeZone(request.files);
    const created = await apis.sheets.spreadsheets.create({
      requestBody: { properties: { title: names.spreadsheet, ...(timeZone ? { timeZone } : {}) } },
      fields: 'spreadsheetId',
    });
    spreadsheetId = created.data.spreadsheetId!;
  }
  if (props[MARK.kind] !== 'tracker' || props[MARK.documentsFolder] !== folderId) {
    await mark({ [MARK.kind]: 'tracker', [MARK.documentsFolder]: folderId });
  }

  const alreadyProvisioned = Boolean(props[MARK.provisioned]);
  let scriptId = props[MARK.scriptId] ?? '';
  if (!alreadyProvisioned) {
    if (!scriptId) {
      progress.step('creating the script project');
      const project = await apis.script.projects.create({ requestBody: { title: PROJECT_TITLE, parentId: spreadsheetId } });
      scriptId = project.data.scriptId!;
      await mark({ [MARK.scriptId]: scriptId });
    }
    progress.step(`uploading ${request.files.length} files from dist/`);
    await apis.script.projects.updateContent({ scriptId, requestBody: { files: request.files } });
    await mark({ [MARK.provisioned]: new Date().toISOString() });
  }

  for (const email of share) {
    progress.step(`sharing with ${email}`);
    for (const fileId of [spreadsheetId, folderId]) {
      await apis.drive.permissions.create({ fileId, sendNotificationEmail: true, requestBody: { type: 'user', role: 'writer', emailAddress: email } });
    }
  }
  progress.done();
  return {
    account: existing.account, alreadyProvisioned, spreadsheetId, spreadsheetUrl: spreadsheetUrl(spreadsheetId),
    folderId, folderUrl: folderUrl(folderId), scriptId, shared: share,
  };
}

/** The closing report: links, then the one next step. */
export function reportLines(organization: string, result: ProvisionResult): string[] {
  const lines = [
    result.alreadyProvisioned
      ? `The ROSE Tracker for ${organization} was already set up${result.account ? ` in ${result.account}'s Google Drive` : ''}; nothing was created.`
      : `Created the ROSE Tracker for ${organization}${result.account ? ` in ${result.account}'s Google Drive` : ''}.`,
    `  Spreadsheet:      ${result.spreadsheetUrl}`,
    `  Documents folder: ${result.folderUrl}`,
  ];
  if (result.scriptId) lines.push(`  Script project:   ${scriptUrl(result.scriptId)}`);
  if (result.shared.length) lines.push(`  Shared with:      ${result.shared.join(', ')} (editors)`);
  lines.push('Next: open the spreadsheet and choose Extensions → ROSE Tracker → Set up tracker (Google asks you to authorize the script the first time).');
  return lines;
}
