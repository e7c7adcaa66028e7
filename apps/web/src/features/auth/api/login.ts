import type { LoginRequest, LoginResponse } from '@bdc/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { setSessionFromLogin } from '../../../lib/auth-session';

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('POST', '/auth/login', { body, anonymous: true });
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (response) => setSessionFromLogin(response),
    // The form shows the reason inline next to the fields.
    meta: { silentError: true },
  });
}
