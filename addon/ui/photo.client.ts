// The Choose a staff photo dialog: asks the server whose photo it is, opens the Google Picker on the person's Drive images with the deployment's Cloud project number and their token, and saves the pick in Staff → Photo.
import type { PhotoPickerSetup } from '../cards/actions';
import { call, closePage } from './server';
import { $, messageOf, setBusy } from './page';

/** The parts of the Picker API this page uses (developers.google.com/workspace/drive/picker/reference). */
interface PickerApi {
  PickerBuilder: new () => PickerBuilder;
  DocsView: new (viewId?: string) => DocsView;
  ViewId: { DOCS_IMAGES: string };
  Feature: { NAV_HIDDEN: string };
  Action: { PICKED: string; CANCEL: string };
  Response: { ACTION: string; DOCUMENTS: string };
  Document: { ID: string };
}
interface DocsView {
  setMimeTypes(mimeTypes: string): DocsView;
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

let setup: PhotoPickerSetup | null = null;

function showOutcome(text: string): void {
  const box = $<HTMLDivElement>('outcome');
  box.textContent = text;
  box.hidden = text === '';
}

function picked(data: Record<string, unknown>): void {
  const api = google.picker;
  const action = data[api.Response.ACTION];
  if (action === api.Action.CANCEL) { setBusy(false); return; }
  if (action === 'error') { showOutcome(`The Picker could not open: ${String(data.message ?? 'try again in a minute.')}`); setBusy(false); return; }
  if (action !== api.Action.PICKED || !setup) return;
  const docs = (data[api.Response.DOCUMENTS] as Record<string, unknown>[] | undefined) ?? [];
  call('staffPhotoPicked', setup.staffId, String(docs[0]?.[api.Document.ID] ?? '')).then((result) => {
    showOutcome(result.message);
    setBusy(false);
  }, (error) => { showOutcome(messageOf(error)); setBusy(false); });
}

function openPicker(): void {
  if (!setup) return;
  const { appId, developerKey, token } = setup;
  setBusy(true);
  gapi.load('picker', {
    callback() {
      const api = google.picker;
      // setAppId with the Cloud project number: the pick grants drive.file to this person for this one photo.
      new api.PickerBuilder()
        .addView(new api.DocsView(api.ViewId.DOCS_IMAGES).setMimeTypes('image/jpeg,image/png'))
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
  call('staffPhotoSetup').then((result) => {
    setup = result;
    $<HTMLParagraphElement>('status').textContent = result.message;
    setBusy(false);
    $<HTMLButtonElement>('pick-button').disabled = !result.ok;
  }, (error) => { $<HTMLParagraphElement>('status').textContent = messageOf(error); setBusy(false); });
}

$<HTMLButtonElement>('pick-button').addEventListener('click', openPicker);
$<HTMLButtonElement>('close-button').addEventListener('click', () => closePage());
load();
