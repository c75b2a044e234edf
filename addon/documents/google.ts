// The thin typed door to the Drive v3 and Docs v1 advanced services: only the calls the documents feature makes, so each one is visible and counted.
import type { DocsDocumentJson, DocsRequest } from './merge';
import { errorText, isRateLimited } from './jobs';

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

/**
 * Every Drive call says the app handles shared drives, so a Documents folder in a shared drive
 * works: without supportsAllDrives Drive does not see files there (Drive API guide "Implement
 * shared drive support": files.get, create, update and copy need supportsAllDrives=true).
 */
const ALL_DRIVES = { supportsAllDrives: true } as const;

/** Waits between tries after a rate-limit answer: 1, 2, 4, 8, 16, 32 s (plus up to 1 s each), about a minute in all. */
const BACK_OFF_TRIES = 7;

/**
 * Runs one Drive or Docs call; Drive's 403 userRateLimitExceeded or 429 and the Docs API's 429
 * are waited out with truncated exponential back-off, as both APIs' usage-limits pages ask
 * (developers.google.com/drive/api/guides/limits, developers.google.com/workspace/docs/api/limits).
 * After about a minute the last answer is thrown; the job then keeps the person queued.
 */
export function withBackOff<T>(run: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return run();
    } catch (error) {
      if (attempt >= BACK_OFF_TRIES - 1 || !isRateLimited(errorText(error))) throw error;
      Utilities.sleep(Math.pow(2, attempt) * 1000 + Math.floor(Math.random() * 1000));
    }
  }
}

/** IDs for files not made yet, so a row can name its document before the copy exists (files.generateIds: up to 1,000 a call). */
export function generateFileIds(count: number): string[] {
  if (count <= 0) return [];
  const ids = withBackOff(() => driveFiles().generateIds({ count, space: 'drive', type: 'files' })).ids ?? [];
  if (ids.length < count) throw new Error(`Drive gave ${ids.length} file IDs where ${count} were asked for.`);
  return ids;
}

export function copyDocument(templateDocId: string, id: string, name: string, folderId: string): void {
  withBackOff(() => driveFiles().copy({ id, name, parents: [folderId] }, templateDocId, { fields: 'id', ...ALL_DRIVES }));
}

/** A file's state, or null when Drive cannot find it for us (deleted for good, or never made). */
export function fileState(id: string): { trashed: boolean; mimeType: string } | null {
  try {
    const file = withBackOff(() => driveFiles().get(id, { fields: 'id,mimeType,trashed', ...ALL_DRIVES }));
    return { trashed: file.trashed === true, mimeType: file.mimeType ?? '' };
  } catch (error) {
    if (/not found/i.test(error instanceof Error ? error.message : String(error))) return null;
    throw error;
  }
}

export function createFolder(name: string, parentId?: string): { id: string; link: string } {
  const resource = parentId ? { name, mimeType: FOLDER_MIME, parents: [parentId] } : { name, mimeType: FOLDER_MIME };
  const folder = withBackOff(() => driveFiles().create(resource, null, { fields: 'id,webViewLink', ...ALL_DRIVES }));
  return { id: folder.id ?? '', link: folder.webViewLink ?? `https://drive.google.com/drive/folders/${folder.id ?? ''}` };
}

/** A new, empty Google Doc in a folder. */
export function createDocument(name: string, folderId: string): string {
  const file = withBackOff(() => driveFiles().create({ name, mimeType: DOCUMENT_MIME, parents: [folderId] }, null, { fields: 'id', ...ALL_DRIVES }));
  return file.id ?? '';
}

/**
 * The Doc as PDF, saved beside it under a pre-generated ID: two calls (export, create).
 *
 * Why files.export and not DocumentApp.openById(id).getAs(PDF): the Drive API documents files.export
 * as returning the exported bytes (reference, files/export) with the alt=media system parameter
 * (guide "Download and export files"), and Apps Script's advanced services take the REST method's
 * parameters (guide "Advanced Google services"); Apps Script's own tracker (issue 468534237) confirms
 * that the advanced service needs {alt: 'media'} and then answers the content. What Google does not
 * document is the JavaScript type of that answer, so it is checked here: anything but a Blob stops
 * this person with a message instead of saving an empty PDF. DocumentApp's route is documented but
 * costs two calls (openById, getAs), one more per document than this.
 */
export function savePdf(docId: string, pdfId: string, name: string, folderId: string): void {
  // files.export takes no supportsAllDrives: it is not among the methods that need it.
  const pdf = withBackOff(() => driveFiles().export(docId, PDF_MIME, { alt: 'media' }));
  if (!pdf || typeof (pdf as { getBytes?: unknown }).getBytes !== 'function') throw new Error(`Drive gave no PDF for "${name}"`);
  withBackOff(() => driveFiles().create({ id: pdfId, name: `${name}.pdf`, mimeType: PDF_MIME, parents: [folderId] }, pdf, { fields: 'id', ...ALL_DRIVES }));
}

export function readDocument(id: string): DocsDocumentJson {
  return withBackOff(() => docsDocuments().get(id));
}

/** One batchUpdate: applied atomically, so a document is either untouched or fully filled. */
export function updateDocument(id: string, requests: DocsRequest[]): void {
  if (requests.length > 0) withBackOff(() => docsDocuments().batchUpdate({ requests }, id));
}
