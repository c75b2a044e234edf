// Create or update forms: builds each Google Form from its survey definition, links it to this spreadsheet and installs the one form-submit trigger.
import { issuerFor } from '../tracker/lists-tab';
import { type OptionsSource, type SurveyDefinition, type SurveyItem } from './definition';
import { targetColumns } from './row';
import { embeddedSurveys } from '../embedded';
import { TrackerStore } from '../tracker/store';
import type { TrackerFile } from '../tracker/sheets';
import { isBlank, type AnyTable, type Plain, type Table, type Tables } from '../tracker/table';
import { columnToLetters } from '../tracker/a1';
import { tabSpec, type TabName } from '../tracker/schema';
import { PROPERTY_KEYS, PROPERTY_KEY_PREFIXES, propertyKey } from '../core/keys';
import { checkedCoordinatorsIn } from '../tracker/confirmed';

/** The top-level function the form-submit trigger calls (an export of addon/main.ts). */
export const FORM_SUBMIT_HANDLER = 'onFormSubmitTrigger';
export const RAW_RESPONSES_PROTECTION = 'ROSE Tracker: confidential (form responses)';

/** What the add-on keeps about one survey's form, in document properties. */
export interface FormRecord {
  surveyId: string;
  formId: string;
  /** The responses sheet Forms made in this spreadsheet (its id survives renaming). */
  responsesSheetId: number | null;
  /** Survey item id (or "section:<title>") → the form item's id, so re-running updates in place. */
  items: Record<string, number>;
  /** The options filled from the tracker when the form was last built (for checking answers). */
  lists: Partial<Record<OptionsSource, string[]>>;
  publishedUrl: string;
  editUrl: string;
  /**
   * The spreadsheet's time zone when the form was last built: intake keeps an anonymous answer's day
   * in it without a call of its own. Absent from forms built before it was kept.
   */
  timeZone?: string;
  /** Who made the form (its owner), to name when another coordinator cannot open it. Absent from older records. */
  builtBy?: string;
  /** ROSE Tracker published the form; a form unpublished after that was unpublished on purpose and stays so. */
  published?: boolean;
  /** The private workbook the form's answers land in since Set up private workbooks moved them there; absent while they land in the tracker. */
  workbookId?: string;
}

export interface FormsResult {
  forms: { survey: string; title: string; publishedUrl: string; editUrl: string; created: boolean }[];
  triggerInstalled: boolean;
  problems: string[];
}

export function readFormRecords(properties: Record<string, string>): FormRecord[] {
  const records: FormRecord[] = [];
  for (const key of Object.keys(properties)) {
    if (key.indexOf(PROPERTY_KEY_PREFIXES.form) !== 0) continue;
    try {
      records.push(JSON.parse(properties[key]) as FormRecord);
    } catch {
      throw new Error(`The saved link to a form (${key}) is damaged. Remove it under Extensions → Apps Script → Project settings, then run Create or update forms again.`);
    }
  }
  return records;
}

export function surveyDefinitions(): SurveyDefinition[] {
  return embeddedSurveys();
}

// ---------------------------------------------------------------------------------------------
// Pure planning

/** One element of a form in order: a page break before a new section, or a question. */
export interface FormElement {
  key: string;
  kind: 'section' | 'question';
  title: string;
  item?: SurveyItem;
}

/** The form's elements in order; a section that opens the form becomes a header, later ones page breaks. */
export function formElements(definition: SurveyDefinition): FormElement[] {
  const elements: FormElement[] = [];
  definition.items.forEach((item) => {
    if (item.section) elements.push({ key: `section:${item.section}`, kind: 'section', title: item.section });
    elements.push({ key: item.id, kind: 'question', title: item.title, item });
  });
  return elements;
}

/** The tracker's lists a form fills its options from: site names and training topics. */
export function trackerLists(tables: Pick<Tables, 'Sites' | 'Training Topics'>): Record<OptionsSource, string[]> {
  const names = (values: Plain[]): string[] => {
    const seen: string[] = [];
    for (const value of values) {
      if (isBlank(value)) continue;
      const text = String(value).trim();
      // A value Sheets would read as a formula cannot be a form option that lands back in the Sheet as text.
      if (/^[=+\-@]/.test(text) || seen.indexOf(text) >= 0) continue;
      seen.push(text);
    }
    return seen;
  };
  return {
    sites: names((tables.Sites?.records ?? []).map((r) => r.values.name)),
    trainingTopics: names((tables['Training Topics']?.records ?? []).map((r) => r.values.topic)),
  };
}

/** Headers the target tab lacks, in the survey's order; they go after the user's columns, never between them. */
export function missingHeaders(existing: string[], definition: SurveyDefinition): string[] {
  const wanted = targetColumns(definition);
  const have = new Set(existing.map((h) => h.trim()));
  const out: string[] = [];
  for (const header of wanted) if (!have.has(header) && out.indexOf(header) < 0) out.push(header);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The edge: FormApp, SpreadsheetApp, ScriptApp

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;

/** Menu: Create or update forms. */
export function createOrUpdateForms(): FormsResult {
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const store = TrackerStore.open();
    const file = store.file;
    const result: FormsResult = { forms: [], triggerInstalled: false, problems: [] };
    const needed: TabName[] = ['Survey Responses', 'Sites', 'Training Topics'];
    const missingTabs = needed.filter((name) => !store.sheet(name));
    if (missingTabs.length) {
      result.problems.push(`This Sheet has no ${missingTabs.join(', ')} tab yet. Run ROSE Tracker → Set up tracker first, then Create or update forms.`);
      return result;
    }
    const settings = store.settings();
    const lists = trackerLists(store.tables(['Sites', 'Training Topics']));
    const properties = PropertiesService.getDocumentProperties()!;
    const stored = properties.getProperties();
    const records = readFormRecords(stored);
    const updates: Record<string, string> = {};

    for (const definition of surveyDefinitions()) {
      const needs = definition.items.map((i) => ('optionsFrom' in i ? i.optionsFrom : undefined)).filter((s): s is OptionsSource => !!s);
      const empty = needs.filter((source) => lists[source].length === 0);
      if (empty.length) {
        result.problems.push(`"${definition.title}" was not built: it lists ${empty.map((s) => (s === 'sites' ? 'your sites (Sites tab, Name column)' : 'training topics (Training Topics tab)')).join(' and ')}, which is empty.`);
        continue;
      }
      const previous = records.find((r) => r.surveyId === definition.id) ?? null;
      const opened = openForm(file, previous);
      if (opened.kind === 'no-access') {
        // The form is there and still sends answers here: replacing it would leave its link live and split the answers.
        result.problems.push(noAccessProblem(definition, previous!));
        continue;
      }
      if (opened.kind === 'gone') {
        result.problems.push(`The form for "${definition.title}" was deleted or no longer sends its answers to this Sheet, so a new one was made: share its new link below. The old link no longer adds answers to this tracker.`);
      }
      const { record, created } = buildForm(file, definition, opened.kind === 'open' ? opened.form : null, previous, lists, result.problems);
      updates[propertyKey('form', definition.id)] = JSON.stringify(record);
      result.forms.push({ survey: definition.id, title: definition.title, publishedUrl: record.publishedUrl, editUrl: record.editUrl, created });
      // A form whose answers land in a private workbook keeps its columns there.
      if (!record.workbookId) addMissingColumns(store, definition);
      // A survey added since its tab moved to a private workbook (the implementation survey beside the outcome survey) still answers here until it moves too.
      const moved = records.find((r) => r.workbookId && surveyDefinitions().some((d) => d.id === r.surveyId && d.targetTab === definition.targetTab));
      if (!record.workbookId && moved) {
        result.problems.push(`"${definition.title}" sends its answers to this tracker, where everyone who can open it reads them, while the other ${definition.targetTab} answers are in a private workbook: run ROSE Tracker → Set up private workbooks to send them there too, before sharing its link.`);
      }
    }
    // Where each target tab's Submission key column is, so intake reads it with the header row in one call.
    for (const tab of new Set(surveyDefinitions().filter((d) => result.forms.some((f) => f.survey === d.id)).map((d) => d.targetTab))) {
      const table: AnyTable | undefined = store.table(tab);
      const index = table?.columnOf.submissionKey;
      if (index !== undefined) updates[propertyKey('submissionKeyColumn', tab)] = columnToLetters(index + 1);
    }
    // Only coordinators a coordinator confirmed edit the raw answers, whatever the Settings cell says now.
    const coordinators = checkedCoordinatorsIn(file.ss, settings.coordinatorEmails);
    protectResponseSheets(file, result.forms.map((f) => JSON.parse(updates[propertyKey('form', f.survey)]) as FormRecord), coordinators.trusted);
    result.problems.push(...coordinators.messages);
    const highestKey = PROPERTY_KEYS.surveyHighestId;
    updates[highestKey] = String(highestIssued(file, store.table('Survey Responses'), stored[highestKey]));
    const installing = claimTrigger(file.ss, stored, updates, result.problems);
    properties.setProperties(updates);
    result.triggerInstalled = installing ? installTrigger(file.ss) : false;
    return result;
  } finally {
    if (lock) lock.releaseLock();
  }
}

/** Menu wrapper: builds the forms and tells the coordinator where they are. */
export function createOrUpdateFormsAction(): FormsResult {
  const result = createOrUpdateForms();
  const ui = SpreadsheetApp.getUi();
  const lines = result.forms.map((f) => `${f.title}${f.created ? ' (new)' : ' (updated)'}\nShare this link: ${f.publishedUrl}\nEdit: ${f.editUrl}`);
  const text = [...lines, ...result.problems].join('\n\n');
  ui.alert(result.forms.length ? 'Your forms are ready' : 'No form was built', text || 'There are no surveys to build.', ui.ButtonSet.OK);
  return result;
}

/** What became of the form a record names: open, never made, gone (deleted or unlinked), or there but not shared with this person. */
type OpenedForm = { kind: 'open'; form: Form } | { kind: 'new' } | { kind: 'gone' } | { kind: 'no-access' };

/**
 * FormApp.openById gives one text whether the form was deleted or is not shared with this person ("No
 * item with the given ID could be found. Possibly because you have not edited this item or you do not
 * have permission to access it."). The responses tab tells them apart: Sheet.getFormUrl() names the form
 * that still sends its responses there (developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()),
 * and is null once no form does. Any other failure (a passing service error) must not replace a form
 * people already answer: it surfaces.
 */
function openForm(file: TrackerFile, record: FormRecord | null): OpenedForm {
  if (!record) return { kind: 'new' };
  try {
    return { kind: 'open', form: FormApp.openById(record.formId) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/could not be found|not found|do not have permission/i.test(message)) throw error;
    return stillSendsHere(file, record) ? { kind: 'no-access' } : { kind: 'gone' };
  }
}

function stillSendsHere(file: TrackerFile, record: FormRecord): boolean {
  if (record.responsesSheetId === null) return false;
  const sheet = file.ss.getSheets().find((s) => s.getSheetId() === record.responsesSheetId);
  const url = sheet ? sheet.getFormUrl() : null;
  return !!url && (url.indexOf(record.formId) >= 0 || url === record.publishedUrl);
}

function noAccessProblem(definition: SurveyDefinition, record: FormRecord): string {
  const me = Session.getEffectiveUser().getEmail();
  const owner = record.builtBy && record.builtBy !== me ? record.builtBy : null;
  return `"${definition.title}" was left as it is: its form still collects answers into this tracker, but ${owner ? `it belongs to ${owner} and` : 'it'} is not shared with you. ` +
    `Ask ${owner ?? 'the coordinator who made it'} to share the form with you as an editor (in the form: Share → add ${me} as Editor), then run Create or update forms again. No form was replaced.`;
}

/** The subset of Form that Apps Script has and the typings lack (developers.google.com/apps-script/reference/forms/form#setPublished(Boolean)). */
type PublishableForm = Form & { isPublished(): boolean; setPublished(published: boolean): Form };

/**
 * Forms made by a script since 2026 start unpublished and take no answers until published
 * (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms). ROSE Tracker publishes
 * what it makes, and a form it made before that it never published; one it published that is now
 * unpublished was closed by a person, and stays closed.
 */
function publish(form: Form, created: boolean, previous: FormRecord | null, definition: SurveyDefinition, problems: string[]): void {
  const publishable = form as PublishableForm;
  if (publishable.isPublished()) return;
  if (!created && previous && previous.published) {
    problems.push(`"${definition.title}" is not published, so it takes no answers. Someone unpublished it; publish it in Google Forms (Publish) when it should take answers again.`);
    return;
  }
  publishable.setPublished(true);
  form.setAcceptingResponses(true);
}

function buildForm(file: TrackerFile, definition: SurveyDefinition, opened: Form | null, previous: FormRecord | null, lists: Record<OptionsSource, string[]>, problems: string[]): { record: FormRecord; created: boolean } {
  let form = opened;
  const created = !form;
  if (!form) form = FormApp.create(definition.title);
  else form.setTitle(definition.title);
  form.setDescription(definition.description);
  // Anonymous by design: no email, no sign-in, no one-response limit (each of those ties an answer to an account).
  const collect = definition.collectEmail && !definition.anonymous;
  form.setCollectEmail(collect);
  if (definition.anonymous) form.setLimitOneResponsePerUser(false);
  form.setProgressBar(true);
  form.setConfirmationMessage(definition.anonymous
    ? 'Thank you. Your answers are anonymous: they are stored without your name or email.'
    : 'Thank you. Your answers were sent to the coordinators.');

  const known = created ? {} : previous!.items;
  const mapping: Record<string, number> = {};
  const usedLists: Partial<Record<OptionsSource, string[]>> = {};
  for (const element of formElements(definition)) {
    const existing = known[element.key] !== undefined ? form.getItemById(known[element.key]) : null;
    const item = writeElement(form, element, existing, lists, usedLists);
    mapping[element.key] = item.getId();
  }
  // Our items that the definition no longer has are removed; items a coordinator added stay.
  const wanted = new Set(Object.keys(mapping).map((k) => mapping[k]));
  for (const key of Object.keys(known)) {
    if (wanted.has(known[key])) continue;
    const stale = form.getItemById(known[key]);
    if (stale) form.deleteItem(stale);
  }
  orderItems(form, formElements(definition).map((e) => mapping[e.key]));

  let responsesSheetId = previous && !created ? previous.responsesSheetId : null;
  const sheetIds = file.ss.getSheets().map((s) => s.getSheetId());
  // Answers moved to a private workbook are never linked back here, where everyone who opens the tracker reads them.
  const workbookId = previous && !created ? previous.workbookId : undefined;
  if (!workbookId && (!isLinkedHere(form, file.ss.getId()) || responsesSheetId === null || sheetIds.indexOf(responsesSheetId) < 0)) {
    form.setDestination(FormApp.DestinationType.SPREADSHEET, file.ss.getId());
    // Forms adds its responses tab itself and does not say which: it is the one that was not there before.
    const added = file.ss.getSheets().filter((s) => sheetIds.indexOf(s.getSheetId()) < 0);
    responsesSheetId = added.length ? added[0].getSheetId() : null;
  }
  publish(form, created, previous, definition, problems);
  const builtBy = created ? Session.getEffectiveUser().getEmail() : previous?.builtBy;
  return {
    created,
    record: {
      surveyId: definition.id, formId: form.getId(), responsesSheetId, items: mapping, lists: usedLists,
      publishedUrl: form.getPublishedUrl(), editUrl: form.getEditUrl(), timeZone: file.timeZone,
      ...(builtBy ? { builtBy } : {}), published: true, ...(workbookId ? { workbookId } : {}),
    },
  };
}

function isLinkedHere(form: Form, spreadsheetId: string): boolean {
  try {
    return form.getDestinationId() === spreadsheetId;
  } catch {
    return false; // "The form currently has no response destination."
  }
}

// FormApp.ItemType names, compared as text so that nothing touches FormApp while the bundle loads.
const TYPE_OF: Record<SurveyItem['type'], string> = {
  choice: 'MULTIPLE_CHOICE', checkbox: 'CHECKBOX', scale: 'SCALE', grid: 'GRID', short_text: 'TEXT', long_text: 'PARAGRAPH_TEXT', date: 'DATE',
};

function writeElement(form: Form, element: FormElement, existing: Item | null, lists: Record<OptionsSource, string[]>, used: Partial<Record<OptionsSource, string[]>>): Item {
  if (element.kind === 'section') {
    const reuse = existing && String(existing.getType()) === 'PAGE_BREAK' ? existing.asPageBreakItem() : null;
    const page = reuse ?? form.addPageBreakItem();
    page.setTitle(element.title);
    return page as unknown as Item;
  }
  const item = element.item!;
  const type = typeOf(item);
  const same = existing && String(existing.getType()) === type ? existing : null;
  if (existing && !same) form.deleteItem(existing);
  switch (item.type) {
    case 'choice': case 'checkbox': {
      const options = item.optionsFrom ? lists[item.optionsFrom] : item.options;
      if (item.optionsFrom) used[item.optionsFrom] = options;
      const choice = item.type === 'choice'
        ? (same ? same.asMultipleChoiceItem() : form.addMultipleChoiceItem())
        : (same ? same.asCheckboxItem() : form.addCheckboxItem());
      choice.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      choice.setChoiceValues(options);
      return choice as unknown as Item;
    }
    case 'scale': {
      const scale = same ? same.asScaleItem() : form.addScaleItem();
      scale.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      scale.setBounds(item.min, item.max).setLabels(item.minLabel ?? '', item.maxLabel ?? '');
      return scale as unknown as Item;
    }
    case 'grid': {
      const grid = same ? same.asGridItem() : form.addGridItem();
      grid.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      grid.setRows(item.rows.map((r) => r.label)).setColumns(item.columns);
      return grid as unknown as Item;
    }
    case 'short_text': {
      const text = same ? same.asTextItem() : form.addTextItem();
      text.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      return text as unknown as Item;
    }
    case 'long_text': {
      const text = same ? same.asParagraphTextItem() : form.addParagraphTextItem();
      text.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      return text as unknown as Item;
    }
    case 'date': {
      const date = same ? same.asDateItem() : form.addDateItem();
      date.setTitle(item.title).setHelpText(item.help ?? '').setRequired(item.required);
      return date as unknown as Item;
    }
  }
  throw new Error(`Unknown item type in the survey definition: ${(item as SurveyItem).type}`);
}

function typeOf(item: SurveyItem): string {
  return TYPE_OF[item.type];
}

/** Puts our items first, in the definition's order, moving only what is out of place. */
function orderItems(form: Form, wantedIds: number[]): void {
  const current = form.getItems().map((i) => i.getId());
  wantedIds.forEach((id, index) => {
    const at = current.indexOf(id);
    if (at === index || at < 0) return;
    form.moveItem(at, index);
    current.splice(at, 1);
    current.splice(index, 0, id);
  });
}

/** Adds the survey's columns the target tab lacks, after the last column, in one write. */
function addMissingColumns(store: TrackerStore, definition: SurveyDefinition): void {
  const sheet = store.sheet(definition.targetTab);
  if (!sheet) throw new Error(`The ${definition.targetTab} tab is missing: run ROSE Tracker → Set up tracker.`);
  const headers = store.table(definition.targetTab)?.headers ?? [];
  const missing = missingHeaders(headers, definition);
  if (!missing.length) return;
  let last = headers.length;
  while (last > 0 && headers[last - 1] === '') last -= 1;
  const needed = last + missing.length;
  const maxColumns = sheet.getMaxColumns();
  if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
  const range = sheet.getRange(1, last + 1, 1, missing.length);
  // A header is text even when a question starts with a sign (the definitions forbid =, +, -, @ in titles anyway).
  range.setValues([missing.map((h) => `'${h}`)]);
  range.setFontWeight('bold');
  // Another survey landing in the same tab must see these columns.
  store.changed(definition.targetTab);
}

/** The raw answers are as private as the tabs they feed: only the confirmed coordinators (and the person running this, whom Google never removes) may edit the responses tabs. */
function protectResponseSheets(file: TrackerFile, records: FormRecord[], coordinators: string[]): void {
  const me = Session.getEffectiveUser().getEmail();
  const allowed = [me, ...coordinators.filter((e) => e !== me)];
  const sheets = file.ss.getSheets();
  for (const record of records) {
    const sheet = sheets.find((s) => s.getSheetId() === record.responsesSheetId);
    if (!sheet) continue;
    const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).find((p) => p.getDescription() === RAW_RESPONSES_PROTECTION);
    const protection = existing ?? sheet.protect().setDescription(RAW_RESPONSES_PROTECTION);
    const current = protection.getEditors().map((u) => u.getEmail());
    const add = allowed.filter((e) => current.indexOf(e) < 0);
    const remove = current.filter((e) => allowed.indexOf(e) < 0);
    if (add.length) protection.addEditors(add);
    if (remove.length) protection.removeEditors(remove);
    // A new protection mirrors the spreadsheet's editors until its list is changed (Sheet.protect): set it even when it looks right.
    if (!add.length && !remove.length) protection.addEditor(me);
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  }
}

/** The highest RESP- number ever issued: the lists tab's record, the tab's own IDs, or what intake issued. */
function highestIssued(file: TrackerFile, responses: Table<'Survey Responses'> | undefined, stored: string | undefined): number {
  const prefix = tabSpec('Survey Responses').idPrefix!;
  const issuer = issuerFor(file);
  issuer.observe(prefix, responses ? responses.records.map((r) => r.values.id ?? null) : []);
  return Math.max(Number(stored) || 0, issuer.highestFor(prefix));
}

/**
 * One form-submit trigger serves the tracker, whoever of the coordinators runs Create or update forms:
 * triggers run as the person who made them, and each person's are their own (FACTS: editor add-on
 * triggers), so a second coordinator's would run again for every answer. Its owner is kept in document
 * properties; another person takes it over once the owner can no longer edit this Sheet (their trigger
 * cannot reach it then). Returns whether this person should have the trigger.
 */
function claimTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, stored: Record<string, string>, updates: Record<string, string>, problems: string[]): boolean {
  const me = Session.getEffectiveUser().getEmail();
  const owner = stored[PROPERTY_KEYS.formTriggerOwner];
  if (owner && owner !== me && ss.getEditors().some((u) => u.getEmail() === owner)) {
    problems.push(`New answers are stored by the form trigger of ${owner}, so no second one was added for you. To hand it over when ${owner} leaves, remove ${owner} from this Sheet's sharing, then run Create or update forms again: the trigger becomes yours.`);
    return false;
  }
  if (owner !== me) updates[PROPERTY_KEYS.formTriggerOwner] = me;
  return true;
}

/** One form-submit trigger for this spreadsheet and user (the add-on limit); installs it when missing. */
export function installTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const mine = ScriptApp.getUserTriggers(ss).filter((t) => String(t.getEventType()) === 'ON_FORM_SUBMIT');
  if (mine.some((t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER)) return false;
  ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
  return true;
}

