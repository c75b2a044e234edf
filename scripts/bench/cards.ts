// Card benchmarks: service calls per ID card (with a photo) and per business card sheet, and the modelled time of a whole site's ID cards in one execution (ledger).
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { Ledger } from '../../workspace/ledger';
import { grantFileToApp, putFileInDrive } from '../../workspace/drive';
import { fillSampleOrganization, loadSampleOrganization } from '../sample/organization';
import { silhouettePng } from '../../addon/cards/photo';
import type { TemplatesAndPeople } from '../../addon/documents/types';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');

/** The sample tracker with every person given a photo chosen as the Picker would. */
function tracker(): { ws: ReturnType<typeof createWorkspace>; addon: AddOn; people: string[] } {
  const sample = loadSampleOrganization();
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const everyScope = ws.scopes;
  const addon = AddOn.load(ws, CODE);
  const id = ws.createSpreadsheet('Bench tracker');
  ws.openInSheets(id);
  addon.call('setupTracker');
  const manifest = ws.scopes;
  ws.scopes = everyScope;
  fillSampleOrganization(ws, id, sample);
  ws.scopes = manifest;
  const people = (addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople).people.map((p) => p.staffId);
  for (const staffId of people) {
    const photo = putFileInDrive(ws, { name: `${staffId}.png`, mimeType: 'image/png', bytes: Buffer.from(silhouettePng()) });
    grantFileToApp(ws, photo.id);
    addon.callFromClient('staffPhotoPicked', [staffId, photo.id]);
  }
  return { ws, addon, people };
}

export function benchCards(): Record<string, number> {
  const { ws, addon, people } = tracker();
  // The first run of each kind also installs its template; the figures are for runs after that.
  addon.callFromClient('makeCardsForPeople', ['id-card', people.slice(0, 1)]);
  addon.callFromClient('makeCardsForPeople', ['business-card', people.slice(0, 1)]);
  const run = (kind: string, ids: string[]): string[] => {
    const mark = ws.ledger.mark();
    addon.callFromClient('makeCardsForPeople', [kind, ids]);
    return ws.ledger.since(mark);
  };
  const idOne = run('id-card', people.slice(0, 1));
  const idAll = run('id-card', people);
  const bizOne = run('business-card', people.slice(0, 1));
  const bizAll = run('business-card', people);
  const extra = people.length - 1;
  return {
    'cards.people': people.length,
    'cards.id_card.calls_per_person': Math.round(((idAll.length - idOne.length) / extra) * 10) / 10,
    'cards.id_card.calls_batch': idAll.length,
    'cards.id_card.modelled_ms_batch': Ledger.costOf(idAll),
    'cards.business.calls_per_person': Math.round(((bizAll.length - bizOne.length) / extra) * 10) / 10,
    'cards.business.calls_batch': bizAll.length,
    'cards.business.modelled_ms_batch': Ledger.costOf(bizAll),
  };
}
