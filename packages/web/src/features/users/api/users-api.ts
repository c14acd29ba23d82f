import { usersApi, type BodyOf } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

const usersKey = ['users'] as const;

export const useUsers = () => useQuery({ queryKey: usersKey, queryFn: ({ signal }) => callApi(usersApi.list, { signal }) });
export const useUserRoles = (id: string | null) =>
  useQuery({ queryKey: ['users', id, 'roles'], enabled: id !== null, queryFn: ({ signal }) => callApi(usersApi.roles, { params: { id: id! }, signal }) });
export const useLockouts = (enabled: boolean) => useQuery({ queryKey: ['lockouts'], enabled, queryFn: ({ signal }) => callApi(usersApi.lockouts, { signal }) });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: usersKey }), queryClient.invalidateQueries({ queryKey: ['lockouts'] })]);
}

export function useCreateUser() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: BodyOf<typeof usersApi.create>) => callApi(usersApi.create, { body }), onSuccess: invalidate });
}
export function useUpdateUser() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, ...body }: { id: string } & BodyOf<typeof usersApi.update>) => callApi(usersApi.update, { params: { id }, body }), onSuccess: invalidate });
}
export function useGrantRole() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, ...body }: { id: string } & BodyOf<typeof usersApi.grantRole>) => callApi(usersApi.grantRole, { params: { id }, body }), onSuccess: invalidate });
}
export function useRevokeRole() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (p: { id: string; roleId: string }) => callApi(usersApi.revokeRole, { params: p }), onSuccess: invalidate });
}
export function useResetTotp() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => callApi(usersApi.resetTotp, { params: { id } }), onSuccess: invalidate });
}
export function useClearLockout() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (login: string) => callApi(usersApi.clearLockout, { body: { login } }), onSuccess: invalidate });
}
