// Data the build embeds in the bundle (survey definitions, document templates), validated in Node at build time.
import type { SurveyDefinition } from './surveys/definition';
import type { DocumentTemplate } from './documents/templateDocs';

declare const __ROSE_EMBEDDED__: { documents: DocumentTemplate[]; surveys: SurveyDefinition[] } | null;

/** The survey definitions of templates/surveys, in file-name order. */
export function embeddedSurveys(): SurveyDefinition[] {
  // The export-names pass of the build defines the data as null; only the real bundle carries it.
  return typeof __ROSE_EMBEDDED__ !== 'undefined' && __ROSE_EMBEDDED__ ? __ROSE_EMBEDDED__.surveys : [];
}

/** The built-in document templates of templates/documents, parsed and checked at build time. */
export function embeddedDocumentTemplates(): DocumentTemplate[] {
  return typeof __ROSE_EMBEDDED__ !== 'undefined' && __ROSE_EMBEDDED__ ? __ROSE_EMBEDDED__.documents : [];
}
