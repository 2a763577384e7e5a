import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { PersonEntity } from './person.entity';

/**
 * A login: its refresh token (stored as a SHA-256, never in clear) rotates on every refresh, and
 * access tokens name the session, so revoking it (logout) ends them at once.
 */
@Entity({ name: 'auth_session' })
@Unique('UQ_auth_session_token', ['tokenHash'])
@Index('IDX_auth_session_previous_token', ['previousTokenHash'])
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @ManyToOne(() => PersonEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_auth_session_person' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The token this one replaced: presenting it again means it was stolen. */
  @Column({ name: 'previous_token_hash', type: 'varchar', length: 64, nullable: true })
  previousTokenHash!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
