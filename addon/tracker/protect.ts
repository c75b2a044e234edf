// Setup's protections: header rows and computed columns warn, confidential tabs are limited to coordinators; a rerun mends what a cut-off run left.
import { TABS, type TabName } from './schema';
import { declaredHeaders, type AnyTable, type Tables } from './table';
import type { Sheet } from './sheets';
import type { Settings } from './settings';
import { HEADER_PROTECTION, COMPUTED_PROTECTION, CONFIDENTIAL_PROTECTION } from './format';
import { PROPERTY_KEYS } from '../core/keys';
import { blockToA1 } from './a1';

type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** A protection setup wants on one tab: a block of cells, or the whole sheet (block null). */
interface Wanted {
  sheet: Sheet;
  sheetId: number;
  description: string;
  block: { row: number; column: number; numRows: number; numColumns: number } | null;
}

/** How the journal names a protection: sheet ID and A1 notation, or "sheet" for a sheet protection. */
function journalEntry(sheetId: number, a1: string | null): string {
  return `${sheetId}!${a1 ?? 'sheet'}`;
}

function entryOf(w: Wanted): string {
  const b = w.block;
  return journalEntry(w.sheetId, b ? blockToA1(b.row, b.column, b.numRows, b.numColumns) : null);
}

/**
 * Apps Script cannot create a protection with its description in one call (Range.protect() then
 * Protection.setDescription, developers.google.com/apps-script/reference/spreadsheet/protection), so
 * a run cut off between the two leaves a protection with no description. Before creating any, setup
 * writes down in the document's properties exactly which ranges it is about to protect; a rerun
 * removes an undescribed protection only when it sits on exactly such a range. Every other
 * protection without our description is a person's own and is never touched.
 */
function journal(): { read(): Set<string>; write(entries: string[]): void; clear(): void } {
  const properties = PropertiesService.getDocumentProperties();
  const held = properties ? properties.getProperty(PROPERTY_KEYS.setupProtecting) : null;
  const entries = new Set<string>(held ? (JSON.parse(held) as string[]) : []);
  let written = !!held;
  return {
    read: () => entries,
    write(list) {
      if (!properties) return;
      properties.setProperty(PROPERTY_KEYS.setupProtecting, JSON.stringify([...new Set([...entries, ...list])]));
      written = true;
    },
    clear() { if (properties && written) properties.deleteProperty(PROPERTY_KEYS.setupProtecting); },
  };
}

/** Header rows and computed columns get warning-only protections; confidential tabs are limited to coordinators. Returns lines for the coordinator. */
export function protectTabs(sheets: Map<TabName, Sheet>, tables: Tables, settings: Settings): string[] {
  const lines: string[] = [];
  const log = journal();
  const leftovers = log.read();
  const me = Session.getEffectiveUser().getEmail();
  const missing: Wanted[] = [];
  const confidential: { sheet: Sheet; description: string; protection: Protection | null }[] = [];

  for (const spec of TABS) {
    const sheet = sheets.get(spec.name)!;
    const header = declaredHeaders(spec, (tables[spec.name] as AnyTable).headers);
    const sheetId = sheet.getSheetId();
    const wanted = new Map<string, Wanted>();
    const want = (description: string, block: Wanted['block']) => wanted.set(description, { sheet, sheetId, description, block });
    want(`${HEADER_PROTECTION} (${spec.name})`, { row: 1, column: 1, numRows: 1, numColumns: header.length });
    const computed = spec.columns.filter((c) => c.computed && c.type !== 'id' && header.indexOf(c.header) >= 0);
    const rows = computed.length ? sheet.getMaxRows() - 1 : 0;
    for (const column of rows > 0 ? computed : []) {
      want(`${COMPUTED_PROTECTION} (${spec.name}: ${column.header})`, { row: 2, column: header.indexOf(column.header) + 1, numRows: rows, numColumns: 1 });
    }
    const found = new Set<string>();
    for (const protection of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
      const description = protection.getDescription();
      if (wanted.has(description)) {
        // A second protection with our description (a run cut off after it made one) goes.
        if (found.has(description)) protection.remove(); else found.add(description);
      } else if (description === '' && leftovers.size && leftovers.has(journalEntry(sheetId, protection.getRange().getA1Notation()))) {
        protection.remove();
      }
    }
    for (const w of wanted.values()) if (!found.has(w.description)) missing.push(w);

    if (!spec.confidential) continue;
    const description = `${CONFIDENTIAL_PROTECTION} (${spec.name})`;
    // A sheet has at most one sheet protection: Sheet.protect() returns the one it has.
    const [existing] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    if (!existing) { missing.push({ sheet, sheetId, description, block: null }); confidential.push({ sheet, description, protection: null }); continue; }
    const own = existing.getDescription();
    if (own === description || (own === '' && leftovers.has(journalEntry(sheetId, null)))) {
      if (own !== description) existing.setDescription(description);
      confidential.push({ sheet, description, protection: existing });
    } else {
      lines.push(`The tab "${spec.name}" already has a protection of your own${own ? ` ("${own}")` : ''}, so ROSE Tracker left it as it is: check that only coordinators can edit "${spec.name}".`);
    }
  }

  if (missing.length) log.write(missing.map(entryOf));
  for (const w of missing) {
    if (!w.block) continue;
    // Warning-only before the description: a protection that carries our description is always finished.
    w.sheet.getRange(w.block.row, w.block.column, w.block.numRows, w.block.numColumns).protect().setWarningOnly(true).setDescription(w.description);
  }
  const allowed = new Set([...settings.coordinatorEmails, me]);
  for (const c of confidential) {
    const protection = c.protection ?? c.sheet.protect().setDescription(c.description);
    const current = protection.getEditors().map((u) => u.getEmail());
    const remove = current.filter((e) => !allowed.has(e));
    const add = [...allowed].filter((e) => current.indexOf(e) < 0);
    if (remove.length) protection.removeEditors(remove);
    if (add.length) protection.addEditors(add);
    // A new protection mirrors the spreadsheet's editors until the script changes its list (Sheet.protect,
    // developers.google.com/apps-script/reference/spreadsheet/sheet#protect): a list that already looks
    // right must still be set, or everyone the Sheet is shared with later can edit. Google's sample adds
    // the current user first for the same reason.
    if (!remove.length && !add.length) protection.addEditor(me);
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  }
  log.clear();
  return lines;
}
