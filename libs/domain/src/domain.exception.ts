/** Every rule violation the domain can report; the HTTP layer maps each code to a status. */
export enum DomainExceptionCode {
  InvalidInput = 'INVALID_INPUT',
  NotFound = 'NOT_FOUND',
}

export class DomainException extends Error {
  constructor(
    readonly code: DomainExceptionCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}
