import { assessmentApi } from '@kaohe/contract/api';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { schemeUploadApi } from '@kaohe/contract/api/scheme-upload';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api-client';
import type { RuleChange } from './RuleEditor';

/** Queries of the scheme tree and clause review, shared by the import wizard and the scheme editor. */
export const useSchemeVersions = (assessmentId: string) => useQuery({ queryKey: ['schemes', assessmentId], queryFn: ({ signal }) => callApi(assessmentApi.schemes, { params: { id: assessmentId }, signal }) });
/** The version a screen shows: the one chosen, else the newest. */
export const latestSchemeId = (versions: readonly { id: string }[] | undefined, chosen: string | null) => chosen ?? versions?.[versions.length - 1]?.id;

export const useSchemeTree = (schemeId: string | undefined) =>
  useQuery({ queryKey: ['scheme-tree', schemeId], enabled: !!schemeId, queryFn: ({ signal }) => callApi(schemeEditorApi.tree, { params: { id: schemeId! }, signal }) });

export const tryClause = (schemeId: string, clauseCode: string, body: { unitCode?: string; facts: Record<string, unknown>[] }) => callApi(schemeEditorApi.tryClause, { params: { id: schemeId, clauseCode }, body });

export function useSchemeRefresh(schemeId: string | undefined) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['scheme-tree', schemeId] }), queryClient.invalidateQueries({ queryKey: ['schemes'] }), queryClient.invalidateQueries({ queryKey: ['needs-review', schemeId] }), queryClient.invalidateQueries({ queryKey: ['scheme-upload'] })]);
}

export function useReviewClause(schemeId: string | undefined) {
  const refresh = useSchemeRefresh(schemeId);
  return useMutation({ mutationFn: (p: { clauseCode: string; change: RuleChange }) => callApi(schemeUploadApi.review, { params: { id: schemeId!, clauseCode: p.clauseCode }, body: p.change }), onSuccess: refresh });
}

