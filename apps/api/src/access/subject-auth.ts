import type { Permission } from '@bdc/contracts';
import { DomainError } from '../common/domain-error';
import { displayNameOf } from '../users/users.dto';
import { USER_ACTIVE, type Subject } from '../users/users.service';
import type { AuthContext } from './auth-context';

/** How the caller authenticated: a sign-in session, or a personal API token limited to `only` (null: all the owner holds). */
export type Credential = { sessionId: string } | { apiTokenId: number; only: readonly Permission[] | null };

/**
 * The AuthContext every strategy resolves from the guard's subject (its one query and the cached
 * grants). A disabled account is refused whatever the credential; a token's permissions are its
 * subset intersected with what the owner holds now, so a grant revoked from the owner leaves the
 * token at once.
 */
export function authContextOf({ user, grants, accessVersion }: Subject, ip: string | null, credential: Credential): AuthContext {
  if (user.status !== USER_ACTIVE) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
  const base = { id: user.id, username: user.username, displayName: displayNameOf(user), roles: grants.roles, ip, ...(accessVersion !== null ? { accessVersion } : {}) };
  if ('sessionId' in credential) return { ...base, permissions: grants.permissions, sessionId: credential.sessionId };
  const { only, apiTokenId } = credential;
  return { ...base, permissions: only === null ? grants.permissions : grants.permissions.filter((p) => only.includes(p)), apiTokenId };
}
