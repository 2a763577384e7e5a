/**
 * What one delivery attempt learned. `retry`: nothing reached the recipient (refused
 * connection, an SMTP 4xx or HTTP 429/5xx, timeout before the message went out), so trying again
 * cannot duplicate. `failed`: the other side refused for good (SMTP 5xx, rejected address, a
 * robot's error code). `unknown`: the message may have arrived (the connection dropped after it
 * was handed over), so it must not be sent again without a person deciding.
 */
export type DeliveryOutcome =
  | { readonly status: 'sent'; readonly response: string }
  | { readonly status: 'retry'; readonly error: string }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'unknown'; readonly error: string };
