import { DomainException } from '../domain.exception';

/** The `field` a rule names when it refuses; undefined when it accepts. For specs. */
export function refusedField(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainException) return error.details['field'];
    throw error;
  }
  return undefined;
}
