import { DiagnosticProbeEntity } from './entities/diagnostic-probe.entity';
import { CreateDiagnosticProbe1764300000000 } from './migrations/1764300000000-CreateDiagnosticProbe';

/** Listed explicitly (no globs) so the same list works from sources, bundles and tests. */
export const ENTITIES = [DiagnosticProbeEntity];

export const MIGRATIONS = [CreateDiagnosticProbe1764300000000];
