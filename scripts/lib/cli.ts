// Shared command-line plumbing: where output goes, options with --help text, and running a command so that failures end in one sentence and an exit code.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { UsageError, explainError, type ErrorContext } from './errors';

/** Everything a command touches outside itself, so tests run commands in-process. */
export interface CommandIO {
  /** A line of results (stdout). */
  out(line: string): void;
  /** A line of progress or trouble (stderr). */
  err(line: string): void;
  /** Raw stderr, for redrawing a progress bar in place. */
  errRaw(text: string): void;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  homeDir: string;
  cwd: string;
  /** Opens the sign-in page; tests follow the link themselves. */
  openBrowser(url: string): void;
}

/** Best effort: the link is printed as well, so a failure to open a browser only costs a copy-paste. */
function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
      : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

export function nodeIO(): CommandIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    errRaw: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    homeDir: homedir(),
    cwd: process.cwd(),
    openBrowser: openInBrowser,
  };
}

export type OptionKind = 'string' | 'boolean' | 'list';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** Shown in help: --org <name>. */
  placeholder?: string;
  description: string;
  required?: boolean;
}

export interface CommandSpec {
  /** The npm script name: npm run <name> -- … */
  name: string;
  summary: string;
  /** Paragraphs after the options (sign-in, what happens next). */
  notes?: string[];
  options: OptionSpec[];
  examples?: string[];
}

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

const HELP: OptionSpec = { name: 'help', kind: 'boolean', description: 'Show this help and exit.' };

/** Parses --name value, --name=value, boolean flags and repeatable list options (also comma-separated). */
export function parseArgs(spec: CommandSpec, argv: string[]): { help: boolean; options: ParsedOptions } {
  const options: ParsedOptions = {};
  const known = new Map([...spec.options, HELP].map((o) => [o.name, o]));
  const seeHelp = `; run npm run ${spec.name} -- --help to see the options`;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h') { options.help = true; continue; }
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}"${seeHelp}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = known.get(name);
    if (!option) throw new UsageError(`Unknown option --${name}${seeHelp}`);
    if (option.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value${seeHelp}`);
      options[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // A Drive file ID may begin with "-", so only a known option ends the value.
      const nextIsOption = next !== undefined && next.startsWith('--') && known.has(next.slice(2).split('=')[0]);
      if (next === undefined || nextIsOption) throw new UsageError(`--${name} needs a value${seeHelp}`);
      value = next;
      i += 1;
    }
    if (option.kind === 'list') {
      const list = (options[name] as string[] | undefined) ?? [];
      list.push(...value.split(',').map((v) => v.trim()).filter(Boolean));
      options[name] = list;
    } else {
      if (options[name] !== undefined) throw new UsageError(`--${name} is given twice${seeHelp}`);
      options[name] = value;
    }
  }
  const help = options.help === true;
  if (!help) {
    for (const option of spec.options) {
      if (option.required && options[option.name] === undefined) throw new UsageError(`--${option.name} is required${seeHelp}`);
    }
  }
  return { help, options };
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`));
}

export function helpText(spec: CommandSpec): string {
  const required = spec.options.filter((o) => o.required).map((o) => `--${o.name} ${o.placeholder ? `<${o.placeholder}>` : ''}`.trim());
  const lines = [`Usage: npm run ${spec.name} -- ${[...required, '[options]'].join(' ')}`, '', ...wrap(spec.summary, 96, ''), '', 'Options:'];
  const column = 30;
  for (const option of [...spec.options, HELP]) {
    const flag = option.name === 'help' ? '-h, --help' : `--${option.name}${option.placeholder ? ` <${option.placeholder}>` : ''}`;
    const description = `${option.description}${option.kind === 'list' ? ' Repeat it, or separate values with commas.' : ''}`;
    const text = wrap(description, 96 - column, ' '.repeat(column + 2));
    lines.push(`  ${flag.padEnd(column)}${flag.length > column ? `\n  ${' '.repeat(column)}` : ''}${text.join('\n')}`);
  }
  for (const note of spec.notes ?? []) lines.push('', ...wrap(note, 96, ''));
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  return Array.isArray(value) ? value : [];
}

/**
 * Runs a command: --help prints the help; any failure prints one sentence on stderr and returns a
 * non-zero exit code (ROSE_DEBUG=1 adds the stack, for whoever maintains the scripts).
 */
export async function runCommand(
  spec: CommandSpec,
  argv: string[],
  io: CommandIO,
  run: (options: ParsedOptions) => Promise<void>,
  context: () => ErrorContext = () => ({}),
): Promise<number> {
  try {
    const { help, options } = parseArgs(spec, argv);
    if (help) {
      io.out(helpText(spec));
      return 0;
    }
    await run(options);
    return 0;
  } catch (error) {
    io.err(explainError(error, { command: spec.name, ...context() }));
    if (io.env.ROSE_DEBUG) io.err(String((error as Error)?.stack ?? error));
    return (error as { exitCode?: number })?.exitCode ?? 1;
  }
}

/** The entry point of a command file: runs main with the real process and sets the exit code. */
export function runMain(main: (argv: string[], io: CommandIO) => Promise<number>): void {
  main(process.argv.slice(2), nodeIO()).then(
    (code) => { process.exitCode = code; },
    (error: Error) => {
      process.stderr.write(`${explainError(error)}\n`);
      process.exitCode = 1;
    },
  );
}
