// What the build embeds in the bundle: document templates and survey definitions, validated in Node.
export interface EmbeddedData {
  documents: unknown[];
  surveys: unknown[];
}

export function embeddedData(): EmbeddedData {
  return { documents: [], surveys: [] };
}
