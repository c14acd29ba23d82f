import { assessmentApi, orgApi } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

export const useTargets = (assessmentId: string) => useQuery({ queryKey: ['targets', assessmentId], queryFn: ({ signal }) => callApi(assessmentApi.targets, { params: { id: assessmentId }, query: { limit: 5000 }, signal }) });
export const useUnits = () => useQuery({ queryKey: ['units'], queryFn: ({ signal }) => callApi(orgApi.units, { signal }) });

export function useSetTarget(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (row: { unitId: string; clauseKey: string; target: string; value: string | null }) => callApi(assessmentApi.setTargets, { params: { id: assessmentId }, body: { targets: [row] } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['targets', assessmentId] }),
  });
}
