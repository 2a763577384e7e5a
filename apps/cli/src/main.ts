import 'reflect-metadata';
import { Command } from 'commander';
import { EnvValidationError } from '@duban/config';
import { registerDbCommands } from './commands/db.command';
import { registerStartCommand } from './commands/start.command';
import { registerTemporalCommands } from './commands/temporal.command';

export function buildProgram(): Command {
  const program = new Command('duban').description('督办 Duban：年度工作要点督办系统').showHelpAfterError();
  registerStartCommand(program);
  registerDbCommands(program);
  registerTemporalCommands(program);
  return program;
}

/** A failed command is one line on stderr and exit code 1; the stack only for programming errors. */
function report(error: unknown): void {
  const message =
    error instanceof EnvValidationError || !(error instanceof Error)
      ? String(error instanceof Error ? error.message : error)
      : process.env['DUBAN_DEBUG']
        ? (error.stack ?? error.message)
        : error.message;
  console.error(`duban: ${message}`);
  process.exitCode = 1;
}

buildProgram().parseAsync(process.argv).catch(report);
