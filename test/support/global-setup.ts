// Builds dist/ once before the tests, so end-to-end tests always run the current bundle.
import { buildAddon } from '../../scripts/build';

export default async function globalSetup(): Promise<void> {
  await buildAddon();
}
