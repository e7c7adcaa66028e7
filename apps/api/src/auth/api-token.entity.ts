import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Permission } from '@bdc/contracts';
import { CreatedAt } from '../database/columns';
import { UserEntity } from '../users/user.entity';

/**
 * Personal API tokens (`bdcpat_<id>_<secret>`). Only the SHA-256 hash of the 256-bit secret is kept,
 * so the table cannot be replayed; the token is found by its id, which is part of what the client sends.
 * Read by the access guard in its one query (UsersRepository.subjectOfApiToken), never cached.
 */
@Entity('api_tokens')
@Index('idx_api_tokens_user', ['userId'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_tokens_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Hex SHA-256 of the secret part. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  /** What the owner sees to recognise it: `bdcpat_<id>_` and the secret's first four characters. */
  @Column({ name: 'token_prefix', type: 'varchar', length: 40 })
  tokenPrefix: string;

  /** The subset of the owner's permissions the token is limited to; null: all of them. */
  @Column({ type: 'simple-json', nullable: true })
  permissions: Permission[] | null;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'datetime', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 45, nullable: true })
  lastUsedIp: string | null;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;

  /** Who revoked it (the owner or an administrator); null while live. */
  @Column({ name: 'revoked_by', type: 'integer', nullable: true })
  revokedBy: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'revoked_by', foreignKeyConstraintName: 'fk_api_tokens_revoked_by' })
  revoker?: Relation<UserEntity>;

  @CreatedAt()
  createdAt: Date;
}
