import { EnvValidationError } from './env';

/**
 * Ends a process whose start-up failed. A configuration mistake is reported as the one line
 * naming the variable, because that is all an operator needs; anything else keeps its stack.
 */
export function exitOnBootError(error: unknown): never {
  const envError = findEnvError(error);
  const message = envError
    ? envError.message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function findEnvError(error: unknown): EnvValidationError | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof EnvValidationError) return e;
  }
  return undefined;
}
