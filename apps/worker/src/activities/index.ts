import type { ModuleRef } from '@nestjs/core';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { DubanConfig } from '@duban/config';
import { DiagnosticProbeRepository } from '@duban/persistence';
import {
  createDiagnosticActivities,
  createNotificationActivities,
  createNotificationDeps,
  createSupervisionActivities,
} from '@duban/worker-kit';
import { MAIL_TRANSPORT } from '../mail-transport.provider';

/** Every activity the worker hosts, built from services of the Nest application context. */
export function createActivities(app: ModuleRef) {
  const notify = createNotificationDeps(
    app.get(DataSource, { strict: false }),
    app.get(DubanConfig, { strict: false }).env,
    app.get<Transporter>(MAIL_TRANSPORT, { strict: false }),
  );
  return {
    ...createDiagnosticActivities({
      probes: app.get(DiagnosticProbeRepository, { strict: false }),
      now: () => new Date(),
    }),
    ...createSupervisionActivities(notify),
    ...createNotificationActivities(notify),
  };
}
