import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import type { NoticeData } from '@duban/notifications';
import {
  migrateDatabase,
  openDataSource,
  type OutboxMessage,
  type PersonView,
  importSampleOrganisation,
  type SampleOrganisation,
} from '@duban/persistence';
import { createMailTransport } from '../mail-transport';
import { createNotificationDeps, type NotificationDeps } from '../notification-deps';

/** The test database (from the integration setup), migrated, with the sample bureau in it. */
export async function openDeliveryDatabase(): Promise<
  SampleOrganisation & { dataSource: DataSource }
> {
  const dataSource = await openDataSource(parseEnv(process.env).database);
  await migrateDatabase(dataSource, () => undefined);
  return { dataSource, ...(await importSampleOrganisation(dataSource)) };
}

/** Delivery to an SMTP server on a loopback port: no quiet hours, one-second retries. */
export function deliveryDeps(
  dataSource: DataSource,
  smtpPort: number,
  settings: Partial<NotificationDeps['settings']> = {},
): NotificationDeps {
  const env = parseEnv({
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    QUIET_HOURS: 'none',
    NOTIFY_RETRY_SECONDS: '1',
    MAIL_FROM: '督办系统 <duban@mz.example.gov.cn>',
    PUBLIC_URL: 'https://duban.example.gov.cn',
  });
  const deps = createNotificationDeps(dataSource, env, createMailTransport(env));
  return { ...deps, settings: { ...deps.settings, ...settings } };
}

let counter = 0;

export function escalationNotice(recipientName: string): NoticeData {
  return {
    kind: 'escalation',
    recipientName,
    item: {
      planTitle: '2024年区民政局工作要点',
      itemNo: 12,
      itemTitle: '完成适老化改造500户',
      unitName: '养老服务科',
      link: 'https://duban.example.gov.cn/plans/p/items/i',
    },
    milestone: { title: '第三季度进展', dueAt: '2024-09-30T15:59:59.999Z' },
    escalation: { level: 2, daysOverdue: 4, urgingNotice: false },
    alsoTold: ['李娜', '王强'],
    comment: null,
    extension: null,
    at: '2024-10-08T01:00:00.000Z',
  };
}

/** An e-mail row for a person, due now, with a key no other test uses. */
export function emailRow(
  person: PersonView,
  overrides: Partial<OutboxMessage> = {},
): OutboxMessage {
  counter += 1;
  return {
    key: `item/test/12/q3/escalation1@v1/${person.id}/${process.pid}-${counter}`,
    kind: 'escalation',
    channel: 'email',
    recipientId: person.id,
    recipientRole: 'leader',
    workflowId: 'item/test/12',
    planId: 'test-plan',
    itemId: 'test-item',
    milestoneKey: 'q3',
    step: 'escalation1@v1',
    urgingNotice: false,
    payload: escalationNotice(person.name),
    held: false,
    dueAt: new Date().toISOString(),
    ...overrides,
  };
}
