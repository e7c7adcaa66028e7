import type { UserSummary } from '@bdc/contracts';

/** Two people may share a display name; the user name keeps picker options unambiguous. */
export function userLabel(user: UserSummary): string {
  return user.displayName && user.displayName !== user.username ? `${user.displayName} (${user.username})` : user.username;
}
