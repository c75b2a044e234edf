// Shared by the Sheets advanced-service tests: one batchUpdate in its own execution, and the message a call fails with.
import type { Workspace } from '../../workspace';

type Request = GoogleAppsScript.Sheets.Schema.Request;

/** `Sheets.Spreadsheets.batchUpdate` as the add-on calls it, in one execution of the Workspace. */
export function sheetsBatch(ws: Workspace, spreadsheetId: string, requests: Request[]): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
  const Sheets = (ws.globals() as unknown as { Sheets: GoogleAppsScript.Sheets }).Sheets;
  return ws.execute(() => Sheets.Spreadsheets!.batchUpdate({ requests }, spreadsheetId));
}

/** The message `run` fails with; a call that succeeds fails the test. */
export function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the call succeeded');
}
