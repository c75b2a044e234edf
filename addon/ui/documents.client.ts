// The Generate documents sidebar: choose a template and people, preview, then drive the job chunk by chunk through the shared typed server client (server.ts).
import type {
  JobProgress, PersonChoice, PreviewResult, TemplateChoice, TemplateProblem, TemplatesAndPeople, DocumentOutput, JobRequest, SendResult,
} from '../documents/types';
import { call } from './server';
import { $, messageOf, setBusy } from './page';


let choices: TemplatesAndPeople | null = null;
let runningJob = '';
/** The template of the job this page started, so the roster can mark who now has one. */
let jobTemplateId = '';
let stopAsked = false;

function showError(message: string): void {
  const box = $<HTMLParagraphElement>('error');
  box.textContent = message;
  box.hidden = message === '';
}


function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

/** A link only to Google's own https pages; anything else shows as plain text. */
function link(href: string, text: string): HTMLElement {
  if (!/^https:\/\/(docs|drive)\.google\.com\//.test(href)) {
    const span = document.createElement('span');
    span.textContent = text;
    return span;
  }
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.target = '_blank';
  anchor.rel = 'noopener';
  anchor.textContent = text;
  return anchor;
}

function selectedTemplateId(): string {
  return $<HTMLSelectElement>('template').value;
}

function shownPeople(): PersonChoice[] {
  const site = $<HTMLSelectElement>('site').value;
  const role = $<HTMLSelectElement>('role').value;
  return (choices?.people ?? []).filter((person) => (!site || person.siteId === site) && (!role || person.role === role));
}

function checkedStaffIds(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('#people input[type=checkbox]:checked')).map((box) => box.value);
}

/** A role as its initials ("Peer Worker" → "PW"), so name, role and site fit one line of the 300 px sidebar. */
function roleShort(role: string): string {
  const words = role.split(/\s+/).filter(Boolean);
  return words.length > 1 ? words.map((word) => word[0].toUpperCase()).join('') : role;
}

function selectedTemplate(): TemplateChoice | undefined {
  return choices?.templates.find((t) => t.id === selectedTemplateId());
}

function renderPeople(): void {
  const list = $<HTMLUListElement>('people');
  const checked = new Set(checkedStaffIds());
  const template = selectedTemplate();
  const shown = shownPeople();
  list.textContent = '';
  let having = 0;
  const roles = new Map<string, string>();
  for (const person of shown) {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `person-${person.staffId}`;
    box.value = person.staffId;
    box.checked = checked.has(person.staffId);
    const label = document.createElement('label');
    label.htmlFor = box.id;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = person.name;
    const meta = document.createElement('span');
    meta.className = 'meta';
    const short = roleShort(person.role);
    if (short !== person.role) roles.set(short, person.role);
    meta.textContent = [short, person.siteName].filter(Boolean).join(' · ');
    label.append(name, meta);
    const has = !!template && person.hasDocument.indexOf(template.id) >= 0;
    label.title = `${person.name}: ${person.role}${person.siteName ? `, ${person.siteName}` : ''}${has && template ? `. Already has a ${template.name}.` : ''}`;
    item.append(box, label);
    if (has) {
      having += 1;
      const mark = document.createElement('span');
      mark.className = 'has';
      mark.textContent = '✓';
      mark.title = `Already has a ${template ? template.name : 'document'} (Documents tab)`;
      item.append(mark);
    }
    list.append(item);
  }
  $<HTMLSpanElement>('people-count').textContent = template && shown.length
    ? `${shown.length} shown · ${having} ${having === 1 ? 'has' : 'have'} one ✓`
    : `${shown.length} shown`;
  const key = Array.from(roles, ([short, role]) => `${short} ${role}`);
  if (having) key.push('✓ already has one');
  $<HTMLParagraphElement>('people-key').textContent = key.join(' · ');
  $<HTMLInputElement>('select-all').checked = false;
  renderFileNameExample();
}

/** The file name as it reads for the first chosen person (else the first shown): "Alex Moreno - Employment contract". */
function renderFileNameExample(): void {
  const pattern = $<HTMLInputElement>('file-name').value;
  const first = checkedStaffIds()[0];
  const person = (choices?.people ?? []).find((p) => p.staffId === first) ?? shownPeople()[0];
  const known: Record<string, string> = person ? { 'Full name': person.name, Role: person.role, 'Site name': person.siteName } : {};
  // The server fills every field when it makes the file; the example shows the others by their names.
  const example = pattern.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_whole, field: string) => known[field] || field);
  $<HTMLSpanElement>('file-name-example').textContent = example.trim() || '(the template\'s name)';
}

function renderTemplateLink(): void {
  const template = selectedTemplate();
  const anchor = $<HTMLAnchorElement>('template-link');
  anchor.hidden = !template;
  if (template) anchor.href = template.link;
  $<HTMLInputElement>('file-name').value = template ? template.fileName : '';
  renderPeople();
}

function render(loaded: TemplatesAndPeople): void {
  choices = loaded;
  const notice = $<HTMLParagraphElement>('notice');
  notice.textContent = loaded.notice;
  notice.hidden = loaded.notice === '';
  const template = $<HTMLSelectElement>('template');
  template.textContent = '';
  for (const t of loaded.templates) template.append(option(t.id, t.name));
  const site = $<HTMLSelectElement>('site');
  for (const s of loaded.sites) site.append(option(s.siteId, s.name));
  const role = $<HTMLSelectElement>('role');
  for (const r of loaded.roles) role.append(option(r, r));
  const resume = $<HTMLDivElement>('resume');
  const unfinished = loaded.unfinished[0];
  resume.hidden = !unfinished;
  if (unfinished) {
    $<HTMLSpanElement>('resume-text').textContent = `Unfinished: ${unfinished.templateName} for ${unfinished.total} people (${unfinished.state}). `;
    $<HTMLButtonElement>('resume-button').dataset.jobId = unfinished.jobId;
  }
  renderTemplateLink();
}

function renderProblems(problems: TemplateProblem[], heading: string): void {
  const results = $<HTMLUListElement>('results');
  results.textContent = '';
  showError(heading);
  for (const problem of problems) {
    const item = document.createElement('li');
    item.textContent = problem.message;
    results.append(item);
  }
}

function renderPreview(preview: PreviewResult): void {
  const box = $<HTMLDivElement>('preview');
  box.textContent = '';
  box.hidden = false;
  const title = document.createElement('p');
  title.className = 'p-for';
  title.textContent = `Preview: ${preview.fileName}`;
  box.append(title);
  if (preview.message) {
    const warning = document.createElement('div');
    warning.className = 'error';
    warning.textContent = preview.message;
    box.append(warning);
  }
  for (const problem of preview.problems) {
    const line = document.createElement('div');
    line.className = 'error';
    line.textContent = problem.message;
    box.append(line);
  }
  const classes: Record<string, string> = { TITLE: 'p-title', HEADING_1: 'p-heading', HEADING_2: 'p-heading', HEADING_3: 'p-heading', TABLE_ROW: 'p-row', BULLET: 'p-bullet' };
  for (const paragraph of preview.paragraphs) {
    if (!paragraph.text.trim()) continue;
    const line = document.createElement('p');
    line.className = classes[paragraph.style] ?? 'p-text';
    line.textContent = paragraph.style === 'BULLET' ? `• ${paragraph.text}` : paragraph.text;
    box.append(line);
  }
}

function renderProgress(progress: JobProgress): void {
  $<HTMLDivElement>('progress').hidden = false;
  const bar = $<HTMLProgressElement>('progress-bar');
  bar.max = Math.max(1, progress.total);
  bar.value = progress.finished;
  const now = progress.state === 'running' && progress.current ? ` — now: ${progress.current}` : '';
  const states: Record<JobProgress['state'], string> = {
    running: 'Working', paused: 'Paused', done: 'Finished', cancelled: 'Stopped', blocked: 'Stopped',
  };
  $<HTMLDivElement>('progress-text').textContent =
    `${states[progress.state]}: ${progress.finished} of ${progress.total} (${progress.done} made, ${progress.failed} failed, ${progress.skipped} skipped)${now}. ${progress.message}`;
  const results = $<HTMLUListElement>('results');
  results.textContent = '';
  for (const result of progress.results) {
    if (result.status === 'Queued') continue;
    const item = document.createElement('li');
    item.className = `result result-${result.status.toLowerCase().replace(/\s+/g, '-')}`;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${result.name}: ${result.status}`;
    item.append(name);
    if (result.link) item.append(' ', link(result.link, 'Doc'));
    if (result.pdfLink) item.append(' ', link(result.pdfLink, 'PDF'));
    if (result.error) {
      const why = document.createElement('span');
      why.className = 'why';
      why.textContent = result.error;
      item.append(why);
    }
    results.append(item);
  }
  if (progress.state !== 'running' && jobTemplateId) markMade(progress, jobTemplateId);
  if (progress.state !== 'running') offerSending(progress);
}

/** The finished documents of the last job, which the Send block emails. */
let sendable: string[] = [];

function offerSending(progress: JobProgress): void {
  sendable = progress.results.map((r) => r.documentId ?? '').filter((id) => id !== '');
  $<HTMLDivElement>('send').hidden = sendable.length === 0;
  $<HTMLParagraphElement>('send-text').textContent = sendable.length ? `${sendable.length} finished document(s). Each goes only where the person asked.` : '';
}

function renderSent(result: SendResult): void {
  const results = $<HTMLUListElement>('results');
  results.textContent = '';
  for (const outcome of result.outcomes) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${outcome.name}${outcome.to ? ` → ${outcome.to}` : ''}: ${outcome.status}`;
    item.append(name);
    if (outcome.message) {
      const why = document.createElement('span');
      why.className = 'why';
      why.textContent = outcome.message;
      item.append(why);
    }
    results.append(item);
  }
  $<HTMLParagraphElement>('send-text').textContent = `${result.sent} sent, ${result.failed} not sent, ${result.waiting} waiting. ${result.message}`;
  $<HTMLButtonElement>('send-again-button').hidden = result.waiting === 0;
}

function sendByEmail(again: boolean): void {
  showError('');
  const to = (document.querySelector<HTMLInputElement>('input[name=send-to]:checked')?.value ?? 'person') as 'person' | 'named';
  setBusy(true);
  const done = (result: SendResult): void => {
    setBusy(false);
    if (!result.outcomes.length && result.message) showError(result.message);
    renderSent(result);
  };
  const failed = (error: unknown): void => {
    setBusy(false);
    showError(`${messageOf(error)} Emails already sent are in the Documents tab; press Send again to continue.`);
  };
  if (again) call('continueSendingDocuments').then(done, failed);
  else call('sendDocumentsByEmail', { documentIds: sendable, to, address: $<HTMLInputElement>('send-address').value, personAsked: $<HTMLInputElement>('send-asked').checked }).then(done, failed);
}

/** After a job: the people it made a document for now have one, as the Documents tab says. */
function markMade(progress: JobProgress, templateId: string): void {
  const made = new Set(progress.results.filter((r) => r.status === 'Done').map((r) => r.staffId));
  for (const person of choices?.people ?? []) {
    if (made.has(person.staffId) && person.hasDocument.indexOf(templateId) < 0) person.hasDocument.push(templateId);
  }
  renderPeople();
}

/** When every chunk found its people taken by another run (another coordinator's, or one cut off), look again after this long. */
const RETRY_MS = 30_000;

/**
 * Drives a job in several lanes at once: each google.script.run call is its own execution, so
 * `progress.lanes` chunks run side by side (the server sizes that to the Docs write quota). A lane
 * goes on while its chunk took people; the job ends when a chunk says it is no longer running.
 */
function driveJob(jobId: string, lanes = 1): void {
  runningJob = jobId;
  stopAsked = false;
  setBusy(true);
  $<HTMLButtonElement>('cancel-button').hidden = false;
  $<HTMLButtonElement>('cancel-button').disabled = false;
  let active = 0;
  let wanted = lanes;
  let failed = false;
  let shown = -1;
  let ended = false;
  const show = (progress: JobProgress): void => {
    // Lanes answer out of order: show the furthest along, and every final answer.
    if (progress.finished >= shown || progress.state !== 'running') {
      shown = progress.finished;
      renderProgress(progress);
    }
  };
  const lane = (): void => {
    active += 1;
    call('runDocumentJobChunk', jobId, wanted).then(
      (progress) => {
        active -= 1;
        show(progress);
        if (ended) return;
        if (progress.state !== 'running' || stopAsked) {
          ended = true;
          return finish();
        }
        if (progress.handed > 0) {
          // A resumed job learns how many lanes it may use from its first answer.
          const more = progress.lanes - wanted;
          wanted = Math.max(wanted, progress.lanes);
          for (let i = 0; i < more; i++) lane();
          return lane();
        }
        if (active === 0 && !failed) {
          // Everyone left is being made by another run: look again in a while.
          window.setTimeout(() => { if (!stopAsked && !ended) lane(); }, RETRY_MS);
        }
      },
      (error) => {
        active -= 1;
        failed = true;
        showError(`${messageOf(error)} The job keeps its place: press Resume to continue.`);
        if (active === 0 && !ended) {
          ended = true;
          finish();
        }
      },
    );
  };
  for (let i = 0; i < lanes; i++) lane();
}

function finish(): void {
  setBusy(false);
  $<HTMLButtonElement>('cancel-button').hidden = true;
  runningJob = '';
}

function generate(): void {
  showError('');
  const staffIds = checkedStaffIds();
  if (!selectedTemplateId()) return showError('Choose a template first.');
  if (!staffIds.length) return showError('Choose at least one person.');
  const output = (document.querySelector<HTMLInputElement>('input[name=output]:checked')?.value ?? 'doc') as DocumentOutput;
  const request: JobRequest = {
    templateId: selectedTemplateId(), staffIds,
    options: {
      output, fileNamePattern: $<HTMLInputElement>('file-name').value,
      folderPerSite: $<HTMLInputElement>('folder-per-site').checked, regenerate: $<HTMLInputElement>('regenerate').checked,
    },
  };
  setBusy(true);
  jobTemplateId = request.templateId;
  call('startDocumentJob', request).then(
    (started) => {
      setBusy(false);
      if (!started.ok || !started.progress) return renderProblems(started.problems, started.message);
      renderProgress(started.progress);
      driveJob(started.progress.jobId, started.progress.lanes);
    },
    (error) => {
      setBusy(false);
      showError(messageOf(error));
    },
  );
}

function preview(): void {
  showError('');
  const staffId = checkedStaffIds()[0] ?? shownPeople()[0]?.staffId;
  if (!selectedTemplateId() || !staffId) return showError('Choose a template and a person to preview.');
  setBusy(true);
  call('previewDocument', selectedTemplateId(), staffId).then(
    (result) => {
      setBusy(false);
      renderPreview(result);
    },
    (error) => {
      setBusy(false);
      showError(messageOf(error));
    },
  );
}

function stop(): void {
  if (!runningJob) return;
  stopAsked = true;
  const jobId = runningJob;
  call('cancelDocumentJob', jobId).then(
    (progress) => renderProgress(progress),
    (error) => showError(messageOf(error)),
  );
}

function load(): void {
  setBusy(true);
  call('listTemplatesAndPeople').then(
    (loaded) => {
      setBusy(false);
      render(loaded);
    },
    (error) => {
      setBusy(false);
      showError(messageOf(error));
    },
  );
}

$<HTMLSelectElement>('template').addEventListener('change', renderTemplateLink);
$<HTMLInputElement>('file-name').addEventListener('input', renderFileNameExample);
$<HTMLUListElement>('people').addEventListener('change', renderFileNameExample);
$<HTMLAnchorElement>('file-name-change').addEventListener('click', (event) => {
  event.preventDefault();
  $<HTMLDivElement>('file-name-edit').hidden = false;
  $<HTMLInputElement>('file-name').focus();
});
$<HTMLSelectElement>('site').addEventListener('change', renderPeople);
$<HTMLSelectElement>('role').addEventListener('change', renderPeople);
$<HTMLInputElement>('select-all').addEventListener('change', (event) => {
  const all = (event.target as HTMLInputElement).checked;
  document.querySelectorAll<HTMLInputElement>('#people input[type=checkbox]').forEach((box) => { box.checked = all; });
  renderFileNameExample();
});
$<HTMLButtonElement>('preview-button').addEventListener('click', preview);
$<HTMLButtonElement>('generate-button').addEventListener('click', generate);
$<HTMLButtonElement>('cancel-button').addEventListener('click', stop);
$<HTMLButtonElement>('send-button').addEventListener('click', () => sendByEmail(false));
$<HTMLButtonElement>('send-again-button').addEventListener('click', () => sendByEmail(true));
for (const id of ['send-person', 'send-named']) {
  $<HTMLInputElement>(id).addEventListener('change', () => { $<HTMLDivElement>('send-named-details').hidden = !$<HTMLInputElement>('send-named').checked; });
}
$<HTMLButtonElement>('resume-button').addEventListener('click', (event) => {
  const jobId = (event.target as HTMLButtonElement).dataset.jobId;
  if (jobId) driveJob(jobId);
});
load();
