// Set up tracker on a tracker whose rows need IDs, while a person deletes a row or pastes at any moment: every ID and computed value stays on its row.
import { sweepSetup } from './setup-scenario';

sweepSetup(/^(delete|paste)/);
