import type { ChangePasswordRequest } from '@bdc/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The caller's own password; the API ends their other sessions (this one stays signed in). */
export const changePassword = (body: ChangePasswordRequest) => api.post<void>('/auth/password', body);

export function useChangePassword() {
  return useMutation({
    mutationFn: changePassword,
    // The form shows the API's answer next to the field it names.
    meta: { silentError: true },
  });
}
