// The ledger: every service call the add-on makes, its modelled cost, and the faults a test injects.

/**
 * Modelled milliseconds per call, from public measurements (FACTS: ~160 ms per interleaved
 * getValue/setValue, ~3.6 s per Drive file copy, one batched setValues of thousands of cells
 * well under a second). Used only to decide when a simulated execution runs out of time and to
 * model how many operations fit in one 6-minute execution; never for assertions on wall time.
 */
export const CALL_COST_MS: Record<string, number> = {
  default: 60,
  'Range.getValue': 160,
  'Range.setValue': 160,
  'Range.getValues': 120,
  'Range.setValues': 200,
  'Range.getDisplayValues': 120,
  'Sheet.appendRow': 250,
  'SpreadsheetApp.flush': 200,
  'SpreadsheetApp.openById': 800,
  'File.makeCopy': 3600,
  'File.getAs': 2500,
  'Blob.getAs': 2500,
  'Folder.createFile': 1500,
  'Docs.Documents.create': 1200,
  'Docs.Documents.get': 600,
  'Docs.Documents.batchUpdate': 1500,
  // The same Drive work through other doors costs the same: a copy is a copy (~3.6 s, FACTS),
  // a PDF conversion is File.getAs's, opening a document is like opening a spreadsheet.
  'Drive.Files.copy': 3600,
  'Drive.Files.create': 1500,
  'Drive.Files.export': 2500,
  'DriveApp.createFile': 1500,
  'DocumentApp.openById': 800,
  'Document.getAs': 2500,
  'Document.getBlob': 2500,
  'File.getBlob': 2500,
  // Sheets v4 advanced service: a base per call, plus the work inside it (sheetsWorkCostMs below).
  // A values call is one round trip, like a batched getValues/setValues (FACTS: 1,000 interleaved
  // getValue/setValue pairs took 319 s, ~160 ms a call, where the batched pair took 0.3 s, ~150 ms a
  // call). A batchUpdate is assumed to cost about two such round trips (its requests are validated
  // then applied together); spreadsheets.get like a values read; create like a Drive file create.
  'Sheets.Spreadsheets.get': 150,
  'Sheets.Spreadsheets.batchUpdate': 300,
  'Sheets.Spreadsheets.create': 1500,
  'Sheets.Spreadsheets.Values.get': 150,
  'Sheets.Spreadsheets.Values.batchGet': 150,
  'Sheets.Spreadsheets.Values.update': 150,
  'Sheets.Spreadsheets.Values.append': 150,
  'Sheets.Spreadsheets.Values.batchUpdate': 150,
  'Sheets.Spreadsheets.Values.clear': 150,
  'Sheets.Spreadsheets.Values.batchClear': 150,
  'FormApp.create': 2000,
  'FormApp.openById': 800,
  'MailApp.sendEmail': 1000,
  'Utilities.sleep': 0,
};

/**
 * The work term of a Sheets advanced-service call, added to its base above once the call has run:
 * - per cell written (batchUpdate, values writes) or returned (values reads, grid data): 0.0125 ms,
 *   from FACTS' "one setValues of 4,000 cells under 50 ms" (50 ms / 4,000 cells, an upper bound);
 * - per batchUpdate request: 5 ms, assumed (no public measurement found): a batch of 100 structural
 *   requests then costs about half a second more than one request.
 * So a 100-request batch writing 20,000 cells models as 300 + 500 + 250 = 1,050 ms.
 */
export const SHEETS_WORK_COST_MS = { perRequest: 5, perCell: 0.0125 } as const;

export function sheetsWorkCostMs(work: { requests: number; cells: number }): number {
  return work.requests * SHEETS_WORK_COST_MS.perRequest + work.cells * SHEETS_WORK_COST_MS.perCell;
}

/** Apps Script stops one execution after six minutes. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

export interface Fault {
  method: string;
  /** 1-based: fail on the nth call of the method counted from when the fault was added. */
  nth: number;
  error: string;
  /** Fail this many consecutive calls starting at the nth (default 1). */
  times: number;
  seen: number;
}

/** A person's action placed between two service calls of an execution (see Workspace.interleave). */
interface Interleaved {
  /** 0-based: runs just before the execution's call with this index. */
  at: number;
  run: () => void;
  ran: boolean;
}

export class Ledger {
  readonly calls: string[] = [];
  /** The execution's modelled milliseconds when each call of `calls` began (what a benchmark splits a run by). */
  readonly startedMs: number[] = [];
  private readonly faults: Fault[] = [];
  private executionMs = 0;
  private timeBudgetMs: number | null = null;
  /** Calls the current execution has made, counted from beginExecution. */
  private executionCalls = 0;
  /** Actions waiting for the next execution, and those placed in the current one. */
  private pending: Interleaved[] = [];
  private placed: Interleaved[] = [];
  /** While a person acts, their calls are theirs: not counted, not faulted, not timed. */
  private personActing = false;
  /**
   * The Workspace's modelled wall clock, in ms since it was made: executions one after another add
   * their modelled time; executions run at the same time (concurrency.ts) start together and the
   * clock moves on by the longest of them, not their sum.
   */
  wallMs = 0;
  /** Where the current execution started on the modelled wall clock. */
  private executionStartMs = 0;
  /** Checks a call against Google's per-minute quotas at its modelled time, before it runs (quotas.ts). */
  quotaCheck: ((method: string, atMs: number) => void) | null = null;

  /** Records one call; throws an injected fault or the execution time-out before the call runs. */
  record(method: string): void {
    if (this.personActing) return;
    this.runInterleaved();
    this.executionCalls += 1;
    for (const fault of this.faults) {
      if (fault.method !== method) continue;
      fault.seen += 1;
      if (fault.seen >= fault.nth && fault.seen < fault.nth + fault.times) {
        this.calls.push(method);
        this.startedMs.push(this.executionMs);
        throw new Error(fault.error);
      }
    }
    this.calls.push(method);
    this.startedMs.push(this.executionMs);
    // A call refused for quota is answered at once: it costs no modelled time.
    if (this.quotaCheck) this.quotaCheck(method, this.nowMs);
    this.executionMs += CALL_COST_MS[method] ?? CALL_COST_MS.default;
    if (this.timeBudgetMs !== null && this.executionMs > this.timeBudgetMs) {
      throw new Error('Exceeded maximum execution time');
    }
  }

  /** Adds the modelled cost of waiting (Utilities.sleep, lock waits). */
  spend(ms: number): void {
    this.executionMs += ms;
    if (this.timeBudgetMs !== null && this.executionMs > this.timeBudgetMs) {
      throw new Error('Exceeded maximum execution time');
    }
  }

  /** Makes the nth call of `method` (and `times - 1` after it) throw `error`. */
  failOn(method: string, options: { nth?: number; error?: string; times?: number } = {}): void {
    this.faults.push({
      method,
      nth: options.nth ?? 1,
      error: options.error ?? `Service error: ${method}`,
      times: options.times ?? 1,
      seen: 0,
    });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Starts a new execution: its modelled time starts at zero. `limitMs` null means unlimited. */
  beginExecution(limitMs: number | null): void {
    this.executionStartMs = this.wallMs;
    this.executionMs = 0;
    this.timeBudgetMs = limitMs;
    this.executionCalls = 0;
    this.placed = this.pending;
    this.pending = [];
  }

  /**
   * Places `run` before call `at` (0-based) of the next execution; the returned record says whether
   * it ran (an index past the execution's last call never runs). Calls made inside `run` are not
   * recorded: they are a person's, not the execution's.
   */
  interleave(at: number, run: () => void): { readonly ran: boolean } {
    const action: Interleaved = { at, run, ran: false };
    this.pending.push(action);
    return action;
  }

  private runInterleaved(): void {
    for (const action of this.placed) {
      if (action.ran || action.at !== this.executionCalls) continue;
      action.ran = true;
      this.personActing = true;
      try {
        action.run();
      } finally {
        this.personActing = false;
      }
    }
  }

  get elapsedMs(): number {
    return this.executionMs;
  }

  /** The modelled wall-clock time of the current execution's next call. */
  get nowMs(): number {
    return this.executionStartMs + this.executionMs;
  }

  /** Ends an execution that ran alone: the wall clock moves on by its modelled time. */
  endExecution(): void {
    this.wallMs = Math.max(this.wallMs, this.executionStartMs + this.executionMs);
  }

  /** A position in the ledger, to count the calls made after it. */
  mark(): number {
    return this.calls.length;
  }

  since(mark: number): string[] {
    return this.calls.slice(mark);
  }

  /** Calls per method since `mark`, for benchmarks and assertions. */
  countBy(mark = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls.slice(mark)) counts[call] = (counts[call] ?? 0) + 1;
    return counts;
  }

  /** Modelled milliseconds of a list of calls. */
  static costOf(calls: string[]): number {
    return calls.reduce((sum, method) => sum + (CALL_COST_MS[method] ?? CALL_COST_MS.default), 0);
  }
}
