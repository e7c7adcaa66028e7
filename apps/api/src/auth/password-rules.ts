import { PASSWORD_RULES } from '@bdc/contracts';
import { isCommonPassword } from './common-passwords';

/**
 * Why a new password is refused, or null: at least PASSWORD_RULES.minLength characters (code points),
 * not a common password, not the username. The one rule for an own change, an admin reset and a new user.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_RULES.minLength) return `must be at least ${PASSWORD_RULES.minLength} characters`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'must not be the username';
  if (isCommonPassword(password)) return 'is too common; choose one that is harder to guess';
  return null;
}
