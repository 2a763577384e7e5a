import { WorkingCalendar } from '@duban/domain';
import {
  isUrgent,
  nextWorkingMorning,
  planDelivery,
  retryDelayMs,
  type DeliveryFacts,
} from './delivery-timing';

// National Day 2024: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
const calendar = new WorkingCalendar({
  coveredYears: [2024],
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2024-10-${d}`),
  makeUpWorkdays: ['2024-09-29', '2024-10-12'],
});
const hours = { quietHours: { start: '20:00', end: '08:00' }, morning: '08:30' };
/** China time (UTC+8) as an ISO instant. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

const reminder: DeliveryFacts = {
  kind: 'reminder',
  recipientRole: 'responsible',
  urgingNotice: false,
  channel: 'email',
  mode: 'immediate',
};
const escalationToLeader: DeliveryFacts = {
  ...reminder,
  kind: 'escalation',
  recipientRole: 'leader',
};

describe('planDelivery', () => {
  it('sends at once on a working day outside quiet hours', () => {
    const now = cst('2024-06-12T10:15:00');
    expect(planDelivery(reminder, now, hours, calendar)).toEqual({ held: false, dueAt: now });
  });

  it('defers a notice raised in the evening to 08:30 the next working morning', () => {
    expect(planDelivery(reminder, cst('2024-06-12T21:00:00'), hours, calendar)).toEqual({
      held: false,
      dueAt: cst('2024-06-13T08:30:00'),
    });
  });

  it('defers from a Friday night over the weekend to Monday morning', () => {
    expect(planDelivery(reminder, cst('2024-06-14T22:00:00'), hours, calendar).dueAt).toBe(
      cst('2024-06-17T08:30:00'),
    );
  });

  it('defers over a statutory holiday to the make-up Saturday, the next working day', () => {
    expect(planDelivery(reminder, cst('2024-10-03T11:00:00'), hours, calendar).dueAt).toBe(
      cst('2024-10-08T08:30:00'),
    );
    expect(planDelivery(reminder, cst('2024-10-11T23:00:00'), hours, calendar).dueAt).toBe(
      cst('2024-10-12T08:30:00'),
    );
  });

  it('sends on a make-up working Sunday', () => {
    const now = cst('2024-09-29T09:00:00');
    expect(planDelivery(reminder, now, hours, calendar).dueAt).toBe(now);
  });

  it('holds non-urgent notices of digest-only people for the next digest', () => {
    expect(
      planDelivery({ ...reminder, mode: 'digest' }, cst('2024-06-12T10:00:00'), hours, calendar),
    ).toEqual({ held: true, dueAt: cst('2024-06-13T08:30:00') });
  });

  it('never holds an escalation to a leader for a digest, nor past the next working morning', () => {
    const leader = { ...escalationToLeader, mode: 'digest' as const };
    const now = cst('2024-06-12T10:00:00');
    expect(planDelivery(leader, now, hours, calendar)).toEqual({ held: false, dueAt: now });
    expect(planDelivery(leader, cst('2024-06-14T23:59:00'), hours, calendar)).toEqual({
      held: false,
      dueAt: cst('2024-06-17T08:30:00'),
    });
  });

  it('does not fold group-chat messages into a digest', () => {
    const chat = { ...reminder, channel: 'chat' as const, mode: 'digest' as const };
    const now = cst('2024-06-12T10:00:00');
    expect(planDelivery(chat, now, hours, calendar)).toEqual({ held: false, dueAt: now });
  });

  it('sends at any hour on any day when there are no quiet hours', () => {
    const now = cst('2024-10-03T23:00:00');
    expect(planDelivery(reminder, now, { ...hours, quietHours: null }, calendar).dueAt).toBe(now);
  });

  it('handles quiet hours that do not cross midnight', () => {
    const lunch = { quietHours: { start: '12:00', end: '13:30' }, morning: '08:30' };
    expect(planDelivery(reminder, cst('2024-06-12T12:30:00'), lunch, calendar).dueAt).toBe(
      cst('2024-06-13T08:30:00'),
    );
    const now = cst('2024-06-12T21:00:00');
    expect(planDelivery(reminder, now, lunch, calendar).dueAt).toBe(now);
  });
});

describe('isUrgent', () => {
  it.each([
    [{ kind: 'escalation', recipientRole: 'leader', urgingNotice: false }, true],
    [{ kind: 'escalation', recipientRole: 'supervisor', urgingNotice: true }, true],
    [{ kind: 'escalation', recipientRole: 'unit_head', urgingNotice: false }, false],
    [{ kind: 'reminder', recipientRole: 'leader', urgingNotice: false }, false],
  ])('%j → %s', (notice, urgent) => {
    expect(isUrgent(notice)).toBe(urgent);
  });
});

describe('nextWorkingMorning', () => {
  it('is this morning when asked before 08:30 on a working day', () => {
    expect(nextWorkingMorning(cst('2024-06-12T07:00:00'), hours, calendar)).toBe(
      cst('2024-06-12T08:30:00'),
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stops at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
  });
});
