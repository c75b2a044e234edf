// Makes ID cards and business cards for chosen people: installs the two template Docs once, then per person copies, fills (one batchUpdate), adds the photo (ID cards) and saves a PDF sized exactly; Staff's issue dates are written in one call at the end.
//
// Calls per person: copy 1, batchUpdate 1, PDF export 1 + create 1; an ID card adds the photo's
// download and size (files.get, Blob.getBytes: 2) and the DocumentApp steps that put it in
// (openById, getBody, findText, getElement, getParent, asParagraph, appendInlineImage, setWidth,
// setHeight, replaceText, saveAndClose: 11), 17 in all.
// Why DocumentApp for the photo: the Docs API's InsertInlineImageRequest and ReplaceImageRequest
// take only a URI that Google fetches, which "must be publicly accessible"
// (developers.google.com/docs/api/reference/rest/v1/documents/request#insertinlineimagerequest);
// a staff photo must never be shared with anyone who has the link. DocumentApp's
// Paragraph.appendInlineImage takes the bytes as a Blob
// (developers.google.com/apps-script/reference/document/paragraph#appendInlineImage(BlobSource)),
// and the bytes come from Drive's files.get with alt=media under drive.file, for a photo the
// coordinator chose with the Picker (photo-picker.ts).
import { TrackerStore } from '../tracker/store';
import { refId } from '../tracker/table';
import { isoDateIn } from '../core/dates';
import { PROPERTY_KEYS } from '../core/keys';
import { copyDocument, createDocument, fileState, generateFileIds, readDocument, savePdf, updateDocument, withBackOff } from '../documents/google';
import { documentsFolder } from '../documents/registry';
import { docLink, driveIdIn, errorText, fileLink, isTimeOut } from '../documents/jobs';
import { businessCardTemplateRequests, idCardTemplateRequests, PHOTO_BOX, type CardKind } from './layout';
import { hasPhotoField, planCard, unknownCardFields, type CardDocJson } from './fill';
import { planFor, type CardOrganization, type CardPerson } from './fields';
import { fitInBox, imageSize, PLACEHOLDER_COLOURS, signedBytes, silhouettePng } from './photo';

/**
 * People one run makes cards for. Modelled costs (workspace/ledger.ts: copy 3.6 s, batchUpdate
 * 1.5 s, export 2.5 s, create 1.5 s, about 1.5 s more for a photo) put an ID card near 11 s and a
 * business card sheet near 9 s, so 25 and 30 stay well inside Apps Script's 6 minutes a run.
 */
export const PEOPLE_PER_RUN: Record<'id-card' | 'business-card', number> = { 'id-card': 25, 'business-card': 30 };

export const CARD_TITLES: Record<CardKind, string> = { 'id-card': 'ID card', 'business-card': 'Business cards' };
const TEMPLATE_TITLES: Record<CardKind, string> = { 'id-card': 'ROSE Tracker — ID card template (CR80)', 'business-card': 'ROSE Tracker — Business card sheet template (Letter, 10 up)' };

export interface CardResult {
  staffId: string;
  name: string;
  status: 'Done' | 'Failed';
  link: string;
  pdfLink: string;
  /** Done with something to look at (no photo, name shrunk, card had expired), or why it failed. */
  messages: string[];
}

export interface CardsOutcome {
  kind: CardKind;
  ok: boolean;
  templateLink: string;
  results: CardResult[];
  /** A summary in sentences, for an alert or the sidebar. */
  lines: string[];
}

// ---- templates -----------------------------------------------------------------------------------

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) throw new Error('Open the tracker spreadsheet to make cards.');
  return properties;
}

/** The template Doc for `kind`: the one installed before if ROSE Tracker still reaches it, else a new one in the Documents folder. */
function cardTemplate(kind: CardKind, folderId: string, lines: string[]): string {
  const properties = documentProperties();
  const known = JSON.parse(properties.getProperty(PROPERTY_KEYS.cardTemplates) || '{}') as Partial<Record<CardKind, string>>;
  const id = known[kind] ?? '';
  const state = id ? fileState(id) : null;
  if (id && state && !state.trashed) return id;
  const made = createDocument(TEMPLATE_TITLES[kind], folderId);
  updateDocument(made, kind === 'id-card' ? idCardTemplateRequests() : businessCardTemplateRequests());
  properties.setProperty(PROPERTY_KEYS.cardTemplates, JSON.stringify({ ...known, [kind]: made }));
  lines.push(id
    ? `The ${CARD_TITLES[kind]} template ROSE Tracker made before is gone or not open to you, so it made a new one: ${docLink(made)}`
    : `Made the ${CARD_TITLES[kind]} template in the Documents folder; edit it there to change how the cards look: ${docLink(made)}`);
  return made;
}

// ---- the people --------------------------------------------------------------------------------

function peopleOf(store: TrackerStore, staffIds: readonly string[]): { people: CardPerson[]; unknown: string[] } {
  const staff = store.table('Staff');
  if (!staff) throw new Error('The tracker has no Staff tab: run ROSE Tracker → Set up tracker first.');
  const sites = new Map<string, string>();
  for (const record of store.table('Sites')?.records ?? []) sites.set(refId(record.values.id), String(record.values.name ?? '').trim());
  const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());
  const people: CardPerson[] = [];
  const unknown: string[] = [];
  for (const staffId of staffIds) {
    const record = staff.records.find((r) => refId(r.values.id) === staffId);
    if (!record) {
      unknown.push(staffId);
      continue;
    }
    const v = record.values;
    const siteId = refId(v.site ?? null);
    people.push({
      staffId, fullName: text(v.fullName), preferredName: text(v.preferredName), pronouns: text(v.pronouns), role: text(v.role),
      siteName: sites.get(siteId) ?? '', photo: text(v.photo), idCardExpires: text(v.idCardExpires), row: record.row,
    });
  }
  return { people, unknown };
}

// ---- the photo --------------------------------------------------------------------------------------

interface DriveMedia {
  get(fileId: string, optionalArgs?: object): GoogleAppsScript.Base.Blob;
}

/**
 * The person's photo as a Blob, or the placeholder with a message saying what to do. Drive's
 * files.get with alt=media answers the file's bytes (developers.google.com/drive/api/guides/manage-downloads);
 * under drive.file it reaches only a photo ROSE Tracker was given with the Picker.
 */
function photoFor(person: CardPerson, where: string): { blob: GoogleAppsScript.Base.Blob; size: { width: number; height: number }; message: string } {
  const placeholder = (message: string) => ({
    blob: Utilities.newBlob(signedBytes(silhouettePng(120, 160, PLACEHOLDER_COLOURS)), 'image/png', 'no-photo.png'),
    size: { width: 120, height: 160 }, message,
  });
  if (!person.photo) return placeholder(`${where}: no photo in Staff → Photo, so the card shows a grey silhouette. Choose one with ROSE Tracker → Choose a staff photo, then make the card again.`);
  const id = driveIdIn(person.photo);
  if (!id) return placeholder(`${where}: Staff → Photo ("${person.photo}") is not a Drive link, so the card shows a grey silhouette. Choose the photo with ROSE Tracker → Choose a staff photo.`);
  let blob: GoogleAppsScript.Base.Blob;
  try {
    const drive = typeof Drive === 'undefined' ? undefined : Drive;
    if (!drive) throw new Error('The Drive advanced service is not enabled in appsscript.json');
    const files = drive.Files as unknown as DriveMedia;
    blob = withBackOff(() => files.get(id, { alt: 'media', supportsAllDrives: true }));
  } catch (error) {
    return placeholder(`${where}: ROSE Tracker cannot open the photo in Staff → Photo (${errorText(error)}), so the card shows a grey silhouette. Choose it with ROSE Tracker → Choose a staff photo: that gives ROSE Tracker this one file.`);
  }
  const size = imageSize(blob.getBytes());
  if (!size) return placeholder(`${where}: the file in Staff → Photo is not a PNG or JPEG picture, so the card shows a grey silhouette. Choose a JPEG or PNG photo.`);
  return { blob, size, message: '' };
}

/** DocumentApp measures in pixels; the model and Docs speak points (1 px = 0.75 pt, docs.ts). */
const PX_PER_PT = 4 / 3;

/** Puts the photo where the copy's {{Photo}} is, sized into the photo box, and removes the placeholder. */
function placePhoto(docId: string, photo: { blob: GoogleAppsScript.Base.Blob; size: { width: number; height: number } }): void {
  const doc = DocumentApp.openById(docId);
  const body = doc.getBody();
  const found = body.findText('{{Photo}}');
  if (found) {
    const image = found.getElement().getParent().asParagraph().appendInlineImage(photo.blob);
    const box = fitInBox(photo.size, { width: Math.floor(PHOTO_BOX.width * PX_PER_PT), height: Math.floor(PHOTO_BOX.height * PX_PER_PT) });
    image.setWidth(box.width);
    image.setHeight(box.height);
    body.replaceText('{{Photo}}', '');
  }
  doc.saveAndClose();
}

// ---- making them ----------------------------------------------------------------------------------

function fileSafe(text: string): string {
  return text.replace(/[\\/:*?"<>|\n\r\t]+/g, '-').replace(/\s+/g, ' ').trim();
}

/**
 * Makes `kind` cards for the people with these Staff IDs, one Doc and one PDF each. A problem
 * with one person (a photo it cannot open, a copy that fails) is said and the others go on; Staff's
 * "Photo ID issued" / "Business cards issued" (and "ID card expires") are set for those made.
 */
export function makeCards(kind: CardKind, staffIds: readonly string[]): CardsOutcome {
  const ids = staffIds.map((id) => String(id)).filter((id, i, all) => id && all.indexOf(id) === i);
  const lines: string[] = [];
  if (!ids.length) return { kind, ok: false, templateLink: '', results: [], lines: ['Choose at least one person.'] };
  const store = TrackerStore.open();
  const settings = store.settings();
  const today = isoDateIn(new Date(), settings.timeZone);
  const cap = PEOPLE_PER_RUN[kind];
  const { people, unknown } = peopleOf(store, ids.slice(0, cap));
  const later = ids.length > cap ? ids.slice(cap) : [];
  if (unknown.length) lines.push(`No one in the Staff tab has the ID ${unknown.join(', ')}: refresh the list and try again.`);
  const folder = documentsFolder(store);
  const templateId = cardTemplate(kind, folder.id, lines);
  const template = readDocument(templateId) as CardDocJson;
  const strange = unknownCardFields(template);
  if (strange.length) {
    lines.push(`The ${CARD_TITLES[kind]} template (${docLink(templateId)}) uses ${strange.join(', ')}, which ${strange.length === 1 ? 'is not a card field' : 'are not card fields'}. Card fields: {{Card name}}, {{Pronouns}}, {{Role}}, {{Organization}}, {{Site}}, {{Staff ID}}, {{Issued}}, {{Expires}}, {{Organization address}}, {{Organization phone}}, {{Organization email}}, {{Photo}}. Nothing was made.`);
    return { kind, ok: false, templateLink: docLink(templateId), results: [], lines };
  }
  const organization: CardOrganization = { name: settings.organizationName, address: settings.address, phone: settings.phone, email: settings.email };
  const fileIds = generateFileIds(people.length * 2);
  const results: CardResult[] = [];
  const issued: { staffId: string; expires: string }[] = [];
  let outOfTime = false;
  people.forEach((person, i) => {
    if (outOfTime) return;
    const plan = planFor(person, organization, today, kind);
    const name = plan.values['Card name'];
    const where = `${name} (Staff row ${person.row})`;
    const docId = fileIds[2 * i];
    const pdfId = fileIds[2 * i + 1];
    const result: CardResult = { staffId: person.staffId, name, status: 'Failed', link: '', pdfLink: '', messages: plan.warnings.slice() };
    try {
      const title = fileSafe(`${name} - ${CARD_TITLES[kind]}`);
      copyDocument(templateId, docId, title, folder.id);
      result.link = docLink(docId);
      updateDocument(docId, planCard(template, plan.values, plan.nameSize, kind === 'business-card'));
      if (kind === 'id-card' && hasPhotoField(template)) {
        const photo = photoFor(person, where);
        if (photo.message) result.messages.push(photo.message);
        placePhoto(docId, photo);
      }
      savePdf(docId, pdfId, title, folder.id);
      result.pdfLink = fileLink(pdfId);
      result.status = 'Done';
      issued.push({ staffId: person.staffId, expires: plan.expires });
    } catch (error) {
      // Apps Script's time limit: nobody else can be made in this run; those made so far are still recorded.
      outOfTime = isTimeOut(errorText(error));
      result.messages.push(outOfTime
        ? `${where}: the run reached Apps Script's time limit before this card was finished. Make it again, with anyone after them.`
        : `${where}: the card could not be finished (${errorText(error)}). Make it again; the others were not held up.`);
    }
    results.push(result);
  });
  recordIssued(store, kind, issued, today);
  const done = results.filter((r) => r.status === 'Done').length;
  const what = kind === 'id-card' ? 'ID cards' : 'business card sheets';
  lines.unshift(`Made ${done} of ${people.length} ${what} as Docs and PDFs in the Documents folder (${folder.link}).`);
  if (later.length) lines.push(`${later.length} more people were chosen than one run makes (${cap}, so the run ends well inside Apps Script's 6 minutes): choose them again to make theirs.`);
  for (const r of results) lines.push(...r.messages);
  return { kind, ok: done === people.length && !unknown.length && !later.length, templateLink: docLink(templateId), results, lines };
}

/** Staff's issue date (and an ID card's expiry) for each person whose card was made, in one write, found by Staff ID. */
function recordIssued(store: TrackerStore, kind: CardKind, issued: readonly { staffId: string; expires: string }[], today: string): void {
  if (!issued.length) return;
  store.changed('Staff');
  const staff = store.table('Staff');
  if (!staff) return;
  const writes = issued.flatMap(({ staffId, expires }) => {
    const index = staff.records.findIndex((r) => refId(r.values.id) === staffId);
    if (index < 0) return [];
    const cells: Record<string, string> = kind === 'id-card' ? { photoIdIssued: today, idCardExpires: expires } : { businessCardsIssued: today };
    for (const key of Object.keys(cells)) if (staff.columnOf[key as keyof typeof staff.columnOf] === undefined) delete cells[key];
    return Object.keys(cells).length ? [{ index, cells }] : [];
  });
  store.writeRows('Staff', writes);
  store.changed('Staff');
}
