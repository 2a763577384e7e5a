import { NOTICES } from '../testing/fixtures';
import { renderBundle } from '../templates/bundle';
import { renderNotice } from '../templates/notice';
import {
  BUNDLE_MAX_WAIT_MS,
  BUNDLE_QUIET_MS,
  bundleKindOf,
  readyBundles,
  withBundle,
  type WaitingNotice,
} from './bundles';

const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
const plan = (dueAt: string) => ({ held: false, dueAt });

describe('which notices leave combined', () => {
  it.each([
    [
      { kind: 'escalation', recipientRole: 'supervisor', urgingNotice: false, catchUp: true },
      'catch_up',
    ],
    [
      { kind: 'reminder', recipientRole: 'responsible', urgingNotice: false, catchUp: true },
      'catch_up',
    ],
    [{ kind: 'escalation', recipientRole: 'principal_leader', urgingNotice: true }, 'urging'],
    [{ kind: 'escalation', recipientRole: 'leader', urgingNotice: false }, 'urgent'],
    [{ kind: 'escalation', recipientRole: 'responsible', urgingNotice: false }, null],
    [{ kind: 'reminder', recipientRole: 'responsible', urgingNotice: false }, null],
  ])('%j → %s', (notice, kind) => {
    expect(bundleKindOf(notice)).toBe(kind);
  });

  it('holds a bundled notice under its kind and China day, and leaves a digest-held one alone', () => {
    const urging = { kind: 'escalation', recipientRole: 'supervisor', urgingNotice: true };
    // 01:30 UTC on 15 April is 09:30 in China; 17:00 UTC is already the 16th there.
    expect(withBundle(urging, plan('2024-04-15T01:30:00.000Z'))).toEqual({
      held: true,
      dueAt: '2024-04-15T01:30:00.000Z',
      bundleKey: 'urging/2024-04-15',
    });
    expect(withBundle(urging, plan('2024-04-15T17:00:00.000Z')).bundleKey).toBe(
      'urging/2024-04-16',
    );
    const catchUp = { ...urging, catchUp: true };
    expect(withBundle(catchUp, { held: true, dueAt: cst('2024-04-16T08:30:00') })).toEqual({
      held: true,
      dueAt: cst('2024-04-16T08:30:00'),
      bundleKey: null,
    });
    const reminder = { kind: 'reminder', recipientRole: 'responsible', urgingNotice: false };
    expect(withBundle(reminder, plan(cst('2024-04-15T09:00:00')))).toEqual({
      held: false,
      dueAt: cst('2024-04-15T09:00:00'),
      bundleKey: null,
    });
  });
});

describe('when a bundle leaves', () => {
  const t0 = Date.parse('2024-04-15T01:00:00.000Z');
  const notice = (id: string, recipientId: string, createdMs: number, key = 'urging/2024-04-15') =>
    ({
      id,
      recipientId,
      channel: 'email',
      bundleKey: key,
      dueAt: new Date(t0).toISOString(),
      createdAt: new Date(t0 + createdMs).toISOString(),
    }) satisfies WaitingNotice;

  it('waits until nothing has joined for a while, per recipient and key', () => {
    const waiting = [
      notice('a1', 'a', 0),
      notice('a2', 'a', 10_000),
      notice('b1', 'b', 0),
      notice('a3', 'a', 0, 'catch_up/2024-04-15'),
    ];
    const early = readyBundles(waiting, t0 + BUNDLE_QUIET_MS);
    expect(early.ready.map((g) => g.map((n) => n.id))).toEqual([['b1'], ['a3']]);
    expect(early.nextAt).toBe(t0 + 10_000 + BUNDLE_QUIET_MS);
    const later = readyBundles(waiting, t0 + 10_000 + BUNDLE_QUIET_MS);
    expect(later.ready.map((g) => g.map((n) => n.id))).toContainEqual(['a1', 'a2']);
    expect(later.nextAt).toBeNull();
  });

  it('leaves after the longest wait however many keep coming', () => {
    const stream = Array.from({ length: 40 }, (_, i) => notice(`n${i}`, 'a', i * 10_000));
    const { ready } = readyBundles(stream, t0 + BUNDLE_MAX_WAIT_MS);
    expect(ready).toHaveLength(1);
  });

  it('never leaves before its notices are due (quiet hours)', () => {
    const night = { ...notice('n', 'a', 0), dueAt: new Date(t0 + 3_600_000).toISOString() };
    expect(readyBundles([night], t0 + BUNDLE_MAX_WAIT_MS)).toEqual({
      ready: [],
      nextAt: t0 + 3_600_000,
    });
  });
});

describe('a bundle message', () => {
  it('lists each notice by its own subject, with its link, under one subject that counts them', () => {
    const notices = [NOTICES.escalation, NOTICES.reminder];
    const zh = renderBundle({ recipientName: '张伟', bundle: 'urging', notices }, 'zh-CN');
    expect(zh.subject).toBe('【催办单】2项逾期事项');
    expect(zh.text).toContain('张伟同志：');
    expect(zh.text).toContain(NOTICES.escalation.item.link);
    for (const notice of notices) expect(zh.text).toContain(renderNotice(notice, 'zh-CN').subject);
    const later = { ...NOTICES.reminder, item: { ...NOTICES.reminder.item, itemNo: 3 } };
    const sorted = renderBundle(
      { recipientName: 'x', bundle: 'urging', notices: [NOTICES.escalation, later] },
      'zh-CN',
    );
    expect(sorted.text.indexOf('第3项')).toBeLessThan(sorted.text.indexOf('第12项'));
    const en = renderBundle({ recipientName: 'Zhang Wei', bundle: 'catch_up', notices }, 'en');
    expect(en.subject).toBe('[Catch-up] 2 reminder and overdue notices');
  });
});
