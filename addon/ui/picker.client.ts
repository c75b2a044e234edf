// The Give ROSE Tracker access to templates dialog: asks the server what this person cannot reach, opens the Google Picker with the deployment's Cloud project number and this person's token, and reports what ROSE Tracker can use afterwards.
import type { PickerSetup } from '../documents/access';
import { call, closePage } from './server';
import { $, messageOf, setBusy } from './page';

/** The parts of the Picker API this page uses (developers.google.com/workspace/drive/picker/reference). */
interface PickerApi {
  PickerBuilder: new () => PickerBuilder;
  DocsView: new (viewId?: string) => DocsView;
  ViewId: { DOCS: string };
  Feature: { MULTISELECT_ENABLED: string; NAV_HIDDEN: string };
  Action: { PICKED: string; CANCEL: string };
  Response: { ACTION: string; DOCUMENTS: string };
  Document: { ID: string };
}
interface DocsView {
  setIncludeFolders(include: boolean): DocsView;
  setSelectFolderEnabled(enabled: boolean): DocsView;
}
interface PickerBuilder {
  addView(view: DocsView): PickerBuilder;
  enableFeature(feature: string): PickerBuilder;
  setOAuthToken(token: string): PickerBuilder;
  setDeveloperKey(key: string): PickerBuilder;
  setAppId(appId: string): PickerBuilder;
  setOrigin(origin: string): PickerBuilder;
  setCallback(callback: (data: Record<string, unknown>) => void): PickerBuilder;
  build(): { setVisible(visible: boolean): void };
}

declare const gapi: { load(name: string, options: { callback: () => void }): void };
declare const google: { picker: PickerApi; script: { host: { origin: string } } };

let setup: PickerSetup | null = null;

function showOutcome(lines: string[]): void {
  const box = $<HTMLDivElement>('outcome');
  box.textContent = '';
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    box.append(p);
  }
  box.hidden = lines.length === 0;
}

function showWanted(wanted: PickerSetup['wanted']): void {
  const list = $<HTMLUListElement>('wanted');
  list.textContent = '';
  for (const w of wanted) {
    const item = document.createElement('li');
    item.textContent = w.message;
    list.append(item);
  }
}

function picked(data: Record<string, unknown>): void {
  const api = google.picker;
  const action = data[api.Response.ACTION];
  if (action === api.Action.CANCEL) { setBusy(false); return; }
  if (action === 'error') { showOutcome([`The Picker could not open: ${String(data.message ?? 'try again in a minute.')}`]); setBusy(false); return; }
  if (action !== api.Action.PICKED) return;
  const docs = (data[api.Response.DOCUMENTS] as Record<string, unknown>[] | undefined) ?? [];
  const ids = docs.map((doc) => String(doc[api.Document.ID]));
  call('templatesPicked', ids).then((result) => {
    showOutcome(result.lines);
    if (result.ok) { $<HTMLUListElement>('wanted').textContent = ''; $<HTMLParagraphElement>('status').textContent = 'Done.'; }
    setBusy(false);
  }, (error) => { showOutcome([messageOf(error)]); setBusy(false); });
}

function openPicker(): void {
  if (!setup) return;
  const { appId, developerKey, token } = setup;
  setBusy(true);
  gapi.load('picker', {
    callback() {
      const api = google.picker;
      // setAppId with the Cloud project number: the pick grants drive.file to this person for this project.
      new api.PickerBuilder()
        .addView(new api.DocsView(api.ViewId.DOCS).setIncludeFolders(true).setSelectFolderEnabled(true))
        .enableFeature(api.Feature.MULTISELECT_ENABLED)
        .enableFeature(api.Feature.NAV_HIDDEN)
        .setOAuthToken(token)
        .setDeveloperKey(developerKey)
        .setAppId(appId)
        .setOrigin(google.script.host.origin)
        .setCallback(picked)
        .build()
        .setVisible(true);
    },
  });
}

function load(): void {
  call('templatePickerSetup').then((result) => {
    setup = result;
    $<HTMLParagraphElement>('status').textContent = result.message;
    showWanted(result.wanted);
    setBusy(false);
    $<HTMLButtonElement>('pick-button').disabled = !result.ok || result.wanted.length === 0;
  }, (error) => { $<HTMLParagraphElement>('status').textContent = messageOf(error); setBusy(false); });
}

$<HTMLButtonElement>('pick-button').addEventListener('click', openPicker);
$<HTMLButtonElement>('close-button').addEventListener('click', () => closePage());
load();
