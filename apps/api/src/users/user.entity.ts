import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/** BDC IMS `users`. Passwords are bcrypt hashes (PHP `$2y$` accepted). */
@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'firstname', type: 'varchar', length: 255, nullable: true })
  firstName: string | null;

  @Column({ name: 'lastname', type: 'varchar', length: 255, nullable: true })
  lastName: string | null;

  @Column({ type: 'varchar', length: 30 })
  username: string;

  @Column({ name: 'password', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 100 })
  email: string;

  /** `active` or `disabled`. */
  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: string;

  @CreatedAt()
  createdAt: Date;
}
