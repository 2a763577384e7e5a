import type { SupervisionActivities } from '@duban/contracts';
import { createNoticeQueue } from './delivery/notice-queue';
import type { NotificationDeps } from './delivery/notification-deps';
import { pokeDispatcher } from './notification.activities';

/** The two things a work-item workflow does to the outside world: notices and its read model. */
export function createSupervisionActivities(deps: NotificationDeps): SupervisionActivities {
  const queueNotice = createNoticeQueue(deps);
  return {
    async emitNotification(notice) {
      // Resolved when the notice fires, so it reaches whoever holds the role on that day.
      const { due } = await queueNotice(notice);
      if (due) await pokeDispatcher();
    },
    async projectWorkItem(projection) {
      await deps.supervision.project(projection, deps.now());
    },
  };
}
