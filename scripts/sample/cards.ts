// npm start, cards part: gives two of a site's fictional people a generated portrait (chosen as the Picker would), makes ID cards for the whole site and business cards for one person, and writes the PDFs to out/documents/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace';
import type { AddOn } from '../../workspace/bundle';
import { grantFileToApp, putFileInDrive } from '../../workspace/drive';
import { silhouettePng, type Rgb } from '../../addon/cards/photo';
import type { CardsOutcome } from '../../addon/cards/make';
import type { TemplatesAndPeople } from '../../addon/documents/types';

export interface SampleCards {
  kind: string;
  people: string[];
  file: string;
}

/** Portrait colours for the sample's stand-in photos: a coloured backdrop and figure, so they read as photos and not as the grey "no photo" silhouette. */
const PORTRAITS: { background: Rgb; figure: Rgb }[] = [
  { background: [187, 222, 251], figure: [94, 53, 177] },
  { background: [255, 224, 178], figure: [0, 121, 107] },
];

function pdfOf(ws: Workspace, outcome: CardsOutcome, index: number): Buffer {
  const id = /\/d\/([\w-]+)/.exec(outcome.results[index]?.pdfLink ?? '')?.[1] ?? '';
  const file = ws.host.files.get(id);
  if (!file || !Buffer.isBuffer(file.content)) throw new Error(`No PDF was made for ${outcome.results[index]?.name ?? 'the card'}: ${outcome.lines.join(' ')}`);
  return file.content;
}

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The first site's people get ID cards (all but the last with a portrait; the last shows the
 * placeholder, as a person without a photo would), and its first person a sheet of business cards.
 */
export function generateSampleCards(ws: Workspace, addon: AddOn, spreadsheetId: string, outDir: string): SampleCards[] {
  ws.openInSheets(spreadsheetId);
  const choices = addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople;
  const site = choices.sites[0];
  const people = choices.people.filter((p) => p.siteId === site.siteId);
  people.slice(0, Math.min(PORTRAITS.length, people.length - 1)).forEach((person, i) => {
    const photo = putFileInDrive(ws, { name: `${person.name} photo.png`, mimeType: 'image/png', bytes: Buffer.from(silhouettePng(240, 320, PORTRAITS[i])) });
    grantFileToApp(ws, photo.id);
    addon.callFromClient('staffPhotoPicked', [person.staffId, photo.id]);
  });
  mkdirSync(outDir, { recursive: true });
  const written: SampleCards[] = [];
  const ids = addon.callFromClient('makeCardsForPeople', ['id-card', people.map((p) => p.staffId)]) as CardsOutcome;
  ids.results.forEach((result, i) => {
    const file = join(outDir, `${fileSafe(result.name)}-ID-card.pdf`);
    writeFileSync(file, pdfOf(ws, ids, i));
    written.push({ kind: 'ID card', people: [result.name], file });
  });
  const business = addon.callFromClient('makeCardsForPeople', ['business-card', [people[0].staffId]]) as CardsOutcome;
  const file = join(outDir, `${fileSafe(business.results[0].name)}-business-cards.pdf`);
  writeFileSync(file, pdfOf(ws, business, 0));
  written.push({ kind: 'Business cards', people: [business.results[0].name], file });
  return written;
}
