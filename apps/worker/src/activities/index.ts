import type { ModuleRef } from '@nestjs/core';
import { DiagnosticProbeRepository } from '@duban/persistence';
import { createDiagnosticActivities } from './diagnostic.activities';

/** Every activity the worker hosts, built from services of the Nest application context. */
export function createActivities(app: ModuleRef) {
  return {
    ...createDiagnosticActivities({
      probes: app.get(DiagnosticProbeRepository, { strict: false }),
      now: () => new Date(),
    }),
  };
}
