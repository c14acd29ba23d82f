import type { BodyOf } from '@kaohe/contract/api';
import { notificationsApi } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** The signed-in person's notifications (polled each minute for the bell), marking read, and the delivery channels. */
export const useNotifications = (unreadOnly = false, poll = true) =>
  // the bell polls; a refusal (signed out, e.g. a page shown again from the history) is not retried
  useQuery({ queryKey: ['notifications', unreadOnly], refetchInterval: poll ? 60_000 : false, retry: false, refetchOnWindowFocus: false, queryFn: ({ signal }) => callApi(notificationsApi.mine, { query: unreadOnly ? { unread: 'true' } : {}, signal }) });
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => callApi(notificationsApi.markRead, { params: { id } }), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }) });
}
export const useChannels = (enabled: boolean) => useQuery({ queryKey: ['notification-channels'], enabled, queryFn: ({ signal }) => callApi(notificationsApi.channels, { signal }) });
export function useSetSmtp() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: BodyOf<typeof notificationsApi.setSmtp>) => callApi(notificationsApi.setSmtp, { body }), onSuccess: (data) => queryClient.setQueryData(['notification-channels'], data) });
}
