// The shipped templates installed and merged on the Workspace's Docs model (the strict one), not only on the test fake.
import { DocumentModel } from '../../workspace/docs-model';
import { loadDocumentTemplates } from '../../scripts/templates/documents';
import { templateToRequests } from '../../addon/documents/templateDocs';
import { planMerge, type DocsDocumentJson } from '../../addon/documents/merge';
import { buildMergeValues } from '../../addon/documents/fields';

const templates = loadDocumentTemplates();

function mergeFor(trainings: number): ReturnType<typeof buildMergeValues> {
  return buildMergeValues({
    staff: {
      ID: 'STAFF-0001', 'Full name': 'Alex Moreno', 'Preferred name': 'Alex', Pronouns: 'they/them', Role: 'Peer Worker',
      Site: 'SITE-0001 · Harbour Lights Drop-in', Email: 'alex@example.org', Phone: '604-555-0101', Start: '2026-02-02',
      'Employment type': 'Permanent part-time', 'Hourly wage': 28.5, 'Hours per week': 24, 'Contract status': 'None',
    },
    site: { ID: 'SITE-0001', Name: 'Harbour Lights Drop-in', 'Region / city': 'Vancouver', Address: '210 Fictional Lane' },
    settings: {
      'Organization name': 'Harbour Lights Peer Collective', Address: '210 Fictional Lane', Phone: '604-555-0142',
      Email: 'hello@example.org', 'Living wage per hour': 27.85, 'Living wage as of': '2025-11-01', 'Coordinator name': 'Robin Okafor',
      Currency: 'CAD', Locale: 'en-CA', 'Time zone': 'America/Vancouver',
    },
    trainings: Array.from({ length: trainings }, (_, i) => ({
      Topic: `Topic ${i + 1}`, Date: '2025-06-01', Provider: 'Red Cross', Certified: 'Yes', 'Certificate number': `C-${i}`, 'Valid until': '2028-06-01',
    })),
    now: new Date('2026-03-16T17:00:00Z'),
    timeZone: 'America/Vancouver',
  } as unknown as Parameters<typeof buildMergeValues>[0]);
}

describe.each(templates.map((t) => [t.id, t] as const))('%s on the Docs model', (_id, template) => {
  it.each([0, 3])('installs, then merges with %i trainings, leaving no placeholder', (trainings) => {
    const doc = new DocumentModel('template', template.title);
    doc.applyBatch(templateToRequests(template));
    const copy = doc.copy('copy', 'Copy');
    const plan = planMerge(copy.toJson() as unknown as DocsDocumentJson, mergeFor(trainings));
    expect(plan.unresolved).toEqual([]);
    copy.applyBatch(plan.requests);
    const text = copy.plainText();
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).toContain('Alex');
  });
});
