import type { ScenarioBody } from '@kaohe/contract/api';
import { resultsApi, whatifApi } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** What-if on a copy of the published scheme and its facts: run, save, saved list, saved result, compare two. Nothing real changes. */
export const useRunScenario = (assessmentId: string) => useMutation({ mutationFn: (body: ScenarioBody) => callApi(whatifApi.run, { params: { id: assessmentId }, body }) });
export function useSaveScenario(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: ScenarioBody) => callApi(whatifApi.save, { params: { id: assessmentId }, body }), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['whatif', assessmentId] }) });
}
export const useScenarios = (assessmentId: string) => useQuery({ queryKey: ['whatif', assessmentId, 'list'], queryFn: ({ signal }) => callApi(whatifApi.list, { params: { id: assessmentId }, signal }) });
export const useScenarioResult = (assessmentId: string, scenarioId: string | undefined) =>
  useQuery({ queryKey: ['whatif', assessmentId, 'result', scenarioId], enabled: !!scenarioId, queryFn: ({ signal }) => callApi(whatifApi.result, { params: { id: assessmentId, scenarioId: scenarioId! }, signal }) });
export const useCompare = (assessmentId: string, pair: [string, string] | null) =>
  useQuery({ queryKey: ['whatif', assessmentId, 'compare', pair], enabled: !!pair, queryFn: ({ signal }) => callApi(whatifApi.compare, { params: { id: assessmentId }, query: { a: pair![0], b: pair![1] }, signal }) });
/** The units and grades of the current results, to pick from when building an operation. */
export const useCurrentResults = (assessmentId: string) => useQuery({ queryKey: ['results', assessmentId], queryFn: ({ signal }) => callApi(resultsApi.rankings, { params: { id: assessmentId }, signal }) });
