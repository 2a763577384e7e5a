import {
  readyBundles,
  type BundleHeading,
  type BundleKind,
  type NoticeData,
} from '@duban/notifications';
import type { OutboxMessage, OutboxRow } from '@duban/persistence';
import type { NotificationDeps } from './notification-deps';

/**
 * Lets the bundles that are ready leave: a bundle of several notices becomes one message that
 * lists them (the notices fold into it), a bundle of one leaves as the notice it is. Returns when
 * the next bundle will be ready.
 */
export function createNoticeBundler(deps: Pick<NotificationDeps, 'notifications'>) {
  return async (now: Date): Promise<{ bundled: number; nextAt: Date | null }> => {
    const { ready, nextAt } = readyBundles(await deps.notifications.bundling(), now.getTime());
    for (const group of ready) {
      const [first] = group;
      if (!first) continue;
      if (group.length === 1) await deps.notifications.releaseHeld([first.id], now);
      else
        await deps.notifications.queueDigest(
          bundleMessage(first, group, now),
          group.map((row) => row.id),
          now,
        );
    }
    return { bundled: ready.length, nextAt: nextAt === null ? null : new Date(nextAt) };
  };
}

function bundleMessage(first: OutboxRow, group: readonly OutboxRow[], now: Date): OutboxMessage {
  const bundleKey = first.bundleKey ?? '';
  // The notices stay in their own rows (a plan's catch-up may list hundreds): only the heading here.
  const payload: BundleHeading = {
    recipientName: (first.payload as NoticeData | null)?.recipientName ?? '',
    bundle: bundleKey.split('/')[0] as BundleKind,
  };
  return {
    // The oldest notice names the bundle: composing the same bundle again queues nothing.
    key: `bundle/${first.recipientId}/${first.channel}/${bundleKey}/${first.id}`,
    kind: 'bundle',
    channel: first.channel,
    recipientId: first.recipientId,
    recipientRole: first.recipientRole,
    workflowId: 'bundle',
    planId: first.planId,
    itemId: '',
    milestoneKey: null,
    step: bundleKey,
    urgingNotice: group.some((row) => row.urgingNotice),
    payload,
    held: false,
    dueAt: now.toISOString(),
  };
}
