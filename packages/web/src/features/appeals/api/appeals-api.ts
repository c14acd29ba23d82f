import type { BodyOf } from '@kaohe/contract/api';
import { appealsApi } from '@kaohe/contract/api/appeals';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

export const useAppeals = (assessmentId: string) => useQuery({ queryKey: ['appeals', assessmentId], queryFn: ({ signal }) => callApi(appealsApi.list, { params: { id: assessmentId }, signal }) });

function useRefresh(assessmentId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['appeals', assessmentId] }), queryClient.invalidateQueries({ queryKey: ['publications', assessmentId] })]);
}

export function useLeadOpinion(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { appealId: string; body: BodyOf<typeof appealsApi.leadOpinion> }) => callApi(appealsApi.leadOpinion, { params: { id: p.appealId }, body: p.body }), onSuccess: refresh });
}

export function useDecide(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { appealId: string; body: BodyOf<typeof appealsApi.decide> }) => callApi(appealsApi.decide, { params: { id: p.appealId }, body: p.body }), onSuccess: refresh });
}
