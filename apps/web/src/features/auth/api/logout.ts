import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { clearSession, getSession } from '../../../lib/auth-session';

export async function logout(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    await apiRequest<void>('POST', '/auth/logout', { body: { refreshToken } });
  } finally {
    // Signing out locally must work even when the server cannot be reached.
    clearSession();
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
    meta: { silentError: true },
  });
}
