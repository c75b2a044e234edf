// The Google Picker in the local Workspace: what a pick does (drive.file for that person and Cloud project), and a stand-in for Google's Picker script that the sidebar bridge serves to a page in Chromium.
//
// Google's Picker is a script from apis.google.com that shows the person's Drive in an iframe; it
// cannot load here (no network, and its UI is Google's). What the model keeps is what matters to
// an add-on: a pick made with PickerBuilder.setOAuthToken(<the person's token>) and
// setAppId(<Cloud project number>) lets that project's drive.file reach the picked files for that
// person (developers.google.com/workspace/drive/picker/reference/picker.pickerbuilder.setappid:
// "required for the drive.file scope"; Google's apps-script-samples picker/ sample). The stand-in
// offers the files the token's person can open, and answers the page's callback with Google's
// response shape (action "picked", docs with id, name, mimeType, url).
//
// Where Google is silent, the model is strict: a token that is not a person's Apps Script token,
// an app ID that is not the token's project, or a script still on its default Cloud project (which
// has no API key for the Picker: developers.google.com/apps-script/guides/cloud-platform-projects)
// fails the pick with a message instead of granting. Picking a folder grants that folder only (the
// app may list it and add files to it), not the files already inside: Google's pages checked do not
// say a pick reaches a folder's contents, so the stricter reading is kept and each template is picked.
import type { Workspace } from './index';
import { FOLDER_MIME, grantFileToApp, urlOf } from './drive';

/** The token ScriptApp.getOAuthToken() gives a person in the local Workspace (workspace/script.ts). */
const SCRIPT_TOKEN_PREFIX = 'local-token-';

export interface PickedDocument {
  id: string;
  name: string;
  mimeType: string;
  url: string;
}

function personOf(token: string): string {
  if (!token.startsWith(SCRIPT_TOKEN_PREFIX)) throw new Error('The Picker was given no valid OAuth token (setOAuthToken).');
  return token.slice(SCRIPT_TOKEN_PREFIX.length);
}

function checkApp(ws: Workspace, appId: string): void {
  const project = ws.host.scriptProject;
  if (project.kind === 'default') throw new Error('The Picker needs a standard Cloud project (an API key and its project number); this script still uses its default project.');
  if (appId !== project.number) throw new Error(`The Picker's app ID ${appId || '(none)'} is not the Cloud project number of the script's OAuth token (${project.number}).`);
}

/** A person's "My Drive" root (drive.ts rootFolderId): the Picker shows what is in it, not the root itself. */
function isMyDrive(file: { mimeType: string; parents: string[]; createdByApp: boolean; name: string }): boolean {
  return file.mimeType === FOLDER_MIME && file.parents.length === 0 && !file.createdByApp && file.name === 'My Drive';
}

/** Pictures a DocsView for ViewId.DOCS_IMAGES offers (Picker reference, ViewId: "Google Drive photos"). */
function isPicture(mimeType: string): boolean {
  return mimeType === 'image/jpeg' || mimeType === 'image/png' || mimeType === 'image/gif';
}

/** What the Picker shows the person: the Docs, folders and pictures they can open, not trashed. */
export function pickable(ws: Workspace, token: string): PickedDocument[] {
  const person = personOf(token);
  return [...ws.host.files.values()]
    .filter((f) => !f.trashed && (f.mimeType === FOLDER_MIME || f.mimeType.startsWith('application/vnd.google-apps.') || isPicture(f.mimeType)) && !isMyDrive(f) && ws.host.canRead(f, person))
    .map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType, url: urlOf(f) }));
}

/** The person picks files: drive.file now reaches each one for them through the app ID's project. */
export function pick(ws: Workspace, request: { token: string; appId: string; ids: string[] }): PickedDocument[] {
  const person = personOf(String(request.token));
  checkApp(ws, String(request.appId));
  return request.ids.map((id) => {
    grantFileToApp(ws, String(id), person, String(request.appId));
    const file = ws.host.files.get(String(id))!;
    return { id: file.id, name: file.name, mimeType: file.mimeType, url: urlOf(file) };
  });
}

/**
 * The stand-in for https://apis.google.com/js/api.js with the picker module: gapi.load and
 * google.picker's PickerBuilder, DocsView and constants, drawing a plain list in the page and
 * asking the bridge (/__picker/files, /__picker/pick) what to list and what the pick granted.
 */
export const PICKER_STAND_IN = `(function () {
  var g = window.google = window.google || {};
  var picker = {
    ViewId: { DOCS: 'all', DOCS_IMAGES: 'docs-images', DOCUMENTS: 'documents', FOLDERS: 'folders', SPREADSHEETS: 'spreadsheets' },
    Feature: { MULTISELECT_ENABLED: 'multiselectEnabled', NAV_HIDDEN: 'navHidden' },
    Action: { PICKED: 'picked', CANCEL: 'cancel', LOADED: 'loaded' },
    Response: { ACTION: 'action', DOCUMENTS: 'docs' },
    Document: { ID: 'id', NAME: 'name', MIME_TYPE: 'mimeType', URL: 'url' }
  };
  picker.DocsView = function (viewId) { this.folders = false; this.viewId = viewId || 'all'; this.mimeTypes = null; };
  picker.DocsView.prototype.setMimeTypes = function (m) { this.mimeTypes = String(m).split(','); return this; };
  picker.DocsView.prototype.setIncludeFolders = function (v) { this.folders = !!v; return this; };
  picker.DocsView.prototype.setSelectFolderEnabled = function (v) { this.selectFolders = !!v; return this; };
  picker.DocsView.prototype.setOwnedByMe = function () { return this; };
  picker.PickerBuilder = function () { this.s = { features: [] }; };
  var B = picker.PickerBuilder.prototype;
  B.addView = function (v) { this.s.view = v; return this; };
  B.enableFeature = function (f) { this.s.features.push(f); return this; };
  B.hideTitleBar = function () { return this; };
  B.setOAuthToken = function (t) { this.s.token = t; return this; };
  B.setDeveloperKey = function (k) { this.s.key = k; return this; };
  B.setAppId = function (a) { this.s.appId = a; return this; };
  B.setOrigin = function (o) { this.s.origin = o; return this; };
  B.setCallback = function (c) { this.s.callback = c; return this; };
  B.build = function () {
    var s = this.s;
    return { setVisible: function (visible) { if (visible) show(s); } };
  };
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); });
  }
  function show(s) {
    var box = document.createElement('div');
    box.id = 'picker-stand-in';
    box.setAttribute('role', 'dialog');
    document.body.appendChild(box);
    post('/__picker/files', { token: s.token }).then(function (reply) {
      if (!reply.ok) { box.textContent = reply.error; return; }
      var list = document.createElement('ul');
      reply.files.forEach(function (f) {
        if (f.mimeType === 'application/vnd.google-apps.folder' && !(s.view && s.view.folders)) return;
        // An images view lists pictures only, of the types setMimeTypes names. The stand-in lists
        // pictures in no other view (Google's DOCS view would list them too; the template dialog never asks).
        var picture = f.mimeType.indexOf('image/') === 0;
        var images = s.view && s.view.viewId === 'docs-images';
        if (picture !== images) return;
        if (images && s.view.mimeTypes && s.view.mimeTypes.indexOf(f.mimeType) < 0) return;
        var item = document.createElement('li');
        var input = document.createElement('input');
        input.type = s.features.indexOf('multiselectEnabled') >= 0 ? 'checkbox' : 'radio';
        input.name = 'picked'; input.value = f.id; input.id = 'pick-' + f.id;
        var label = document.createElement('label');
        label.htmlFor = input.id; label.textContent = f.name;
        item.appendChild(input); item.appendChild(label); list.appendChild(item);
      });
      var select = document.createElement('button'); select.id = 'picker-select'; select.textContent = 'Select';
      var cancel = document.createElement('button'); cancel.id = 'picker-cancel'; cancel.textContent = 'Cancel';
      box.appendChild(list); box.appendChild(select); box.appendChild(cancel);
      cancel.onclick = function () { box.remove(); s.callback({ action: 'cancel' }); };
      select.onclick = function () {
        var ids = Array.prototype.map.call(box.querySelectorAll('input:checked'), function (i) { return i.value; });
        post('/__picker/pick', { token: s.token, appId: s.appId, ids: ids }).then(function (r) {
          box.remove();
          if (!r.ok) { s.callback({ action: 'error', message: r.error }); return; }
          s.callback({ action: 'picked', docs: r.docs });
        });
      };
    });
  }
  g.picker = picker;
  window.gapi = window.gapi || { load: function (name, options) {
    if (name !== 'picker') throw new Error('The local Picker stand-in loads only the picker module, not ' + name);
    setTimeout(function () { (typeof options === 'function' ? options : options.callback)(); }, 0);
  } };
})();`;

/** Where the page loads Google's Picker script; the bridge serves the stand-in there instead. */
export const GOOGLE_API_SCRIPT = /<script src="https:\/\/apis\.google\.com\/js\/api\.js[^"]*"><\/script>/;
