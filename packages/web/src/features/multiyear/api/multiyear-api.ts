import type { BodyOf } from '@kaohe/contract/api';
import { assessmentApi, resultsApi } from '@kaohe/contract/api';
import { multiyearApi } from '@kaohe/contract/api/multiyear';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

export function useCopyToNextYear(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: BodyOf<typeof multiyearApi.copy>) => callApi(multiyearApi.copy, { params: { id: assessmentId }, body }), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessments'] }) });
}
export const useCompareYears = (assessmentId: string, other: string | undefined, unitId: string | undefined) =>
  useQuery({ queryKey: ['compare-years', assessmentId, other, unitId], enabled: !!other && !!unitId, retry: false, queryFn: ({ signal }) => callApi(multiyearApi.compare, { params: { id: assessmentId }, query: { with: other!, unitId: unitId! }, signal }) });
export const useAssessmentList = () => useQuery({ queryKey: ['assessments'], queryFn: ({ signal }) => callApi(assessmentApi.list, { signal }) });
export const useUnitsWithResults = (assessmentId: string) => useQuery({ queryKey: ['results', assessmentId], queryFn: ({ signal }) => callApi(resultsApi.rankings, { params: { id: assessmentId }, signal }) });
