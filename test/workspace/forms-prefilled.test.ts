// FormResponse.toPrefilledUrl in the local Workspace: a link to the published form with the answers filled in, which a person opens and submits.
import { createWorkspace } from '../../workspace';
import { formModel, prefilledForm } from '../../workspace/forms';

describe('pre-filled form links', () => {
  it('carry the answers of an unsubmitted response and store nothing until the person submits', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    const { formId, url } = ws.execute(() => {
      const forms = ws.globals().FormApp as GoogleAppsScript.Forms.FormApp;
      const form = forms.create('Acknowledge');
      const number = form.addTextItem().setTitle('Document number');
      form.addTextItem().setTitle('Note');
      const response = form.createResponse().withItemResponse(number.createResponse('DOC-0012 & more'));
      return { formId: form.getId(), url: response.toPrefilledUrl() };
    });
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/[\w-]+\/viewform\?usp=pp_url&entry\.\d+=DOC-0012%20%26%20more$/);
    expect(formModel(ws.host, formId).responses).toHaveLength(0);
    expect(prefilledForm(ws.host, url)).toEqual({ formId, answers: { 'Document number': 'DOC-0012 & more' } });
    ws.submitForm(formId, { ...prefilledForm(ws.host, url).answers, Note: 'read it' });
    expect(formModel(ws.host, formId).responses).toHaveLength(1);
  });

  it('a link to a form that is not there fails loudly', () => {
    const ws = createWorkspace();
    expect(() => prefilledForm(ws.host, 'https://docs.google.com/forms/d/e/1FAIpQLnothing/viewform?usp=pp_url')).toThrow('No form is published at');
  });
});
