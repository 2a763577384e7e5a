/** `ApplicationFailure` types that must not be retried; activities throw them, workflows read them. */
export enum NonRetryableFailureType {
  InvalidInput = 'DubanInvalidInput',
}
