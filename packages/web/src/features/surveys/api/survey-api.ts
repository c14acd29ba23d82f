import { assessmentApi } from '@kaohe/contract/api';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { surveyApi } from '@kaohe/contract/api/survey';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, uploadFile } from '../../../lib/api-client';

/** 满意度测评 of one clause: the stored summary and the .xlsx import (all rows or none). */
export const useSurveySummary = (assessmentId: string, clauseKey: string | undefined) =>
  useQuery({ queryKey: ['survey', assessmentId, clauseKey], enabled: !!clauseKey, retry: false, queryFn: ({ signal }) => callApi(surveyApi.summary, { params: { id: assessmentId, clauseKey: clauseKey! }, signal }) });

export function useUploadSurvey(assessmentId: string, onProgress: (percent: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: { clauseKey: string; file: File }) => uploadFile(surveyApi.upload, { params: { id: assessmentId, clauseKey: p.clauseKey }, fields: {}, file: p.file, onProgress }),
    onSuccess: (data, p) => queryClient.setQueryData(['survey', assessmentId, p.clauseKey], data),
  });
}

/** The clauses of the newest scheme version, to choose the satisfaction clause. */
export function useSchemeClauses(assessmentId: string) {
  const versions = useQuery({ queryKey: ['schemes', assessmentId], queryFn: ({ signal }) => callApi(assessmentApi.schemes, { params: { id: assessmentId }, signal }) });
  const published = [...(versions.data ?? [])].reverse().find((v) => v.status === 'published') ?? versions.data?.[versions.data.length - 1];
  const matrix = useQuery({ queryKey: ['responsibility', published?.id], enabled: !!published, queryFn: ({ signal }) => callApi(schemeEditorApi.responsibility, { params: { id: published!.id }, signal }) });
  return { rows: matrix.data?.rows ?? [], error: versions.error ?? matrix.error, isLoading: versions.isLoading || matrix.isLoading };
}
