import { Injectable } from '@nestjs/common';
import type { ListResult, Permission, UserSummary } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { toUserListEntry, toUserSummary, type UserListEntry } from './users.dto';
import { UsersRepository, type Grants, type SubjectApiToken, type SubjectUser } from './users.repository';
import type { UserEntity } from './user.entity';
import { VersionedCache } from './versioned-cache';

export const USER_ACTIVE = 'active';

/** Users whose grants a process remembers (a few hundred is a large installation), and for how long at most. */
const GRANTS_CACHE_USERS = 10_000;
const GRANTS_CACHE_MAX_AGE_MS = 60_000;

/** What the access guard needs about its caller; `accessVersion` is the one its grants were checked against. */
export interface Subject {
  user: SubjectUser;
  grants: Grants;
  accessVersion: number | null;
}

/** Users and their effective grants. Exported for the access guard, auth and the ticket services. */
@Injectable()
export class UsersService {
  /**
   * Roles and permissions per user, read under an access_version (docs/decisions.md, "Auth"): used
   * while the database's version is still that one, which every grant change bumps in its own
   * transaction, so a revoked grant leaves at once on every process.
   */
  private readonly grantsCache = new VersionedCache<number, Grants>(GRANTS_CACHE_USERS, GRANTS_CACHE_MAX_AGE_MS);

  constructor(private readonly users: UsersRepository) {}

  /** Effective permissions: the union of the user's roles' grants and personal grants. */
  async permissionsOf(userId: number, manager?: EntityManager): Promise<Permission[]> {
    return (await this.users.grantsOf(userId, manager)).permissions;
  }

  grantsOf(userId: number, manager?: EntityManager): Promise<Grants> {
    return this.users.grantsOf(userId, manager);
  }

  /**
   * Identity, status, session liveness and the access version in one query (the access guard's
   * per-request read), with the grants cached under that version or, when they are not, read after it.
   */
  async subjectOf(userId: number, sessionId: string): Promise<(Subject & { sessionLive: boolean }) | null> {
    const live = await this.users.subjectOf(userId, sessionId);
    return live && { ...live, grants: await this.cachedGrants(live.user.id, live.accessVersion) };
  }

  /** A personal API token with its owner's identity, status and access version in one query; the owner's grants as subjectOf's. */
  async subjectOfApiToken(tokenId: number): Promise<(Subject & { token: SubjectApiToken }) | null> {
    const live = await this.users.subjectOfApiToken(tokenId);
    return live && { ...live, grants: await this.cachedGrants(live.user.id, live.accessVersion) };
  }

  /**
   * The version was read first, so grants read now are at least as new as it says (a change
   * committed in between only makes them newer, and bumps the version the next request reads).
   */
  private async cachedGrants(userId: number, accessVersion: number | null): Promise<Grants> {
    const cached = this.grantsCache.get(userId, accessVersion);
    if (cached) return cached;
    const grants = await this.users.grantsOf(userId);
    // Shared by every request of this user from now on: frozen, so no caller can change another's.
    Object.freeze(grants.roles);
    Object.freeze(grants.permissions);
    this.grantsCache.set(userId, accessVersion, grants);
    return grants;
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
