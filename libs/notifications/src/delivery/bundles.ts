import { CHINA_UTC_OFFSET_MINUTES, dayAt } from '@duban/domain';
import type { BundleKind } from '../message.types';
import { isUrgent, type DeliveryFacts, type DeliveryPlan } from './delivery-timing';

/** A bundle leaves once nothing has joined it for this long… */
export const BUNDLE_QUIET_MS = 20_000;
/** …or once its first notice has waited this long, however many keep coming. */
export const BUNDLE_MAX_WAIT_MS = 5 * 60_000;

export type BundleFacts = Pick<DeliveryFacts, 'kind' | 'recipientRole' | 'urgingNotice'> & {
  readonly catchUp?: boolean;
};

/** The bundle a notice joins (null: it goes alone). */
export function bundleKindOf(notice: BundleFacts): BundleKind | null {
  if (notice.catchUp) return 'catch_up';
  if (notice.urgingNotice) return 'urging';
  return isUrgent(notice) ? 'urgent' : null;
}

export interface BundledPlan extends DeliveryPlan {
  /** `urging/2024-04-15`: the notices of one recipient with the same key leave as one message. */
  readonly bundleKey: string | null;
}

/**
 * A notice that joins a bundle is held under its key (per kind and China day) instead of
 * leaving alone; one held for a digest stays held for the digest.
 */
export function withBundle(notice: BundleFacts, plan: DeliveryPlan): BundledPlan {
  const kind = plan.held ? null : bundleKindOf(notice);
  if (kind === null) return { ...plan, bundleKey: null };
  return {
    held: true,
    dueAt: plan.dueAt,
    bundleKey: `${kind}/${dayAt(plan.dueAt, CHINA_UTC_OFFSET_MINUTES)}`,
  };
}

export interface WaitingNotice {
  readonly id: string;
  readonly recipientId: string;
  readonly channel: string;
  readonly bundleKey: string | null;
  readonly dueAt: string;
  readonly createdAt: string;
}

/** When a bundle may leave: not before its notices are due, and once the stream has paused. */
function readyAt(group: readonly WaitingNotice[]): number {
  const created = group.map((n) => Date.parse(n.createdAt));
  const settled = Math.min(
    Math.max(...created) + BUNDLE_QUIET_MS,
    Math.min(...created) + BUNDLE_MAX_WAIT_MS,
  );
  return Math.max(settled, ...group.map((n) => Date.parse(n.dueAt)));
}

/**
 * Groups the waiting notices by recipient, channel and bundle key; returns the groups ready to
 * leave now, and when the next one will be.
 */
export function readyBundles<T extends WaitingNotice>(
  waiting: readonly T[],
  now: number,
): { ready: T[][]; nextAt: number | null } {
  const groups = new Map<string, T[]>();
  for (const notice of waiting) {
    const key = `${notice.recipientId}|${notice.channel}|${notice.bundleKey}`;
    groups.set(key, [...(groups.get(key) ?? []), notice]);
  }
  const ready: T[][] = [];
  let nextAt: number | null = null;
  for (const group of groups.values()) {
    const at = readyAt(group);
    if (at <= now) ready.push(group);
    else nextAt = nextAt === null ? at : Math.min(nextAt, at);
  }
  return { ready, nextAt };
}
