// Build time: reads and checks every survey definition in templates/surveys, for the build to embed in the bundle.
import * as fs from 'fs';
import * as path from 'path';
import { SurveyDefinition, validateSurveyDefinition } from '../../addon/surveys/definition';

/**
 * Loads every *.json in `dir` (sorted by file name, so the bundle is the same on every machine),
 * validates each, and checks that no two surveys share an id. Throws with the file name on the first
 * file that cannot be read or is not coherent.
 */
export function loadSurveyDefinitions(dir = 'templates/surveys'): SurveyDefinition[] {
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder)) throw new Error(`Survey definitions folder not found: ${folder}`);
  const files = fs.readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  const definitions: SurveyDefinition[] = [];
  const idsSeen = new Map<string, string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: is not valid JSON (${(error as Error).message})`);
    }
    const definition = validateSurveyDefinition(raw, file);
    const other = idsSeen.get(definition.id);
    if (other) throw new Error(`${file}: id "${definition.id}" is already the id of ${other}`);
    idsSeen.set(definition.id, file);
    definitions.push(definition);
  }
  return definitions;
}
