import type { BodyOf } from '@kaohe/contract/api';
import { publicationApi } from '@kaohe/contract/api/publication';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** The 公示/发布 routes (packages/server/src/routes/publication.route.ts), as the contract's operations. */
export const publicationOps = publicationApi;

export const usePublicity = (id: string) => useQuery({ queryKey: ['publicity', id], queryFn: ({ signal }) => callApi(publicationApi.listPublicity, { params: { id }, signal }) });
export const usePublications = (id: string) => useQuery({ queryKey: ['publications', id], queryFn: ({ signal }) => callApi(publicationApi.listPublications, { params: { id }, signal }) });
export const usePublicationResults = (publicationId: string) => useQuery({ queryKey: ['publication-results', publicationId], queryFn: ({ signal }) => callApi(publicationApi.results, { params: { id: publicationId }, signal }) });
export const useObjections = (periodId: string | undefined) =>
  useQuery({ queryKey: ['objections', periodId], enabled: !!periodId, queryFn: ({ signal }) => callApi(publicationApi.objections, { params: { id: periodId! }, signal }) });

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['publicity', id] }), queryClient.invalidateQueries({ queryKey: ['publications', id] }), queryClient.invalidateQueries({ queryKey: ['objections'] })]);
}
export function useOpenPublicity(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: BodyOf<typeof publicationApi.openPublicity>) => callApi(publicationApi.openPublicity, { params: { id }, body }), onSuccess: refresh });
}
export function useWithdrawPublicity(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (p: { periodId: string; reason: string }) => callApi(publicationApi.withdraw, { params: { id: p.periodId }, body: { reason: p.reason } }), onSuccess: refresh });
}
export function usePublish(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: BodyOf<typeof publicationApi.publish>) => callApi(publicationApi.publish, { params: { id }, body }), onSuccess: refresh });
}
export function useAnswerObjection(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (p: { objectionId: string; answer: string; version: number }) => callApi(publicationApi.objectionAnswer, { params: { id: p.objectionId }, body: { answer: p.answer, version: p.version } }), onSuccess: refresh });
}

export function useSubmitObjection(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (p: { periodId: string; unitId: string; ref?: string; text: string }) => callApi(publicationApi.objectionSubmit, { params: { id: p.periodId }, body: { unitId: p.unitId, text: p.text, ...(p.ref ? { ref: p.ref } : {}) } }), onSuccess: refresh });
}
