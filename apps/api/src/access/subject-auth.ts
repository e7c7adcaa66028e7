import type { Permission } from '@bdc/contracts';
import { DomainError } from '../common/domain-error';
import { displayNameOf } from '../users/users.dto';
import type { Grants, SubjectUser } from '../users/users.repository';
import { USER_ACTIVE } from '../users/users.service';
import type { AuthContext } from './auth-context';

/** How the caller authenticated: a sign-in session, or a personal API token limited to `only` (null: all the owner holds). */
export type Credential = { sessionId: string } | { apiTokenId: number; only: readonly Permission[] | null };

/**
 * The AuthContext every strategy resolves from the guard's one subject query. A disabled account is
 * refused whatever the credential; a token's permissions are its subset intersected with what the
 * owner holds now, so a grant revoked from the owner leaves the token at once.
 */
export function authContextOf(user: SubjectUser, grants: Grants, ip: string | null, credential: Credential): AuthContext {
  if (user.status !== USER_ACTIVE) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
  const base = { id: user.id, username: user.username, displayName: displayNameOf(user), roles: grants.roles, ip };
  if ('sessionId' in credential) return { ...base, permissions: grants.permissions, sessionId: credential.sessionId };
  const { only, apiTokenId } = credential;
  return { ...base, permissions: only === null ? grants.permissions : grants.permissions.filter((p) => only.includes(p)), apiTokenId };
}
