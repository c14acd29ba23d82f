import { appealsApi } from '@kaohe/contract/api/appeals';
import { workApi } from '@kaohe/contract/api/work';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, downloadFile, newClientKey, uploadFile } from '../../../lib/api-client';

/** 得分反查 below a ledger line: the facts of its clause for the unit, their judgements and evidence files. */
export function useLineSources(assessmentId: string, unitId: string, ref: string | null, enabled: { facts: boolean; evidence: boolean }) {
  const on = ref !== null;
  const facts = useQuery({ queryKey: ['facts', assessmentId, unitId, ref], enabled: on && enabled.facts, queryFn: ({ signal }) => callApi(workApi.facts, { params: { id: assessmentId }, query: { unitId, clauseKey: ref!, limit: 500 }, signal }) });
  const judgements = useQuery({ queryKey: ['judgements', assessmentId, unitId, ref], enabled: on && enabled.facts, queryFn: ({ signal }) => callApi(workApi.judgements, { params: { id: assessmentId }, query: { unitId, clauseKey: ref!, limit: 500 }, signal }) });
  const evidence = useQuery({ queryKey: ['evidence', assessmentId, unitId, ref], enabled: on && enabled.evidence, queryFn: ({ signal }) => callApi(workApi.evidence, { params: { id: assessmentId }, query: { unitId, clauseKey: ref! }, signal }) });
  return { facts, judgements, evidence };
}

export const downloadEvidence = (file: { id: string; originalName: string }) => downloadFile(workApi.downloadEvidence, { params: { id: file.id } }, file.originalName);

/** 申诉 on one ledger line: evidence files first (tied to the line's clause), then the appeal citing them. */
export function useSubmitAppeal(assessmentId: string, onProgress: (stage: string | null, percent: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (p: { unitId: string; ref: string; lineIndex: number; reason: string; files: File[] }) => {
      const evidenceIds: string[] = [];
      for (const [i, file] of p.files.entries()) {
        const stage = `上传佐证材料 ${i + 1}/${p.files.length}：${file.name}`;
        const uploaded = await uploadFile(workApi.uploadEvidence, { params: { id: assessmentId }, fields: { clientKey: newClientKey('evidence'), unitId: p.unitId, clauseKey: p.ref }, file, onProgress: (percent) => onProgress(stage, percent) });
        evidenceIds.push(uploaded.id);
      }
      onProgress('提交申诉', 100);
      return callApi(appealsApi.submit, { params: { id: assessmentId }, body: { clientKey: newClientKey('appeal'), unitId: p.unitId, ref: p.ref, lineIndex: p.lineIndex, reason: p.reason, evidenceIds } });
    },
    onSettled: () => onProgress(null, 0),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['appeals', assessmentId] }),
  });
}
