import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An uploaded evidence file (佐证材料): the bytes live once, under their SHA-256, in the data
 * directory; this row says who gave which file for which item, under which name.
 */
@Entity({ name: 'evidence' })
@Index('IDX_evidence_item', ['itemId'])
export class EvidenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType!: string;

  /** The name it was uploaded under: shown and offered on download, never used as a path. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3 })
  uploadedAt!: Date;
}
