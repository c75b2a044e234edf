// What the build embeds in the bundle: document templates and survey definitions, validated in Node.
import { join } from 'node:path';
import { loadSurveyDefinitions } from './surveys';
import { loadDocumentTemplates } from './documents';

export interface EmbeddedData {
  documents: unknown[];
  surveys: unknown[];
}

export function embeddedData(): EmbeddedData {
  return {
    documents: loadDocumentTemplates(join(__dirname, '..', '..', 'templates', 'documents')),
    // The outcome and intake surveys, then the process evaluation's implementation survey (templates/evaluation).
    surveys: [
      ...loadSurveyDefinitions(join(__dirname, '..', '..', 'templates', 'surveys')),
      ...loadSurveyDefinitions(join(__dirname, '..', '..', 'templates', 'evaluation')),
    ],
  };
}
