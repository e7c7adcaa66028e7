import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../lib/auth-session';
import { paths } from '../lib/paths';

/** Sends signed-out users (including those whose refresh just failed) to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={paths.login.href(here === '/' ? undefined : here)} replace />;
  }
  return <>{children}</>;
}
