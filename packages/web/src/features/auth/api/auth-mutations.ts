import { authApi, type BodyOf } from '@kaohe/contract/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import { sessionKey, useAuth } from '../../../lib/auth';

export function useLogin() {
  const { signedIn } = useAuth();
  return useMutation({
    mutationFn: (body: BodyOf<typeof authApi.login>) => callApi(authApi.login, { body }),
    onSuccess: signedIn,
  });
}

/** After a stage change the session (stage, token) is read again from the server. */
function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: sessionKey });
}

export function useChangePassword() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (body: BodyOf<typeof authApi.changePassword>) => callApi(authApi.changePassword, { body }),
    onSuccess: refresh,
  });
}

export function useTotpEnrol() {
  return useMutation({ mutationFn: () => callApi(authApi.totpEnrol) });
}

export function useTotpConfirm() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (body: BodyOf<typeof authApi.totpConfirm>) => callApi(authApi.totpConfirm, { body }),
    onSuccess: refresh,
  });
}
