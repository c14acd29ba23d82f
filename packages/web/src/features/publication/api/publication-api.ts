import { assessmentParams, idParams, reasonText } from '@kaohe/contract/api/common';
import { defineOperation, type BodyOf } from '@kaohe/contract/api';
import { openPublicityBody, publicationView, publicityView, publishBody } from '@kaohe/contract/api/publication';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { callApi } from '../../../lib/api-client';

/**
 * The 公示/发布 routes of the publication module (packages/server/src/routes/publication.route.ts),
 * described with that module's own contract schemas. The module registers its routes by hand, so
 * path and permission are repeated here; they belong in the contract once it uses defineOperation.
 */
const tag = 'publication';
export const publicationOps = {
  listPublicity: defineOperation({ method: 'GET', path: '/api/assessments/:id/publicity', tag, summary: '公示列表', description: '', permission: 'result:read', params: assessmentParams, response: z.array(publicityView), errors: ['not-found'] }),
  openPublicity: defineOperation({ method: 'POST', path: '/api/assessments/:id/publicity', tag, summary: '开始公示', description: '', permission: 'result:publish', params: assessmentParams, body: openPublicityBody, response: publicityView, errors: ['not-found', 'conflict'] }),
  withdraw: defineOperation({ method: 'POST', path: '/api/publicity/:id/withdraw', tag, summary: '撤回公示', description: '', permission: 'result:publish', params: idParams, body: z.strictObject({ reason: reasonText('撤回原因') }), response: publicityView, errors: ['not-found', 'conflict'] }),
  publish: defineOperation({ method: 'POST', path: '/api/assessments/:id/publications', tag, summary: '发布结果', description: '', permission: 'result:publish', params: assessmentParams, body: publishBody, response: publicationView, errors: ['not-found', 'conflict'] }),
  listPublications: defineOperation({ method: 'GET', path: '/api/assessments/:id/publications', tag, summary: '发布版本', description: '', permission: 'result:read', params: assessmentParams, response: z.array(publicationView), errors: ['not-found'] }),
} as const;

export const usePublicity = (id: string) => useQuery({ queryKey: ['publicity', id], queryFn: ({ signal }) => callApi(publicationOps.listPublicity, { params: { id }, signal }) });
export const usePublications = (id: string) => useQuery({ queryKey: ['publications', id], queryFn: ({ signal }) => callApi(publicationOps.listPublications, { params: { id }, signal }) });

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['publicity', id] }), queryClient.invalidateQueries({ queryKey: ['publications', id] })]);
}
export function useOpenPublicity(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: BodyOf<typeof publicationOps.openPublicity>) => callApi(publicationOps.openPublicity, { params: { id }, body }), onSuccess: refresh });
}
export function useWithdrawPublicity(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (p: { periodId: string; reason: string }) => callApi(publicationOps.withdraw, { params: { id: p.periodId }, body: { reason: p.reason } }), onSuccess: refresh });
}
export function usePublish(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: BodyOf<typeof publicationOps.publish>) => callApi(publicationOps.publish, { params: { id }, body }), onSuccess: refresh });
}
