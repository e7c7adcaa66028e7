import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { UserEntity } from '../users/user.entity';

/**
 * One sign-in. Its id is the refresh-token family id and goes into every access token as `sid`; the
 * access guard refuses a token whose session was revoked (logout, refresh-token reuse, disabled user).
 * A table of its own rather than "a live refresh token exists in the family": during a rotation the
 * family briefly has none, and on SQLite another request on the same connection would see that.
 */
@Entity('auth_sessions')
@Index('idx_auth_sessions_user', ['userId'])
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_sessions_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
