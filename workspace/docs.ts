// Google Docs for the local Workspace: the Docs v1 advanced service (Docs.Documents.create, get, batchUpdate) and the small part of DocumentApp the add-on and the benchmark's public merge pattern need (openById, getBody().replaceText, saveAndClose, getAs PDF).
//
// Scopes (the Docs API reference's "Authorization scopes" per method): create and batchUpdate
// accept documents, drive or drive.file; get also accepts the read-only ones. Under drive.file
// only documents the app created or was given are reachable; the API answers 404
// "Requested entity was not found." for the rest. DocumentApp.openById needs the documents scope
// ("You do not have permission to call DocumentApp.openById. Required permissions: …/documents").
import type { Workspace } from './index';
import type { DriveFile } from './host';
import { DocumentModel, DocsRequestError, type DocsReply, type DocumentJson } from './docs-model';
import {
  DOCUMENT_MIME, PDF_MIME, SCOPES, apiError, appReaches, convertFile, createDocumentFile, requireApiScopes, requirePermission,
} from './drive';
import { BlobImpl, newBlob } from './basics';
import { unwrap } from './expose';

const READ_DOCS = [SCOPES.documents, SCOPES.documentsReadonly, SCOPES.drive, SCOPES.driveReadonly];
const WRITE_DOCS = [SCOPES.documents, SCOPES.drive];

export interface BatchUpdateResponse {
  documentId: string;
  replies: DocsReply[];
  writeControl: { requiredRevisionId: string };
}

class DocumentsImpl {
  constructor(private readonly _ws: Workspace) {}

  private _document(call: string, documentId: unknown, broad: readonly string[]): { file: DriveFile; model: DocumentModel } {
    const file = this._ws.host.files.get(String(documentId));
    // As the Docs API answers (and the REST face, rest/access.ts editorFile): 403 for a Doc that exists but is
    // not shared with the person, 404 for one that does not exist or the token cannot reach.
    if (file && !file.trashed && !this._ws.host.canRead(file)) throw apiError(call, 'The caller does not have permission');
    if (!file || !appReaches(this._ws, file, broad)) throw apiError(call, 'Requested entity was not found.');
    if (file.mimeType !== DOCUMENT_MIME) throw apiError(call, 'This operation is not supported for this document');
    // A viewer or commenter reads but does not write (Drive roles, drive/api/guides/ref-roles).
    if (broad === WRITE_DOCS && !this._ws.host.canWrite(file)) throw apiError(call, 'The caller does not have permission');
    return { file, model: file.content as DocumentModel };
  }

  /** Only the title is read: Google ignores any content sent with create. */
  create(resource: unknown): DocumentJson {
    const call = 'docs.documents.create';
    requireApiScopes(this._ws, call, [SCOPES.documents, SCOPES.drive, SCOPES.driveFile]);
    if (typeof resource !== 'object' || resource === null) throw apiError(call, 'Invalid JSON payload received.');
    const title = (resource as { title?: unknown }).title;
    const file = createDocumentFile(this._ws, typeof title === 'string' && title !== '' ? title : 'Untitled document');
    return (file.content as DocumentModel).toJson();
  }

  get(documentId: string, optionalArgs?: unknown): DocumentJson {
    const call = 'docs.documents.get';
    requireApiScopes(this._ws, call, [...READ_DOCS, SCOPES.driveFile]);
    if (optionalArgs !== undefined && optionalArgs !== null) {
      for (const [key, value] of Object.entries(optionalArgs as Record<string, unknown>)) {
        if (!(key === 'includeTabsContent' && value === false)) throw new Error(`${call} option "${key}" is not implemented by the local Workspace`);
      }
    }
    return this._document(call, documentId, READ_DOCS).model.toJson();
  }

  /** All requests apply in order, atomically: one invalid request and nothing changes. */
  batchUpdate(resource: unknown, documentId: string): BatchUpdateResponse {
    const call = 'docs.documents.batchUpdate';
    requireApiScopes(this._ws, call, [SCOPES.documents, SCOPES.drive, SCOPES.driveFile]);
    const { file, model } = this._document(call, documentId, WRITE_DOCS);
    const body = (resource ?? {}) as { requests?: unknown; writeControl?: { requiredRevisionId?: unknown; targetRevisionId?: unknown } };
    if (!Array.isArray(body.requests) || body.requests.length === 0) throw apiError(call, 'Must specify at least one request.');
    if (body.writeControl?.targetRevisionId !== undefined) throw new Error(`${call} with writeControl.targetRevisionId is not implemented by the local Workspace`);
    const required = body.writeControl?.requiredRevisionId;
    if (required !== undefined && required !== model.revisionId) {
      throw apiError(call, `The required revision ID '${String(required)}' does not match the latest revision.`);
    }
    let replies: DocsReply[];
    try {
      replies = model.applyBatch(body.requests);
    } catch (error) {
      if (error instanceof DocsRequestError) throw apiError(call, error.message);
      throw error;
    }
    file.modifiedTime = this._ws.host.now();
    return { documentId: file.id, replies, writeControl: { requiredRevisionId: model.revisionId } };
  }
}

/** Characters that make an RE2 pattern more than literal text (braces are literal unless they follow an atom with digits, as in "{{Name}}"). */
const REGEX_SYNTAX = /[.*+?^$()[\]|\\]|[^{]\{\d/;

/**
 * A Document's body, for the merge pattern public scripts use: Body.replaceText(searchPattern,
 * replacement) replaces every match of an RE2 regular expression given as a string
 * (developers.google.com/apps-script/reference/document/body#replacetextsearchpattern,-replacement).
 * Only literal patterns are modelled (what such scripts pass: "{{Full name}}"); any other pattern
 * fails loudly. A "$" in the replacement is taken literally here: Google does not document group
 * references in replaceText.
 */
/**
 * DocumentApp measures images in pixels (InlineImage.getWidth/setWidth: "in pixels",
 * developers.google.com/apps-script/reference/document/inline-image) while documents.get reports
 * points. Google does not say how the two relate; the model takes the CSS pixel, 1/96 in = 0.75 pt.
 */
const PT_PER_PX = 0.75;

/** Width and height in pixels of a PNG (IHDR) or JPEG (frame header); other image types are not modelled. */
function pixelSize(bytes: Buffer, contentType: string): { width: number; height: number } {
  if (contentType === 'image/png' && bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (contentType === 'image/jpeg') {
    let at = 2;
    while (at + 9 < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      if (marker >= 0xc0 && marker <= 0xc3) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
      at += 2 + bytes.readUInt16BE(at + 2);
    }
  }
  throw new Error(`An inline image of type ${contentType || 'unknown'} is not implemented by the local Workspace (PNG and JPEG are)`);
}

/** An image in the document (DocumentApp InlineImage): size in pixels. */
class InlineImageImpl {
  constructor(private readonly _ws: Workspace, private readonly _file: DriveFile, private readonly _id: string) {}

  private _image(): { width: number; height: number } {
    const image = (this._file.content as DocumentModel).inlineImage(this._id);
    if (!image) throw new Error('Action not allowed: the image is no longer in the document.');
    return image;
  }

  getWidth(): number { return Math.round(this._image().width / PT_PER_PX); }
  getHeight(): number { return Math.round(this._image().height / PT_PER_PX); }

  setWidth(width: number): InlineImageImpl {
    (this._file.content as DocumentModel).resizeInlineImage(this._id, { width: positivePixels(width, 'width') * PT_PER_PX });
    this._file.modifiedTime = this._ws.host.now();
    return this;
  }

  setHeight(height: number): InlineImageImpl {
    (this._file.content as DocumentModel).resizeInlineImage(this._id, { height: positivePixels(height, 'height') * PT_PER_PX });
    this._file.modifiedTime = this._ws.host.now();
    return this;
  }
}

function positivePixels(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new Error(`Invalid argument: ${name}`);
  return value;
}

/** A paragraph of the body, found through a text match (DocumentApp Paragraph); only what adding an image needs. */
class ParagraphImpl {
  constructor(private readonly _ws: Workspace, private readonly _file: DriveFile, private readonly _index: number) {}

  asParagraph(): GoogleAppsScript.Document.Paragraph {
    return this._ws.host.wrap('Paragraph', this) as unknown as GoogleAppsScript.Document.Paragraph;
  }

  /** Paragraph.appendInlineImage(image): the image goes at the paragraph's end, at its own pixel size. */
  appendInlineImage(image: unknown): GoogleAppsScript.Document.InlineImage {
    const blob = unwrap(image);
    if (!(blob instanceof BlobImpl)) throw new Error('Invalid argument: image');
    const type = blob._contentType ?? '';
    const { width, height } = pixelSize(blob._bytes, type);
    const id = (this._file.content as DocumentModel).appendInlineImage(this._index, { bytes: Buffer.from(blob._bytes), mimeType: type, width: width * PT_PER_PX, height: height * PT_PER_PX });
    this._file.modifiedTime = this._ws.host.now();
    return this._ws.host.wrap('InlineImage', new InlineImageImpl(this._ws, this._file, id)) as unknown as GoogleAppsScript.Document.InlineImage;
  }
}

/** The text element a search found (DocumentApp Text); its parent is the paragraph holding it. */
class TextImpl {
  constructor(private readonly _ws: Workspace, private readonly _file: DriveFile, private readonly _index: number) {}

  getParent(): GoogleAppsScript.Document.ContainerElement {
    return this._ws.host.wrap('Paragraph', new ParagraphImpl(this._ws, this._file, this._index)) as unknown as GoogleAppsScript.Document.ContainerElement;
  }
}

/** A search result (DocumentApp RangeElement). */
class RangeElementImpl {
  constructor(private readonly _ws: Workspace, private readonly _file: DriveFile, private readonly _start: number, private readonly _end: number) {}

  getElement(): GoogleAppsScript.Document.Element {
    return this._ws.host.wrap('Text', new TextImpl(this._ws, this._file, this._start)) as unknown as GoogleAppsScript.Document.Element;
  }

  getStartOffset(): number { return 0; }
  getEndOffsetInclusive(): number { return this._end - this._start - 1; }
}

class BodyImpl {
  constructor(private readonly _ws: Workspace, private readonly _file: DriveFile) {}

  /** Body.findText(searchPattern): the first match, or null; only literal patterns are modelled, as in replaceText. */
  findText(searchPattern: string): GoogleAppsScript.Document.RangeElement | null {
    const pattern = String(searchPattern);
    if (REGEX_SYNTAX.test(pattern)) throw new Error(`Body.findText with the pattern "${pattern}" is not implemented by the local Workspace (only literal text)`);
    const found = (this._file.content as DocumentModel).findText(pattern);
    if (!found) return null;
    return this._ws.host.wrap('RangeElement', new RangeElementImpl(this._ws, this._file, found.start, found.end)) as unknown as GoogleAppsScript.Document.RangeElement;
  }

  replaceText(searchPattern: string, replacement: string): BodyImpl {
    const pattern = String(searchPattern);
    if (REGEX_SYNTAX.test(pattern)) throw new Error(`Body.replaceText with the pattern "${pattern}" is not implemented by the local Workspace (only literal text)`);
    const model = this._file.content as DocumentModel;
    model.applyBatch([{ replaceAllText: { containsText: { text: pattern, matchCase: true }, replaceText: String(replacement ?? '') } }]);
    this._file.modifiedTime = this._ws.host.now();
    return this;
  }
}

class DocumentImpl {
  constructor(private readonly _ws: Workspace, readonly _file: DriveFile) {}

  getBody(): GoogleAppsScript.Document.Body {
    return this._ws.host.wrap('Body', new BodyImpl(this._ws, this._file)) as unknown as GoogleAppsScript.Document.Body;
  }

  getId(): string { return this._file.id; }
  getName(): string { return this._file.name; }
  getUrl(): string { return `https://docs.google.com/open?id=${this._file.id}`; }
  saveAndClose(): void {
    // Changes are saved as they are made in the local model; the call still costs time in Apps Script.
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const { bytes, name } = convertFile(this._file, String(contentType));
    return newBlob(this._ws.host, bytes, String(contentType), name);
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs(PDF_MIME);
  }
}

class DocumentAppImpl {
  constructor(private readonly _ws: Workspace) {}

  openById(id: string): GoogleAppsScript.Document.Document {
    requirePermission(this._ws, 'DocumentApp.openById', [SCOPES.documents]);
    const file = this._ws.host.openFile(String(id), DOCUMENT_MIME, 'DocumentApp');
    return this._ws.host.wrap('Document', new DocumentImpl(this._ws, file)) as unknown as GoogleAppsScript.Document.Document;
  }
}

/** The globals this module adds to a Workspace: Docs (advanced service) and DocumentApp. */
export function docsServices(ws: Workspace): Record<string, unknown> {
  const host = ws.host;
  return {
    Docs: host.wrap('Docs', { Documents: host.wrap('Docs.Documents', new DocumentsImpl(ws)) }),
    DocumentApp: host.wrap('DocumentApp', new DocumentAppImpl(ws)),
  };
}
