import { Injectable } from '@nestjs/common';
import type { ListResult, Permission, UserSummary } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { toUserListEntry, toUserSummary, type UserListEntry } from './users.dto';
import { UsersRepository, type Grants, type SubjectApiToken, type SubjectUser } from './users.repository';
import type { UserEntity } from './user.entity';

export const USER_ACTIVE = 'active';

/** Users and their effective grants. Exported for the access guard, auth and the ticket services. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  /** Effective permissions: the union of the user's roles' grants and personal grants. */
  async permissionsOf(userId: number, manager?: EntityManager): Promise<Permission[]> {
    return (await this.users.grantsOf(userId, manager)).permissions;
  }

  grantsOf(userId: number, manager?: EntityManager): Promise<Grants> {
    return this.users.grantsOf(userId, manager);
  }

  /** Identity, status, grants and session liveness in one query (the access guard's per-request read). */
  subjectOf(userId: number, sessionId: string): Promise<{ user: SubjectUser; grants: Grants; sessionLive: boolean } | null> {
    return this.users.subjectOf(userId, sessionId);
  }

  /** A personal API token with its owner's identity, status and grants, in one query (the guard's read). */
  subjectOfApiToken(tokenId: number): Promise<{ user: SubjectUser; grants: Grants; token: SubjectApiToken } | null> {
    return this.users.subjectOfApiToken(tokenId);
  }

  findById(id: number, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users.findById(id, manager);
  }

  /** The user, if it exists and is not disabled. */
  async findActiveById(id: number, manager?: EntityManager): Promise<UserEntity | null> {
    const user = await this.users.findById(id, manager);
    return user && user.status === USER_ACTIVE ? user : null;
  }

  /** The role's name when it exists (role queues name roles; BDC IMS clients send role ids). */
  async roleName(ref: { name: string } | { id: number }, manager?: EntityManager): Promise<string | null> {
    return (await this.users.findRole(ref, manager))?.name ?? null;
  }

  setPasswordHash(userId: number, passwordHash: string, manager?: EntityManager): Promise<void> {
    return this.users.updatePasswordHash(userId, passwordHash, manager);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findByUsername(username);
  }

  /** Display data for many users at once (missing ids are simply absent from the map). */
  async summaries(ids: number[]): Promise<Map<number, UserSummary>> {
    const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
    const users = await this.users.findByIds(unique);
    return new Map(users.map((u) => [u.id, toUserSummary(u)]));
  }

  /** Who a ticket can be assigned to: active users holding ticket.deploy. */
  async assignees(_auth: AuthContext): Promise<ListResult<UserSummary>> {
    const users = await this.users.activeUsersWithPermission('ticket.deploy');
    return { items: users.map(toUserSummary), total: users.length };
  }

  async list(_auth: AuthContext): Promise<ListResult<UserListEntry>> {
    const users = await this.users.listAll();
    const ids = users.map((u) => u.id);
    const [roles, logins] = [await this.users.rolesOfUsers(ids), await this.users.lastLogins(ids)];
    return { items: users.map((u) => toUserListEntry(u, roles.get(u.id) ?? [], logins.get(u.id) ?? null)), total: users.length };
  }
}
