import type { Actor, Permission } from '@bdc/contracts';

/**
 * Who is calling, resolved once per request by the auth guard and passed explicitly as the first
 * parameter of every service method (never read from request-scoped providers).
 */
export interface AuthContext extends Actor {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Permission[];
  /** Client address, recorded in history rows. */
  ip: string | null;
  /**
   * Set when the caller authenticated with a personal API token (its id); absent for a signed-in
   * session. `permissions` are then already limited to the token's subset.
   */
  apiTokenId?: number;
  /** The sign-in session of a signed-in caller (the access token's `sid`); absent for an API token. */
  sessionId?: string;
  /**
   * The access_version the guard checked this caller's grants against (absent when the version row
   * is missing, or for a context made outside the guard). Anything cached under it is as fresh as
   * this request's authentication (NotificationsService's approvers).
   */
  accessVersion?: number;
}
