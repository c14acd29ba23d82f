import { assessmentApi } from '@kaohe/contract/api';
import { schemeUploadApi } from '@kaohe/contract/api/scheme-upload';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, uploadFile } from '../../../lib/api-client';

export const useSchemeUploads = (assessmentId: string) => useQuery({ queryKey: ['scheme-upload', 'list', assessmentId], queryFn: ({ signal }) => callApi(schemeUploadApi.list, { params: { id: assessmentId }, signal }) });

/** One upload, polled each second while its import job is queued or running (the page can be left and opened again). */
export const useSchemeUpload = (uploadId: string | null) =>
  useQuery({
    queryKey: ['scheme-upload', uploadId],
    enabled: !!uploadId,
    queryFn: ({ signal }) => callApi(schemeUploadApi.get, { params: { id: uploadId! }, signal }),
    refetchInterval: (query) => (query.state.data && ['queued', 'running'].includes(query.state.data.job.status) ? 1000 : false),
  });

export function useUploadScheme(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: { file: File; onProgress: (percent: number) => void }) =>
      // a fresh idempotency key per file chosen: a retried request replays the first upload
      uploadFile(schemeUploadApi.upload, { params: { id: assessmentId }, fields: { clientKey: `web-${globalThis.crypto.randomUUID()}` }, file: p.file, onProgress: p.onProgress }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scheme-upload', 'list', assessmentId] }),
  });
}

export function usePublishScheme(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (schemeId: string) => callApi(assessmentApi.publishScheme, { params: { id: schemeId } }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['schemes', assessmentId] }), queryClient.invalidateQueries({ queryKey: ['scheme-tree'] })]),
  });
}
