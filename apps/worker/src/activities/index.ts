import type { ModuleRef } from '@nestjs/core';
import {
  DiagnosticProbeRepository,
  OrgRepository,
  SupervisionRepository,
} from '@duban/persistence';
import { createDiagnosticActivities, createSupervisionActivities } from '@duban/worker-kit';

/** Every activity the worker hosts, built from services of the Nest application context. */
export function createActivities(app: ModuleRef) {
  return {
    ...createDiagnosticActivities({
      probes: app.get(DiagnosticProbeRepository, { strict: false }),
      now: () => new Date(),
    }),
    ...createSupervisionActivities({
      supervision: app.get(SupervisionRepository, { strict: false }),
      org: app.get(OrgRepository, { strict: false }),
      now: () => new Date(),
    }),
  };
}
