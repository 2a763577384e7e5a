import { AuditHeadEntity } from './entities/audit-head.entity';
import { AuditRecordEntity } from './entities/audit-record.entity';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { DiagnosticProbeEntity } from './entities/diagnostic-probe.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { NotificationOutboxEntity } from './entities/notification-outbox.entity';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { PersonChargeUnitEntity } from './entities/person-charge-unit.entity';
import { PersonEntity } from './entities/person.entity';
import { PlanItemCoUnitEntity } from './entities/plan-item-co-unit.entity';
import { PlanItemEntity } from './entities/plan-item.entity';
import { PlanSectionEntity } from './entities/plan-section.entity';
import { PlanTargetEntity } from './entities/plan-target.entity';
import { PlanEntity } from './entities/plan.entity';
import { WorkItemEventEntity } from './entities/work-item-event.entity';
import { WorkItemStateEntity } from './entities/work-item-state.entity';
import { CreateDiagnosticProbe1764300000000 } from './migrations/1764300000000-CreateDiagnosticProbe';
import { CreatePlans1795882508618 } from './migrations/1795882508618-CreatePlans';
import { CreateOrganisationAccessAudit1795900000000 } from './migrations/1795900000000-CreateOrganisationAccessAudit';
import { CreateSupervision1795910000000 } from './migrations/1795910000000-CreateSupervision';
import { CreateNotificationDelivery1795920000000 } from './migrations/1795920000000-CreateNotificationDelivery';
import { AddNotificationBundles1795935000000 } from './migrations/1795935000000-AddNotificationBundles';
import { ConvertToUtf8mb41796106167309 } from './migrations/1796106167309-ConvertToUtf8mb4';
import { AddItemResponsible1796106200000 } from './migrations/1796106200000-AddItemResponsible';

/** Listed explicitly (no globs) so the same list works from sources, bundles and tests. */
export const ENTITIES = [
  DiagnosticProbeEntity,
  PlanEntity,
  PlanSectionEntity,
  PlanItemEntity,
  PlanTargetEntity,
  OrgUnitEntity,
  PersonEntity,
  PersonChargeUnitEntity,
  PlanItemCoUnitEntity,
  AuthSessionEntity,
  AuditRecordEntity,
  AuditHeadEntity,
  NotificationOutboxEntity,
  WorkItemStateEntity,
  WorkItemEventEntity,
  EvidenceEntity,
];

export const MIGRATIONS = [
  CreateDiagnosticProbe1764300000000,
  CreatePlans1795882508618,
  CreateOrganisationAccessAudit1795900000000,
  CreateSupervision1795910000000,
  CreateNotificationDelivery1795920000000,
  AddNotificationBundles1795935000000,
  ConvertToUtf8mb41796106167309,
  AddItemResponsible1796106200000,
];
