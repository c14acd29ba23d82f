import type { BodyOf } from '@kaohe/contract/api';
import { orgApi, resultsApi } from '@kaohe/contract/api';
import { exportsApi } from '@kaohe/contract/api/exports';
import { workApi } from '@kaohe/contract/api/work';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, downloadFile, newClientKey, uploadFile } from '../../../lib/api-client';

export const useQueue = (assessmentId: string) =>
  useQuery({ queryKey: ['verification-queue', assessmentId], queryFn: ({ signal }) => callApi(workApi.verificationQueue, { params: { id: assessmentId }, query: { limit: 500 }, signal }) });

export const useUnits = (enabled: boolean) =>
  useQuery({ queryKey: ['units'], enabled, queryFn: ({ signal }) => callApi(orgApi.units, { signal }).then((units) => units.filter((u) => u.isAssessed)) });

function useRefresh(assessmentId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['verification-queue', assessmentId] }),
      queryClient.invalidateQueries({ queryKey: ['work-items', assessmentId] }),
      queryClient.invalidateQueries({ queryKey: ['results', assessmentId] }),
      queryClient.invalidateQueries({ queryKey: ['judgements', assessmentId] }),
    ]);
}

export function useVerify(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { reportId: string; body: BodyOf<typeof workApi.verifyReport> }) => callApi(workApi.verifyReport, { params: { id: p.reportId }, body: p.body }), onSuccess: refresh });
}

export function useReturn(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { reportId: string; version: number; reason: string }) => callApi(workApi.returnReport, { params: { id: p.reportId }, body: { version: p.version, reason: p.reason } }), onSuccess: refresh });
}

export function useJudge(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({
    mutationFn: (body: Omit<BodyOf<typeof workApi.createJudgement>, 'clientKey'>) => callApi(workApi.createJudgement, { params: { id: assessmentId }, body: { ...body, clientKey: newClientKey('judgement') } }),
    onSuccess: refresh,
  });
}

/** Every judgement the account may read (the server cuts to its scope), current and withdrawn, newest first. */
export const useJudgements = (assessmentId: string) =>
  useQuery({ queryKey: ['judgements', assessmentId], queryFn: ({ signal }) => callApi(workApi.judgements, { params: { id: assessmentId }, query: { limit: 5000 }, signal }) });

/**
 * 更正 / 撤回 a judgement with the version read: a newer version on the server is a 409 whose
 * message names who changed it and when. Either way the list is read again, so the next try
 * starts from what is on the server.
 */
export function useCorrectJudgement(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { id: string; body: BodyOf<typeof workApi.correctJudgement> }) => callApi(workApi.correctJudgement, { params: { id: p.id }, body: p.body }), onSettled: refresh });
}

export function useWithdrawJudgement(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: (p: { id: string; version: number; reason: string }) => callApi(workApi.withdrawJudgement, { params: { id: p.id }, body: { version: p.version, reason: p.reason } }), onSettled: refresh });
}

export function useRecompute(assessmentId: string) {
  const refresh = useRefresh(assessmentId);
  return useMutation({ mutationFn: () => callApi(resultsApi.recompute, { params: { id: assessmentId } }), onSuccess: refresh });
}

export const downloadTemplate = (assessmentId: string, unit: { id: string; name: string }) => downloadFile(exportsApi.factsTemplate, { params: { id: assessmentId }, query: { unitId: unit.id } }, `${unit.name}事实填报表.xlsx`);

export function useUploadSheet(assessmentId: string, onProgress: (percent: number | null) => void) {
  const refresh = useRefresh(assessmentId);
  return useMutation({
    mutationFn: (p: { unitId: string; file: File }) => uploadFile(exportsApi.factsUpload, { params: { id: assessmentId }, fields: { clientKey: newClientKey('sheet'), unitId: p.unitId }, file: p.file, onProgress }),
    onSettled: () => onProgress(null),
    onSuccess: refresh,
  });
}

export const downloadEvidence = (file: { id: string; originalName: string }) => downloadFile(workApi.downloadEvidence, { params: { id: file.id } }, file.originalName);
