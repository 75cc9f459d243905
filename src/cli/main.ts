/**
 * The `crosstalk` command line: one module per command under commands/, options checked by the
 * schemas of options.ts. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or invalid data.
 */
import { Command, CommanderError } from 'commander';
import { CrosstalkError, ValidationError, errorMessage, formatIssue } from '../model/errors';
import { register as registerDev } from './commands/dev';
import { register as registerFetch } from './commands/fetch';
import { register as registerIngest } from './commands/ingest';
import { register as registerQuery } from './commands/query';
import { register as registerServe } from './commands/serve';
import { register as registerStart } from './commands/start';
import { register as registerStats } from './commands/stats';
import { err } from './output';

/** The program with every command registered. */
export function buildProgram(): Command {
  const program = new Command()
    .name('crosstalk')
    .description(
      'Knowledge graph of the bone–muscle–fat crosstalk literature (Kirk et al. 2025 and around it).',
    )
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerIngest,
    registerFetch,
    registerQuery,
    registerStats,
    registerServe,
    registerStart,
    registerDev,
  ]) {
    register(program);
  }
  return program;
}

/** The exit code of a failure, after saying what went wrong on stderr. */
function exitCodeOf(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof ValidationError) {
    err(`error: invalid data: ${e.issues.length} problem(s); nothing was written.`);
    for (const issue of e.issues.slice(0, 20)) err(`  ${formatIssue(issue)}`);
    if (e.issues.length > 20) err(`  … and ${e.issues.length - 20} more`);
    return 2;
  }
  if (e instanceof CrosstalkError) {
    err(`error: ${e.message}`);
    // A query the engine rejects (syntax, unknown label, a write) or the guard refuses is bad
    // usage; a timeout is not.
    return e.code === 'USAGE' || e.code === 'QUERY' || e.code === 'READ_ONLY' || e.code === 'REFUSED' ? 2 : 1;
  }
  err(`error: ${errorMessage(e)}`);
  if (process.env.CROSSTALK_DEBUG) console.error(e);
  return 1;
}

/** Runs the command line `argv` (as process.argv: node, script, arguments…); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e: unknown) {
    return exitCodeOf(e);
  }
}
