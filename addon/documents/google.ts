// The thin typed door to the Drive v3 and Docs v1 advanced services: only the calls the documents feature makes, so each one is visible and counted.
import type { DocsDocumentJson, DocsRequest } from './merge';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOCUMENT_MIME = 'application/vnd.google-apps.document';
export const PDF_MIME = 'application/pdf';

interface DriveFileResource {
  id?: string;
  name?: string;
  mimeType?: string;
  trashed?: boolean;
  webViewLink?: string;
}

interface DriveFilesV3 {
  copy(resource: object, fileId: string, optionalArgs?: object): DriveFileResource;
  create(resource: object, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs?: object): DriveFileResource;
  get(fileId: string, optionalArgs?: object): DriveFileResource;
  export(fileId: string, mimeType: string, optionalArgs?: object): GoogleAppsScript.Base.Blob;
  generateIds(optionalArgs?: object): { ids?: string[] };
}

interface DocsDocumentsV1 {
  get(documentId: string): DocsDocumentJson;
  batchUpdate(resource: { requests: DocsRequest[] }, documentId: string): unknown;
}

function driveFiles(): DriveFilesV3 {
  // Undefined when the manifest does not enable the service: say so rather than "Drive is not defined".
  if (typeof Drive === 'undefined' || !Drive) throw new Error('The Drive advanced service is not enabled in appsscript.json.');
  return Drive.Files as unknown as DriveFilesV3;
}

function docsDocuments(): DocsDocumentsV1 {
  if (typeof Docs === 'undefined' || !Docs) throw new Error('The Docs advanced service is not enabled in appsscript.json.');
  return Docs.Documents as unknown as DocsDocumentsV1;
}

/** IDs for files not made yet, so a row can name its document before the copy exists (files.generateIds: up to 1,000 a call). */
export function generateFileIds(count: number): string[] {
  if (count <= 0) return [];
  const ids = driveFiles().generateIds({ count, space: 'drive', type: 'files' }).ids ?? [];
  if (ids.length < count) throw new Error(`Drive gave ${ids.length} file IDs where ${count} were asked for.`);
  return ids;
}

export function copyDocument(templateDocId: string, id: string, name: string, folderId: string): void {
  driveFiles().copy({ id, name, parents: [folderId] }, templateDocId, { fields: 'id' });
}

/** A file's state, or null when Drive cannot find it for us (deleted for good, or never made). */
export function fileState(id: string): { trashed: boolean; mimeType: string } | null {
  try {
    const file = driveFiles().get(id, { fields: 'id,mimeType,trashed' });
    return { trashed: file.trashed === true, mimeType: file.mimeType ?? '' };
  } catch (error) {
    if (/not found/i.test(error instanceof Error ? error.message : String(error))) return null;
    throw error;
  }
}

export function createFolder(name: string, parentId?: string): { id: string; link: string } {
  const resource = parentId ? { name, mimeType: FOLDER_MIME, parents: [parentId] } : { name, mimeType: FOLDER_MIME };
  const folder = driveFiles().create(resource, null, { fields: 'id,webViewLink' });
  return { id: folder.id ?? '', link: folder.webViewLink ?? `https://drive.google.com/drive/folders/${folder.id ?? ''}` };
}

/** A new, empty Google Doc in a folder. */
export function createDocument(name: string, folderId: string): string {
  const file = driveFiles().create({ name, mimeType: DOCUMENT_MIME, parents: [folderId] }, null, { fields: 'id' });
  return file.id ?? '';
}

/** The Doc as PDF, saved beside it under a pre-generated ID: two calls (export, create). */
export function savePdf(docId: string, pdfId: string, name: string, folderId: string): void {
  const pdf = driveFiles().export(docId, PDF_MIME, { alt: 'media' });
  driveFiles().create({ id: pdfId, name: `${name}.pdf`, mimeType: PDF_MIME, parents: [folderId] }, pdf, { fields: 'id' });
}

export function readDocument(id: string): DocsDocumentJson {
  return docsDocuments().get(id);
}

/** One batchUpdate: applied atomically, so a document is either untouched or fully filled. */
export function updateDocument(id: string, requests: DocsRequest[]): void {
  if (requests.length > 0) docsDocuments().batchUpdate({ requests }, id);
}
