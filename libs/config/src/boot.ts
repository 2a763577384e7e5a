import { EnvValidationError } from './env';

/**
 * Ends a process whose start-up failed. A configuration mistake is reported as the one line
 * naming the variable, because that is all an operator needs; anything else keeps its stack.
 */
export function exitOnBootError(error: unknown): never {
  const message =
    error instanceof EnvValidationError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
