// Whether this person's ROSE Tracker can reach the Documents folder and each template, what to tell them when it cannot, and the Google Picker dialog that gives it access.
//
// Why a Picker. ROSE Tracker asks for drive.file, not the restricted drive scope (a restricted scope
// needs a yearly security assessment before a Marketplace listing). drive.file reaches only "files
// created or opened by the app", per person and per Cloud project
// (developers.google.com/workspace/drive/api/guides/api-specific-auth): templates coordinator A
// installed are A's through this add-on, and coordinator B's ROSE Tracker gets "File not found"
// copying them, even with the folder shared. An Editor add-on has no Drive "Open with" entry, so the
// supported way for B to open them with the app is the Google Picker, built with
// setAppId(<Cloud project number>) and setOAuthToken(ScriptApp.getOAuthToken())
// (developers.google.com/workspace/drive/picker/reference/picker.pickerbuilder.setappid; Google's
// apps-script-samples picker/ sample was fixed for drive.file exactly so). B picks the folder and the
// templates once; drive.file then reaches them for B. The alternative — read each template with the
// documents scope (which reaches every Doc B can open) and rebuild it in B's Drive — needs no
// deployment setting, but forks the templates: A's later edits would not reach B's documents, and
// every coordinator's documents would land in a different folder. The Picker needs a standard Cloud
// project (its API key, and the project number for setAppId); Marketplace publishing needs one too.
import { PROPERTY_KEYS } from '../core/keys';
import { confirmSettingHere, mayConfirmHere, settingRefusalIn } from '../tracker/confirmed';
import { fileState, readDocument } from './google';
import { driveIdIn, errorText } from './jobs';
import type { RegisteredTemplate } from './registry';

/** How this person's session reaches a file: through drive.file, only with the Docs API (shared, not chosen), not at all, or not any more. */
export type Reach = 'reachable' | 'choose' | 'not-shared' | 'gone';

/**
 * A Doc's reach. Drive answers "not found" both for a file drive.file does not reach and for one
 * deleted; the Docs API (documents scope) tells them apart: it reads any Doc the person can open,
 * answers "The caller does not have permission" for one not shared with them, "not found" when gone.
 */
export function documentReach(docId: string): Reach {
  const state = fileState(docId);
  if (state) return state.trashed ? 'gone' : 'reachable';
  try {
    readDocument(docId);
    return 'choose';
  } catch (error) {
    return /permission/i.test(errorText(error)) ? 'not-shared' : 'gone';
  }
}

function me(): string {
  return Session.getEffectiveUser().getEmail() || 'you';
}

const GIVE_ACCESS = 'ROSE Tracker → Give ROSE Tracker access to templates';

/** One sentence naming the template, the person who installed it and what to do. */
export function templateAccessMessage(entry: RegisteredTemplate, reach: Reach, person: string): string {
  const by = entry.installedBy ? ` that ${entry.installedBy} installed` : '';
  if (reach === 'not-shared') {
    const what = entry.builtIn ? 'the Documents folder' : 'it';
    return `The template "${entry.name}"${by} is not shared with ${person}: ask ${entry.installedBy || 'the coordinator who installed it'} to share ${what} with you, then choose ${GIVE_ACCESS}.`;
  }
  if (reach === 'choose') {
    return `ROSE Tracker cannot use the template "${entry.name}"${by} for ${person} yet: Google lets an add-on open only the files each person made or chose with it. Choose ${GIVE_ACCESS} and pick it.`;
  }
  return `The template "${entry.name}"${by} was deleted: choose ROSE Tracker → Install document templates to install it again.`;
}

/** The Documents folder in Settings cannot be reached by this person's session. */
export function folderAccessMessage(setting: string, madeBy: string, person: string): string {
  const who = madeBy && madeBy !== person ? madeBy : '';
  return `ROSE Tracker cannot use the Documents folder in Settings ("${setting}") for ${person}`
    + (who ? `; ${who} made it. ` : '. ')
    + `Google lets an add-on open only the folders each person made or chose with it: choose ${GIVE_ACCESS} and pick the folder. `
    + `If it is not in the list, ${who ? `ask ${who}` : 'ask the person who made it'} to share it with you as an editor; if it was deleted, clear the Documents folder setting and ROSE Tracker will make a new folder.`;
}

const FOLDER_SETTING = 'Documents folder';

/**
 * Documents (contracts with pay, letters with addresses) go only to a Documents folder a coordinator
 * confirmed (tracker/coordinators.ts): one typed into Settings while its row was unprotected is
 * refused before anything is made or offered to pick, with the row named and what to do.
 */
export function folderRefusal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, setting: string): string | null {
  return settingRefusalIn(ss, FOLDER_SETTING, setting, 'ROSE Tracker puts no document there and offers it to nobody to pick');
}

/** Only a coordinator has ROSE Tracker make the Documents folder: it is theirs, and every document lands in it. */
export function requireFolderMaker(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (!mayConfirmHere(ss)) {
    throw new Error(`Settings, "${FOLDER_SETTING}" is blank, and only a confirmed coordinator can have ROSE Tracker make the folder where documents go (${me()} is not one). Ask a coordinator to choose ROSE Tracker → Install document templates.`);
  }
}

/** The folder ROSE Tracker just made for a coordinator, and wrote into Settings, counts as confirmed by them. */
export function confirmFolderMade(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, link: string): void {
  confirmSettingHere(ss, FOLDER_SETTING, link);
}

/** Who made the Documents folder, recorded when ROSE Tracker made it. */
export function folderMadeBy(): string {
  return PropertiesService.getDocumentProperties()?.getProperty(PROPERTY_KEYS.documentsFolderBy) ?? '';
}

export function rememberFolderMaker(): void {
  PropertiesService.getDocumentProperties()?.setProperty(PROPERTY_KEYS.documentsFolderBy, me());
}

/** A registered template this person's session cannot use, with what to tell them. */
export interface Unreachable {
  id: string;
  name: string;
  reach: Reach;
  message: string;
}

/** The templates this person cannot use, each with its message (one Drive call per template, one Docs call per one not reached). */
export function unreachableTemplates(registry: readonly RegisteredTemplate[]): Unreachable[] {
  const person = me();
  const out: Unreachable[] = [];
  for (const entry of registry) {
    const reach = documentReach(entry.docId);
    if (reach !== 'reachable') out.push({ id: entry.docId, name: entry.name, reach, message: templateAccessMessage(entry, reach, person) });
  }
  return out;
}

/** What the Picker dialog needs: the deployment's project number and key, this person's token, and what to pick. */
export interface PickerSetup {
  ok: boolean;
  message: string;
  appId: string;
  developerKey: string;
  token: string;
  /** The files to pick, by name, so the person knows what to look for. */
  wanted: { id: string; name: string; message: string }[];
}

export function pickerSetup(folderSetting: string, registry: readonly RegisteredTemplate[]): PickerSetup {
  const script = PropertiesService.getScriptProperties();
  const appId = (script.getProperty(PROPERTY_KEYS.pickerProjectNumber) ?? '').trim();
  const developerKey = (script.getProperty(PROPERTY_KEYS.pickerApiKey) ?? '').trim();
  const base = { appId, developerKey, token: '', wanted: [] as PickerSetup['wanted'] };
  // A folder no coordinator confirmed is not offered: picking it would let ROSE Tracker put documents there.
  const refused = folderSetting ? folderRefusal(SpreadsheetApp.getActiveSpreadsheet(), folderSetting) : null;
  if (refused) return { ...base, ok: false, message: refused };
  if (!/^\d+$/.test(appId) || !developerKey) {
    return {
      ...base, ok: false,
      message: `This ROSE Tracker deployment has no Google Picker settings: the person who deployed it sets the script properties ${PROPERTY_KEYS.pickerProjectNumber} (the standard Cloud project's number) and ${PROPERTY_KEYS.pickerApiKey} (its API key), as the README's Documents section says.`,
    };
  }
  const person = me();
  const wanted: PickerSetup['wanted'] = [];
  const folderId = folderSetting ? driveIdIn(folderSetting) : '';
  if (folderId && !fileState(folderId)) wanted.push({ id: folderId, name: 'the Documents folder', message: folderAccessMessage(folderSetting, folderMadeBy(), person) });
  for (const t of unreachableTemplates(registry)) wanted.push({ id: t.id, name: t.name, message: t.message });
  const message = wanted.length ? `Pick ${wanted.map((w) => (w.name.startsWith('the ') ? w.name : `"${w.name}"`)).join(', ')} in the next window.` : 'ROSE Tracker can already use the Documents folder and every template.';
  return { ok: true, message, appId, developerKey, token: ScriptApp.getOAuthToken(), wanted };
}

/** After the pick: what this person's session still cannot reach (drive.file grants are checked again, not taken from the page). */
export function afterPick(pickedCount: number, still: PickerSetup): { ok: boolean; lines: string[] } {
  if (!still.wanted.length) return { ok: true, lines: ['ROSE Tracker can now use the Documents folder and every template.'] };
  const lines = [pickedCount ? `${still.wanted.length} file(s) are still out of reach:` : 'Nothing was picked.'];
  return { ok: false, lines: lines.concat(still.wanted.map((w) => w.message)) };
}
