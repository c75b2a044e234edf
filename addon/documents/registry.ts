// The document templates of one tracker: installing the built-in ones as Google Docs, registering a coordinator's own Doc, and the registry that remembers them (document properties).
import { embeddedDocumentTemplates } from '../embedded';
import { TrackerStore } from '../tracker/store';
import type { SettingKey } from '../tracker/schema';
import { PROPERTY_KEYS } from '../core/keys';
import { checkPlaceholders } from './merge';
import { templateToRequests, type DocumentTemplate } from './templateDocs';
import { createDocument, createFolder, fileState, readDocument, updateDocument, FOLDER_MIME } from './google';
import { docLink, driveIdIn, errorText } from './jobs';
import type { InstallResult, RegisterResult, TemplateChoice, TemplateProblem } from './types';
import { confirmFolderMade, documentReach, folderAccessMessage, folderMadeBy, folderRefusal, rememberFolderMaker, requireFolderMaker, templateAccessMessage } from './access';

export interface RegisteredTemplate {
  id: string;
  name: string;
  kind: TemplateChoice['kind'];
  role: string;
  docId: string;
  /** Fingerprint of the built-in template it was installed from ('' for a coordinator's Doc). */
  version: string;
  fileName: string;
  requires: string[];
  builtIn: boolean;
  /** Who installed or registered it: drive.file reaches it for them; others pick it first (access.ts). */
  installedBy?: string;
}

export const DOCUMENTS_FOLDER_NAME = 'ROSE Tracker documents';

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) throw new Error('Open the tracker spreadsheet to work with document templates.');
  return properties;
}

export function readRegistry(): RegisteredTemplate[] {
  const text = documentProperties().getProperty(PROPERTY_KEYS.documentTemplates);
  if (!text) return [];
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? (parsed as RegisteredTemplate[]) : [];
}

function writeRegistry(registry: RegisteredTemplate[]): void {
  documentProperties().setProperty(PROPERTY_KEYS.documentTemplates, JSON.stringify(registry));
}

/** A short fingerprint of a built-in template, so a newer shipped version can be told apart. */
export function templateVersion(template: DocumentTemplate): string {
  const text = JSON.stringify(template);
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

export function choiceOf(entry: RegisteredTemplate): TemplateChoice {
  return { id: entry.id, name: entry.name, kind: entry.kind, role: entry.role, link: docLink(entry.docId), fileName: entry.fileName, builtIn: entry.builtIn };
}

export function problemsOf(problems: readonly { placeholder: string; message: string; suggestion?: string }[]): TemplateProblem[] {
  return problems.map((p) => ({ placeholder: p.placeholder, message: p.message, suggestion: p.suggestion ?? '' }));
}

const FOLDER_SETTING: SettingKey = 'Documents folder';

/**
 * The Drive folder for documents (Settings → Documents folder). Blank: one is created and its
 * link written back to Settings. With only drive.file, ROSE Tracker can use a folder it created,
 * so a pasted folder it cannot reach gets a message saying what to do.
 */
export function documentsFolder(store: TrackerStore): { id: string; link: string; created: boolean } {
  const setting = store.settings().documentsFolder;
  if (setting) {
    const refused = folderRefusal(store.ss, setting);
    if (refused) throw new Error(refused);
    const id = driveIdIn(setting);
    const state = id ? fileState(id) : null;
    // Not found: made or shared by someone else and not yet picked by this person, or deleted for good.
    if (id && !state) throw new Error(folderAccessMessage(setting, folderMadeBy(), Session.getEffectiveUser().getEmail()));
    if (!state || state.trashed || state.mimeType !== FOLDER_MIME) {
      throw new Error(`ROSE Tracker cannot use the Documents folder in Settings ("${setting}"): it is not a folder ROSE Tracker made, or it was deleted. Clear the Documents folder setting and ROSE Tracker will make a new folder.`);
    }
    return { id, link: `https://drive.google.com/drive/folders/${id}`, created: false };
  }
  requireFolderMaker(store.ss);
  const folder = createFolder(DOCUMENTS_FOLDER_NAME);
  rememberFolderMaker();
  const settings = store.table('Settings');
  const record = settings?.records.find((r) => r.values.setting === FOLDER_SETTING);
  const sheet = store.sheet('Settings');
  const valueColumn = settings?.columnOf.value;
  if (!record || !sheet || valueColumn === undefined) {
    throw new Error(`The Settings tab has no "${FOLDER_SETTING}" row: run ROSE Tracker → Set up tracker first.`);
  }
  sheet.getRange(record.row, valueColumn + 1).setValue(folder.link);
  confirmFolderMade(store.ss, folder.link);
  store.changed('Settings');
  return { id: folder.id, link: folder.link, created: true };
}

function installOne(template: DocumentTemplate, folderId: string, name: string): RegisteredTemplate {
  const docId = createDocument(name, folderId);
  updateDocument(docId, templateToRequests(template));
  return {
    id: template.id, name: template.title, kind: template.kind, role: template.role ?? '', docId, version: templateVersion(template),
    fileName: template.fileName, requires: template.requires.slice(), builtIn: true, installedBy: Session.getEffectiveUser().getEmail(),
  };
}

/**
 * Installs the built-in templates that are missing (never installed, or their Doc deleted).
 * An installed template is never overwritten: the coordinator may have edited it. `asNewCopy`
 * names templates to install again beside the old Doc, which stays as it is.
 */
export function installTemplates(asNewCopy: readonly string[] = []): InstallResult {
  const folder = documentsFolder(TrackerStore.open());
  const registry = readRegistry();
  const result: InstallResult = { folderLink: folder.link, installed: [], kept: [], newerAvailable: [], lines: [] };
  for (const template of embeddedDocumentTemplates()) {
    const at = registry.findIndex((entry) => entry.id === template.id);
    const entry = at >= 0 ? registry[at] : null;
    // A template another coordinator installed is there even when this person's drive.file does not reach it yet.
    const reach = entry ? documentReach(entry.docId) : 'gone';
    const present = reach !== 'gone';
    if (entry && reach !== 'reachable' && present) {
      result.kept.push(entry.name);
      result.lines.push(templateAccessMessage(entry, reach, Session.getEffectiveUser().getEmail()));
      continue;
    }
    if (entry && present && !asNewCopy.includes(template.id)) {
      result.kept.push(entry.name);
      if (entry.version !== templateVersion(template)) result.newerAvailable.push(template.id);
      continue;
    }
    const name = entry && present ? `${template.title} (new copy)` : template.title;
    const installed = installOne(template, folder.id, name);
    if (at >= 0) registry[at] = installed;
    else registry.push(installed);
    result.installed.push(name);
  }
  writeRegistry(registry);
  if (folder.created) result.lines.push(`Made the folder "${DOCUMENTS_FOLDER_NAME}" and put its link in Settings → Documents folder.`);
  if (result.installed.length) result.lines.push(`Installed ${result.installed.length} template(s): ${result.installed.join(', ')}.`);
  if (result.kept.length) result.lines.push(`Kept ${result.kept.length} template(s) already installed, with any edits you made.`);
  if (result.newerAvailable.length) result.lines.push(`A newer version of ${result.newerAvailable.length} template(s) is available: choose "Install a new copy" to get it beside your edited one.`);
  return result;
}

/**
 * Registers a coordinator's own Google Doc as a template. Its placeholders are checked now, and
 * again before every run; it is registered even with problems, so it can be fixed and retried.
 */
export function registerTemplate(linkOrId: string, name?: string): RegisterResult {
  const docId = driveIdIn(String(linkOrId ?? ''));
  if (!docId) return { ok: false, message: `"${String(linkOrId)}" is not a link to a Google Doc. Copy the link from the Doc's Share button.`, problems: [], template: null };
  let title = '';
  let problems: TemplateProblem[];
  try {
    const document = readDocument(docId);
    title = document.title ?? '';
    problems = problemsOf(checkPlaceholders(document));
  } catch (error) {
    return {
      ok: false, problems: [], template: null,
      message: `ROSE Tracker cannot open that Doc (${errorText(error)}). Check that it is a Google Doc shared with you, then try again.`,
    };
  }
  const registry = readRegistry();
  const id = `doc-${docId.slice(0, 12)}`;
  const entry: RegisteredTemplate = {
    id, name: (name ?? '').trim() || title || 'My template', kind: 'other', role: '', docId, version: '',
    fileName: `{{Full name}} - ${(name ?? '').trim() || title || 'Document'}`, requires: [], builtIn: false,
    installedBy: Session.getEffectiveUser().getEmail(),
  };
  const at = registry.findIndex((e) => e.id === id);
  if (at >= 0) registry[at] = entry;
  else registry.push(entry);
  writeRegistry(registry);
  // The documents scope read it; copying it needs drive.file, which reaches a Doc ROSE Tracker did not make only once picked.
  const reach = documentReach(docId);
  const access = reach === 'reachable' ? '' : ` ${templateAccessMessage({ ...entry, installedBy: '' }, reach, entry.installedBy || 'you')}`;
  const message = (problems.length
    ? `Registered "${entry.name}", but it has ${problems.length} problem(s) to fix before documents can be made from it.`
    : `Registered "${entry.name}" as a template.`) + access;
  return { ok: problems.length === 0, message, problems, template: choiceOf(entry) };
}
