import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** The last time a user opened "My work" (POST /api/my-work/seen). */
@Entity('my_work_visits')
export class MyWorkVisitEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_my_work_visits_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'seen_at', type: 'datetime' })
  seenAt: Date;
}
