import type { AuthUser, LoginResponse, Permission } from '@bdc/contracts';
import { useSyncExternalStore } from 'react';

/**
 * The signed-in session, kept in localStorage so a reload keeps the user signed in, and exposed as an
 * external store so that the API client (outside React) and components see the same value.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: AuthUser;
}

const STORAGE_KEY = 'bdc.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null | undefined;

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.user === 'object' && v.user !== null;
}

function read(): Session | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (current === undefined) current = read();
  return current;
}

function write(next: Session | null): void {
  current = next;
  try {
    if (next) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode or a full quota: the session still lives in memory for this tab.
  }
  listeners.forEach((l) => l());
}

export function setSessionFromLogin(response: LoginResponse): void {
  write({ accessToken: response.accessToken, refreshToken: response.refreshToken, user: response.user });
}

export function updateSessionUser(user: AuthUser): void {
  const s = getSession();
  if (s) write({ ...s, user });
}

export function clearSession(): void {
  write(null);
}

// Signing out (or in) in another tab changes localStorage there; follow it here.
function onStorage(event: StorageEvent): void {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  current = read();
  listeners.forEach((l) => l());
}

export function subscribeSession(listener: Listener): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** Forget the cached value (tests reset localStorage between cases). */
export function resetSessionCache(): void {
  current = undefined;
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}

/** Whether the signed-in user holds `permission` (a courtesy for hiding controls: the API decides). */
export function useCan(permission: Permission): boolean {
  return useSession()?.user.permissions.includes(permission) ?? false;
}

export function displayName(user: Pick<AuthUser, 'displayName' | 'username'>): string {
  return user.displayName || user.username;
}
