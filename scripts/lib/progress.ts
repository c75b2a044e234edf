// A small progress report on stderr: a bar redrawn in place on a terminal, one plain line per step when output goes to a file or CI log.
import type { CommandIO } from './cli';

export interface Progress {
  /** Marks the start of the next step, described in a few words. */
  step(label: string): void;
  /** How many steps there are, once that is known (after a first look around). */
  setTotal(total: number): void;
  /** Ends the report (clears the bar on a terminal). */
  done(): void;
}

const WIDTH = 20;

export function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * WIDTH) : WIDTH;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
}

export function createProgress(io: CommandIO, title: string, initialTotal: number): Progress {
  let total = initialTotal;
  let current = 0;
  let drawn = 0;
  return {
    step(label) {
      current += 1;
      const counter = `${Math.min(current, total)}/${total}`;
      if (io.stderrIsTTY) {
        const line = `${title} ${bar(current - 1, total)} ${counter} ${label}`;
        // Pad over a longer previous line instead of relying on terminal escape codes.
        io.errRaw(`\r${line.padEnd(drawn)}`);
        drawn = line.length;
      } else {
        io.err(`${title} (${counter}): ${label}`);
      }
    },
    setTotal(n) {
      total = Math.max(n, current);
    },
    done() {
      if (io.stderrIsTTY && drawn) io.errRaw(`\r${' '.repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
