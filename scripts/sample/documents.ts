// npm start, documents part: installs the templates in the sample tracker and generates a contract, each job description, a reference letter and a training certificate, written to out/documents/*.docx (the certificate also as the PDF the job saved).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace';
import type { AddOn } from '../../workspace/bundle';
import { documentModel } from '../../workspace/drive';
import { writeDocumentDocx } from '../../workspace/export-docx';
import type { JobProgress, StartResult, TemplatesAndPeople } from '../../addon/documents/types';

export interface SampleDocument {
  template: string;
  person: string;
  file: string;
  /** The PDF saved beside the Doc, written too where the person is handed one (the certificate). */
  pdf?: string;
}

/** Runs a job the way the sidebar does: start, then chunks until it stops. */
function runJob(addon: AddOn, templateId: string, staffIds: string[]): JobProgress {
  const started = addon.callFromClient('startDocumentJob', [
    { templateId, staffIds, options: { output: 'both', fileNamePattern: '', folderPerSite: true, regenerate: false } },
  ]) as StartResult;
  if (!started.ok || !started.progress) {
    throw new Error(`Generating from ${templateId} did not start: ${started.message} ${started.problems.map((p) => p.message).join(' ')}`);
  }
  let progress = started.progress;
  for (let chunk = 0; chunk < 50 && (chunk === 0 || progress.state === 'running'); chunk++) {
    progress = addon.callFromClient('runDocumentJobChunk', [progress.jobId]) as JobProgress;
  }
  if (progress.state !== 'done') throw new Error(`Generating from ${templateId} stopped: ${progress.state}. ${progress.message}`);
  return progress;
}

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Installs the document templates, then makes an employment contract (for someone whose contract
 * is not signed yet), one job description per role that has a template, a reference letter and a
 * training certificate, and writes each Google Doc as .docx into `outDir`.
 */
export async function generateSampleDocuments(ws: Workspace, addon: AddOn, spreadsheetId: string, outDir: string): Promise<SampleDocument[]> {
  ws.openInSheets(spreadsheetId);
  addon.call('installDocumentTemplates');
  const choices = addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople;
  const people = choices.people;
  const plan: ({ templateId: string; staffId: string } | { templateId: string; staffIds: string[] })[] = [];
  const unsigned = people.find((p) => p.role !== 'Coordinator') ?? people[0];
  plan.push({ templateId: 'employment-contract', staffId: unsigned.staffId });
  for (const template of choices.templates.filter((t) => t.kind === 'job-description')) {
    const holder = people.find((p) => p.role === template.role);
    if (holder) plan.push({ templateId: template.id, staffId: holder.staffId });
  }
  const referee = people.find((p) => p.role === 'Systems Navigator') ?? people[0];
  plan.push({ templateId: 'reference-letter', staffId: referee.staffId });
  // Certificates are asked for by person; the job makes one for each completed internal training they have (the sample has one).
  const certificate = choices.templates.find((t) => t.kind === 'certificate');
  if (certificate) plan.push({ templateId: certificate.id, staffIds: people.map((p) => p.staffId) });

  mkdirSync(outDir, { recursive: true });
  const written: SampleDocument[] = [];
  for (const step of plan) {
    const progress = runJob(addon, step.templateId, 'staffIds' in step ? step.staffIds : [step.staffId]);
    const result = progress.results[0];
    if (result.status !== 'Done') throw new Error(`${progress.templateName} for ${result.name}: ${result.status}. ${result.error}`);
    const id = /\/d\/([\w-]+)/.exec(result.link)?.[1] ?? '';
    const json = documentModel(ws, id).toJson();
    const file = join(outDir, `${fileSafe(json.title ?? `${progress.templateName}-${result.name}`)}.docx`);
    await writeDocumentDocx(json, file);
    const document: SampleDocument = { template: progress.templateName, person: result.name, file };
    written.push(document);
    // A certificate is something the person holds: the PDF the job saved beside the Doc goes to out/ too.
    if (step.templateId === certificate?.id) {
      const pdfId = /\/d\/([\w-]+)/.exec(result.pdfLink)?.[1] ?? '';
      const pdf = ws.host.files.get(pdfId);
      if (!pdf || !Buffer.isBuffer(pdf.content)) throw new Error(`${progress.templateName} for ${result.name}: no PDF was saved beside the Doc.`);
      const pdfFile = file.replace(/\.docx$/, '.pdf');
      writeFileSync(pdfFile, pdf.content);
      document.pdf = pdfFile;
    }
  }
  return written;
}
