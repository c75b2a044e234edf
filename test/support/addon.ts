// Test harness: a fresh local Workspace with the built add-on loaded and a spreadsheet open in it.
import { join } from 'node:path';
import { createWorkspace, type Workspace, type WorkspaceOptions } from '../../workspace';
import { AddOn } from '../../workspace/bundle';

export interface Harness {
  ws: Workspace;
  addon: AddOn;
  spreadsheetId: string;
}

export const DIST_CODE = join(__dirname, '..', '..', 'dist', 'Code.js');

/** A Workspace, the built bundle loaded into it, and a new spreadsheet opened as the add-on's document. */
export function openAddon(options: WorkspaceOptions & { spreadsheetName?: string } = {}): Harness {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z', ...options });
  const addon = AddOn.load(ws, DIST_CODE);
  const spreadsheetId = ws.createSpreadsheet(options.spreadsheetName ?? 'Harbour Lights tracker');
  ws.openInSheets(spreadsheetId);
  return { ws, addon, spreadsheetId };
}
