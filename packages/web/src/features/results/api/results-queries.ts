import { resultsApi } from '@kaohe/contract/api';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

export function useRankings(assessmentId: string) {
  return useQuery({
    queryKey: ['results', assessmentId],
    queryFn: ({ signal }) => callApi(resultsApi.rankings, { params: { id: assessmentId }, signal }),
  });
}

export function useUnitResult(assessmentId: string, unitId: string) {
  return useQuery({
    queryKey: ['results', assessmentId, unitId],
    queryFn: ({ signal }) => callApi(resultsApi.unit, { params: { id: assessmentId, unitId }, signal }),
  });
}
