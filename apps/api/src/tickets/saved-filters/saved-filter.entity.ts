import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../../database/columns';
import { UserEntity } from '../../users/user.entity';

/** A user's named ticket-list filter: the list page's query string, replayed as it was saved. */
@Entity('saved_ticket_filters')
@Index('uq_saved_ticket_filters_user_name', ['userId', 'name'], { unique: true })
export class SavedFilterEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_saved_ticket_filters_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  query: string;

  @CreatedAt()
  createdAt: Date;
}
