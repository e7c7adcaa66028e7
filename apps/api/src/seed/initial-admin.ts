import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { RoleEntity } from '../users/role.entity';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';

export interface InitialAdmin {
  username: string;
  password: string;
  email?: string;
}

/**
 * A production install starts with SEED_DEMO=never and an empty users table: without a first
 * administrator nobody could sign in to create the others. Only ever acts on an empty users table,
 * so a restart with the variable still set changes nothing.
 */
export async function ensureInitialAdmin(dataSource: DataSource, admin: InitialAdmin): Promise<boolean> {
  if (admin.password.length < 8) throw new Error('INITIAL_ADMIN_PASSWORD must be at least 8 characters');
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(UserEntity)) > 0) return false;
    const role = await manager.findOneBy(RoleEntity, { name: 'admin' });
    if (!role) throw new Error('The admin role is missing: reference data must be seeded first');
    const user = await manager.save(
      manager.create(UserEntity, {
        username: admin.username,
        email: admin.email ?? `${admin.username}@localhost`,
        firstName: null,
        lastName: null,
        passwordHash: await hashPassword(admin.password),
        status: 'active',
      }),
    );
    await manager.save(manager.create(UserRoleEntity, { userId: user.id, roleId: role.id, assignedBy: null }));
    return true;
  });
}
