import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { AuditActorRef } from '@duban/domain';
import { EvidenceEntity } from '../entities/evidence.entity';
import { transaction } from '../transaction';
import type { AuditRepository } from './audit.repository';

export interface EvidenceView {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
  readonly planId: string;
  readonly itemId: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/** A file received into the store's staging area, hashed and measured on the way in. */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for telling what the file is. */
  readonly head: Buffer;
}

const HEAD_BYTES = 512;

function view(row: EvidenceEntity): EvidenceView {
  return { ...row, size: Number(row.size), uploadedAt: row.uploadedAt.toISOString() };
}

/**
 * Evidence files, content-addressed: the bytes are stored once under `<dir>/<aa>/<sha256>` (the
 * user never chooses a path), the metadata in the database, each upload in the audit trail.
 */
export class EvidenceRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly dir: string,
  ) {}

  /** Streams a file into staging while hashing it; nothing is kept if `stream` fails. */
  async stage(stream: Readable): Promise<StagedFile> {
    const staging = path.join(this.dir, 'staging');
    await fs.promises.mkdir(staging, { recursive: true });
    const target = path.join(staging, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headLength = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, tap, fs.createWriteStream(target, { mode: 0o600 }));
    } catch (error) {
      await fs.promises.rm(target, { force: true });
      throw error;
    }
    return { path: target, sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
  }

  async discard(file: StagedFile): Promise<void> {
    await fs.promises.rm(file.path, { force: true });
  }

  /** Moves a staged file to its content address (once per content) and records the upload. */
  async keep(
    file: StagedFile,
    meta: { mediaType: string; fileName: string; planId: string; itemId: string },
    by: AuditActorRef,
  ): Promise<EvidenceView> {
    const blob = this.blobPath(file.sha256);
    await fs.promises.mkdir(path.dirname(blob), { recursive: true });
    if (fs.existsSync(blob)) await this.discard(file);
    else await fs.promises.rename(file.path, blob);
    return transaction(this.dataSource, async (manager) => {
      const row: EvidenceEntity = {
        id: randomUUID(),
        sha256: file.sha256,
        size: String(file.size),
        ...meta,
        uploadedBy: by.userId,
        uploadedAt: new Date(),
      };
      await manager.insert(EvidenceEntity, row);
      const after = view(row);
      await this.audit.append(
        {
          action: 'evidence.upload',
          outcome: 'ok',
          actor: by,
          targetType: 'item',
          targetId: meta.itemId,
          after,
        },
        manager,
      );
      return after;
    });
  }

  async find(id: string): Promise<EvidenceView | null> {
    const row = await this.dataSource.getRepository(EvidenceEntity).findOneBy({ id });
    return row ? view(row) : null;
  }

  open(evidence: EvidenceView): fs.ReadStream {
    return fs.createReadStream(this.blobPath(evidence.sha256));
  }

  private blobPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }
}
