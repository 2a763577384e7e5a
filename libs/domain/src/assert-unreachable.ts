/** Compile-time exhaustiveness check for switches over unions and enums. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
