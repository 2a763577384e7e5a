import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { DubanEnv } from '@duban/config';
import type { WorkingCalendar } from '@duban/domain';
import type { DeliveryHours, NoticeItem } from '@duban/notifications';
import {
  AuditRepository,
  NotificationRepository,
  OrgRepository,
  PlanRepository,
  SupervisionRepository,
  type ItemView,
} from '@duban/persistence';
import { postChatMessage } from './chat-webhook';
import { notifySettings, statutoryCalendar } from './mail-transport';

export interface NotifySettings extends DeliveryHours {
  readonly from: string;
  readonly publicUrl: string;
  readonly concurrency: number;
  readonly claimLeaseMs: number;
  readonly retryBaseMs: number;
}

/** Everything queuing and delivering notices needs, built once per worker. */
export interface NotificationDeps {
  readonly notifications: NotificationRepository;
  readonly supervision: SupervisionRepository;
  readonly org: OrgRepository;
  readonly plans: PlanRepository;
  readonly mail: Transporter;
  readonly postChat: typeof postChatMessage;
  readonly settings: NotifySettings;
  readonly calendar: WorkingCalendar;
  readonly now: () => Date;
}

/** The item as every message names it; a confirmed plan's title never changes, so it is cached. */
export function noticeItemReader(deps: Pick<NotificationDeps, 'plans' | 'settings'>) {
  const titles = new Map<string, string>();
  return async (view: ItemView, unitNames: ReadonlyMap<string, string>): Promise<NoticeItem> => {
    let planTitle = titles.get(view.planId);
    if (planTitle === undefined) {
      planTitle = (await deps.plans.title(view.planId)) ?? '';
      titles.set(view.planId, planTitle);
    }
    return {
      planTitle,
      itemNo: view.itemNo,
      itemTitle: view.title,
      unitName: view.leadUnitId === null ? null : (unitNames.get(view.leadUnitId) ?? null),
      link: `${deps.settings.publicUrl}/plans/${view.planId}/items/${view.itemId}`,
    };
  };
}

/** The dependencies over one database connection, as the worker, benches and tests build them. */
export function createNotificationDeps(
  dataSource: DataSource,
  env: Pick<DubanEnv, 'notify'>,
  mail: Transporter,
): NotificationDeps {
  const audit = new AuditRepository(dataSource);
  return {
    notifications: new NotificationRepository(dataSource, audit),
    supervision: new SupervisionRepository(dataSource),
    org: new OrgRepository(dataSource, audit),
    plans: new PlanRepository(dataSource, audit),
    mail,
    postChat: postChatMessage,
    settings: notifySettings(env),
    calendar: statutoryCalendar(),
    now: () => new Date(),
  };
}
