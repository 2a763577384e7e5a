import type { FinishedAttempt } from '@duban/persistence';
import { smtpDeliveryState } from './smtp-delivery-state';

const attempt = (status: FinishedAttempt['status'], result: string, at: string) => ({
  status,
  result,
  at,
});

describe('smtpDeliveryState', () => {
  it.each([
    ['nothing tried lately', [], { status: 'up' }],
    [
      'the newest attempt sent',
      [attempt('sent', '250 queued', 't2'), attempt('failed', '550 refused', 't1')],
      { status: 'up' },
    ],
    [
      // One refused address among deliveries that go through says nothing about the server.
      'a refusal among sent ones',
      [attempt('failed', '550 5.1.1 user unknown', 't2'), attempt('sent', '250 queued', 't1')],
      { status: 'up' },
    ],
    [
      'every newest attempt refused or deferred',
      [attempt('pending', '451 4.7.1 try later', 't2'), attempt('failed', '554 refused', 't1')],
      { status: 'degraded', lastReply: '451 4.7.1 try later', at: 't2' },
    ],
    [
      'the only attempt could not connect',
      [attempt('pending', 'ECONNECTION Connection closed unexpectedly', 't1')],
      { status: 'degraded', lastReply: 'ECONNECTION Connection closed unexpectedly', at: 't1' },
    ],
  ] as const)('%s', (_, attempts, expected) => {
    expect(smtpDeliveryState(attempts)).toEqual(expected);
  });
});
