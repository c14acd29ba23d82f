import type { BodyOf } from '@kaohe/contract/api';
import { calendarApi } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** The calendar's late/missing deduction proposals: computed by the system (考评办), confirmed or waived by the lead assessor with a reason. */
export const useLateProposals = (assessmentId: string) =>
  useQuery({ queryKey: ['late-proposals', assessmentId], queryFn: ({ signal }) => callApi(calendarApi.proposals, { params: { id: assessmentId }, signal }) });

function useRefresh(assessmentId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['late-proposals', assessmentId] }), queryClient.invalidateQueries({ queryKey: ['results', assessmentId] }), queryClient.invalidateQueries({ queryKey: ['calendar', assessmentId] })]);
}
export function usePropose(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (body: BodyOf<typeof calendarApi.propose>) => callApi(calendarApi.propose, { params: { id: assessmentId }, body }), onSuccess: refresh });
}
export function useDecideProposal(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { proposalId: string; body: BodyOf<typeof calendarApi.decide> }) => callApi(calendarApi.decide, { params: { id: p.proposalId }, body: p.body }), onSuccess: refresh });
}
