import 'reflect-metadata';
import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.command';
import { registerDbCommands } from './commands/db.command';
import { registerMailCommands } from './commands/mail.command';
import { registerOrgCommands } from './commands/org.command';
import { registerPlanCommands } from './commands/plan.command';
import { registerStartCommand } from './commands/start.command';
import { registerTemporalCommands } from './commands/temporal.command';
import { registerUserCommands } from './commands/user.command';

export function buildProgram(): Command {
  const program = new Command('duban')
    .description('督办 Duban：年度工作要点督办系统')
    .showHelpAfterError();
  registerStartCommand(program);
  registerDbCommands(program);
  registerPlanCommands(program);
  registerTemporalCommands(program);
  registerOrgCommands(program);
  registerUserCommands(program);
  registerAuditCommands(program);
  registerMailCommands(program);
  return program;
}

/** A failed command is one line on stderr and exit code 1; DUBAN_DEBUG=1 adds the stack. */
function report(error: unknown): void {
  const detail =
    error instanceof Error && process.env['DUBAN_DEBUG']
      ? (error.stack ?? error.message)
      : undefined;
  console.error(`duban: ${detail ?? (error instanceof Error ? error.message : String(error))}`);
  process.exitCode = 1;
}

buildProgram().parseAsync(process.argv).catch(report);
