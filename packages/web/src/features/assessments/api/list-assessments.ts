import { assessmentApi } from '@kaohe/contract/api';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

export const assessmentsKey = ['assessments'] as const;

export function useAssessments() {
  return useQuery({ queryKey: assessmentsKey, queryFn: ({ signal }) => callApi(assessmentApi.list, { signal }) });
}
