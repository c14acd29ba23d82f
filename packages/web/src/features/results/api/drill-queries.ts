import { defineOperation } from '@kaohe/contract/api';
import { appealsApi } from '@kaohe/contract/api/appeals';
import { assessmentParams } from '@kaohe/contract/api/common';
import { publicationView, publishedLedger, publishedLedgerParams } from '@kaohe/contract/api/publication';
import { workApi } from '@kaohe/contract/api/work';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
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

/**
 * The published versions (GET /api/assessments/:id/publications, the publication module's route,
 * registered by hand with its contract schema; described here as in features/publication/api).
 * An appeal names a line of the latest published ledger (by its number there), so the score card
 * offers 申诉 on a line only when the published ledger has that same line (ref, text and amount).
 */
const listPublications = defineOperation({ method: 'GET', path: '/api/assessments/:id/publications', tag: 'publication', summary: '发布版本', description: '', permission: 'result:read', params: assessmentParams, response: z.array(publicationView), errors: ['not-found'] });
export const usePublications = (assessmentId: string, enabled: boolean) => useQuery({ queryKey: ['publications', assessmentId], enabled, queryFn: ({ signal }) => callApi(listPublications, { params: { id: assessmentId }, signal }) });
const publishedUnitLedger = defineOperation({ method: 'GET', path: '/api/publications/:id/units/:unitId', tag: 'publication', summary: '发布的台账', description: '', permission: 'result:read', params: publishedLedgerParams, response: publishedLedger, errors: ['not-found'] });
export const usePublishedLedger = (publicationId: string | undefined, unitId: string) =>
  useQuery({ queryKey: ['published-ledger', publicationId, unitId], enabled: publicationId !== undefined, queryFn: ({ signal }) => callApi(publishedUnitLedger, { params: { id: publicationId!, unitId }, signal }) });

/** 更正 a fact (考核牵头部门 or 考评办, e.g. before an appeal is upheld): a new verified version with a reason; the results follow on recompute. */
export function useCorrectFact(assessmentId: string, unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: { factId: string; value: Record<string, unknown> & { id: string; type: string }; reason: string; version: number }) => callApi(workApi.correctFact, { params: { id: p.factId }, body: { value: p.value, reason: p.reason, version: p.version } }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['facts', assessmentId, unitId] }), queryClient.invalidateQueries({ queryKey: ['results', assessmentId] })]),
  });
}
