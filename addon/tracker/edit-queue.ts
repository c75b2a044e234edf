// Edits waiting for a refresh, and the last refresh after an edit that failed: document properties, one key per waiting edit.
//
// A run that finds another holding the document lock leaves its tab here under a key of its own
// (rose.edit.queue.<uuid>), so two waiting runs never overwrite each other and the run taking the
// queue deletes exactly the keys it read: an edit queued meanwhile stays for the next run.
//
// Each queued edit and recorded failure also leaves a marker in the spreadsheet's developer metadata
// (METADATA_KEYS.editPending), which an edit's one Sheets API read sees at no extra call
// (edit-rows.ts): only then does a run read the document properties. A marker is added after its
// property is set, and a run taking the queue removes the markers before it reads the properties,
// so a marker it removes belongs to an edit it reads, and one added later stays.
import { METADATA_KEYS, PROPERTY_KEYS, PROPERTY_KEY_PREFIXES, propertyKey } from '../core/keys';
import { TABS, type TabName } from './schema';

export interface QueuedEdits {
  /** The property keys read, to delete once their tabs are refreshed. */
  keys: string[];
  tabs: TabName[];
  /** Why the last refresh after an edit failed, when one did and nothing has put it right since. */
  failure: string | null;
}

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  // An add-on run always has its spreadsheet here; a time-driven one has none and never edits.
  if (!properties) throw new Error('ROSE Tracker found no spreadsheet for this edit, so it cannot keep the edit for a later refresh.');
  return properties;
}

const TAB_NAMES: readonly string[] = TABS.map((t) => t.name);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Leaves an edited tab for the run that holds the lock (or the next one). */
export function queueEdit(tab: TabName, ss: Spreadsheet): void {
  documentProperties().setProperty(propertyKey('editQueue', Utilities.getUuid()), tab);
  ss.addDeveloperMetadata(METADATA_KEYS.editPending);
}

/** Removes the markers of waiting edits and failures, before the queue is read (see the file comment). */
export function clearPendingMarkers(ss: Spreadsheet): void {
  for (const entry of ss.getDeveloperMetadata()) if (entry.getKey() === METADATA_KEYS.editPending) entry.remove();
}

/** Every edit waiting, and the last failure (one read of the document properties). */
export function readQueue(): QueuedEdits {
  const all = documentProperties().getProperties();
  const keys = Object.keys(all).filter((key) => key.startsWith(PROPERTY_KEY_PREFIXES.editQueue) && TAB_NAMES.indexOf(all[key]) >= 0);
  return { keys, tabs: [...new Set(keys.map((key) => all[key] as TabName))], failure: all[PROPERTY_KEYS.editFailure] ?? null };
}

/** The queued edits read are refreshed: their keys go, and a failure recorded before is put right. */
export function settle(queue: QueuedEdits): void {
  if (!queue.keys.length && queue.failure === null) return;
  const properties = documentProperties();
  for (const key of queue.keys) properties.deleteProperty(key);
  if (queue.failure !== null) properties.deleteProperty(PROPERTY_KEYS.editFailure);
}

/** After a refresh of every tab: nothing waits any more. A time-driven run has no document properties, so it leaves the queue to the next edit or menu refresh. */
export function settleEditQueue(ss: Spreadsheet): void {
  if (!PropertiesService.getDocumentProperties()) return;
  clearPendingMarkers(ss);
  settle(readQueue());
}

/** A refresh after an edit failed: the tabs not queued yet wait in the queue, and the reason is kept for Check data and the next editor. */
export function recordEditFailure(unqueued: readonly TabName[], edited: readonly TabName[], message: string, ss: Spreadsheet): void {
  const properties = documentProperties();
  for (const tab of unqueued) properties.setProperty(propertyKey('editQueue', Utilities.getUuid()), tab);
  properties.setProperty(PROPERTY_KEYS.editFailure, `The refresh after an edit on ${edited.join(', ')} stopped: ${message}`);
  ss.addDeveloperMetadata(METADATA_KEYS.editPending);
}
