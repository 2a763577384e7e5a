import { DiagnosticProbeEntity } from './entities/diagnostic-probe.entity';
import { PlanItemEntity } from './entities/plan-item.entity';
import { PlanSectionEntity } from './entities/plan-section.entity';
import { PlanTargetEntity } from './entities/plan-target.entity';
import { PlanEntity } from './entities/plan.entity';
import { CreateDiagnosticProbe1764300000000 } from './migrations/1764300000000-CreateDiagnosticProbe';
import { CreatePlans1795882508618 } from './migrations/1795882508618-CreatePlans';

/** Listed explicitly (no globs) so the same list works from sources, bundles and tests. */
export const ENTITIES = [
  DiagnosticProbeEntity,
  PlanEntity,
  PlanSectionEntity,
  PlanItemEntity,
  PlanTargetEntity,
];

export const MIGRATIONS = [CreateDiagnosticProbe1764300000000, CreatePlans1795882508618];
