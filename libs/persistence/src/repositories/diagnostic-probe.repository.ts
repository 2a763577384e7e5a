import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { DiagnosticProbeRecord } from '@duban/contracts';
import { DiagnosticProbeEntity } from '../entities/diagnostic-probe.entity';

export interface NewDiagnosticProbe {
  readonly requestId: string;
  readonly note: string;
  readonly workflowId: string;
}

export class DiagnosticProbeRepository {
  private readonly repo: Repository<DiagnosticProbeEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(DiagnosticProbeEntity);
  }

  /**
   * Idempotent by request id: a retried activity finds the row its first attempt wrote instead
   * of writing a second one.
   */
  async record(probe: NewDiagnosticProbe, now: Date): Promise<DiagnosticProbeRecord> {
    const existing = await this.repo.findOneBy({ requestId: probe.requestId });
    if (existing) return toRecord(existing);
    const entity = this.repo.create({ id: randomUUID(), ...probe, recordedAt: now });
    await this.repo.insert(entity);
    return toRecord(entity);
  }

  async findByRequestId(requestId: string): Promise<DiagnosticProbeRecord | null> {
    const entity = await this.repo.findOneBy({ requestId });
    return entity ? toRecord(entity) : null;
  }
}

function toRecord(entity: DiagnosticProbeEntity): DiagnosticProbeRecord {
  return {
    id: entity.id,
    requestId: entity.requestId,
    note: entity.note,
    workflowId: entity.workflowId,
    recordedAt: entity.recordedAt.toISOString(),
  };
}
