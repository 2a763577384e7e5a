import type { SupervisionActivities } from '@duban/contracts';
import { resolveRecipients } from '@duban/domain';
import type { OrgRepository, SupervisionRepository } from '@duban/persistence';

export interface SupervisionActivityDeps {
  readonly supervision: SupervisionRepository;
  readonly org: OrgRepository;
  readonly now: () => Date;
}

/** The two things a work-item workflow does to the outside world: notices and its read model. */
export function createSupervisionActivities({
  supervision,
  org,
  now,
}: SupervisionActivityDeps): SupervisionActivities {
  return {
    async emitNotification(notice) {
      // Resolved when the notice fires, so it reaches whoever holds the role on that day.
      const [units, people] = await Promise.all([org.listUnits(), org.listPeople()]);
      const recipients = resolveRecipients(notice.recipients, notice.responsibility, {
        units,
        people,
      });
      await supervision.enqueue(notice, recipients, now());
    },
    async projectWorkItem(projection) {
      await supervision.project(projection, now());
    },
  };
}
