/** Every rule violation the domain can report; the HTTP layer maps each code to a status. */
export enum DomainExceptionCode {
  InvalidInput = 'INVALID_INPUT',
  NotFound = 'NOT_FOUND',
  /** The request is well-formed but the current state forbids it (e.g. editing a confirmed plan). */
  Conflict = 'CONFLICT',
  /** A document was read and found unusable; the details say why. */
  DocumentRejected = 'DOCUMENT_REJECTED',
  /** The actor is known but may not do this (to this item). */
  Forbidden = 'FORBIDDEN',
  /** Nobody is signed in, or the sign-in failed (token expired, forged or revoked; bad password). */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The account is locked for a while after repeated failed sign-ins. */
  Locked = 'LOCKED',
  /** The body or file is larger than the route takes. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The body or file is not of a kind the route takes. */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
}

/**
 * Machine-readable facts about a violation, sent to the client next to the code and message:
 * `field` names the offending input, `messageEn` repeats the message in English.
 */
export type DomainExceptionDetails = Readonly<Record<string, unknown>>;

export class DomainException extends Error {
  constructor(
    readonly code: DomainExceptionCode,
    message: string,
    readonly details: DomainExceptionDetails = {},
  ) {
    super(message);
    this.name = 'DomainException';
  }
}
