import type { BodyOf, QueryOf } from '@kaohe/contract/api';
import { assessmentApi, calendarApi, resultsApi } from '@kaohe/contract/api';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** The year's calendar of one assessment: settings, windows, due items and the completion dashboard. */
export const useCalendarSettings = (assessmentId: string) =>
  useQuery({ queryKey: ['calendar', assessmentId, 'settings'], queryFn: ({ signal }) => callApi(calendarApi.settings, { params: { id: assessmentId }, signal }) });
export const useWindows = (assessmentId: string) =>
  useQuery({ queryKey: ['calendar', assessmentId, 'windows'], queryFn: ({ signal }) => callApi(calendarApi.windows, { params: { id: assessmentId }, signal }) });
export const useDueItems = (assessmentId: string, query: QueryOf<typeof calendarApi.dueItems>) =>
  useQuery({ queryKey: ['calendar', assessmentId, 'due', query], queryFn: ({ signal }) => callApi(calendarApi.dueItems, { params: { id: assessmentId }, query, signal }) });
export const useCompletion = (assessmentId: string, asOf: string | undefined) =>
  useQuery({ queryKey: ['calendar', assessmentId, 'completion', asOf], queryFn: ({ signal }) => callApi(calendarApi.completion, { params: { id: assessmentId }, query: asOf ? { asOf } : {}, signal }) });

/** The clauses of the newest scheme version (code, indicator, text), to pick a window's clause or indicator. */
export function useClauses(assessmentId: string) {
  const versions = useQuery({ queryKey: ['schemes', assessmentId], queryFn: ({ signal }) => callApi(assessmentApi.schemes, { params: { id: assessmentId }, signal }) });
  const schemeId = versions.data?.[versions.data.length - 1]?.id;
  const matrix = useQuery({ queryKey: ['responsibility', schemeId], enabled: !!schemeId, queryFn: ({ signal }) => callApi(schemeEditorApi.responsibility, { params: { id: schemeId! }, signal }) });
  return { rows: matrix.data?.rows ?? [], isLoading: versions.isLoading || matrix.isLoading, error: versions.error ?? matrix.error, hasScheme: !!schemeId };
}

/** Units with results (id, name, category), for the unit filters. */
export const useRankedUnits = (assessmentId: string) =>
  useQuery({ queryKey: ['results', assessmentId], queryFn: ({ signal }) => callApi(resultsApi.rankings, { params: { id: assessmentId }, signal }) });

function useRefresh(assessmentId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['calendar', assessmentId] });
}

export function useUpdateSettings(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (body: BodyOf<typeof calendarApi.updateSettings>) => callApi(calendarApi.updateSettings, { params: { id: assessmentId }, body }), onSuccess: refresh });
}
export function useAddWindow(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (body: BodyOf<typeof calendarApi.addWindow>) => callApi(calendarApi.addWindow, { params: { id: assessmentId }, body }), onSuccess: refresh });
}
export function useRemoveWindow(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (windowId: string) => callApi(calendarApi.removeWindow, { params: { id: windowId } }), onSuccess: refresh });
}
export function useGenerate(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (body: BodyOf<typeof calendarApi.generate>) => callApi(calendarApi.generate, { params: { id: assessmentId }, body }), onSuccess: refresh });
}
