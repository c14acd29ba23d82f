import type { BodyOf } from '@kaohe/contract/api';
import { orgApi, resultsApi } from '@kaohe/contract/api';
import { workApi } from '@kaohe/contract/api/work';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, callApi, newClientKey, uploadFile } from '../../../lib/api-client';

export const useWorkItems = (assessmentId: string, unitId: string | null) =>
  useQuery({
    queryKey: ['work-items', assessmentId, unitId],
    enabled: unitId !== null,
    queryFn: ({ signal }) => callApi(workApi.workItems, { params: { id: assessmentId }, query: { unitId: unitId! }, signal }),
  });

export const useUnitEvidence = (assessmentId: string, unitId: string | null) =>
  useQuery({
    queryKey: ['evidence', assessmentId, unitId],
    enabled: unitId !== null,
    queryFn: ({ signal }) => callApi(workApi.evidence, { params: { id: assessmentId }, query: { unitId: unitId! }, signal }),
  });

/** The units a 考评办 may report for (it holds no unit of its own). */
export const useAssessedUnits = (enabled: boolean) =>
  useQuery({ queryKey: ['units'], enabled, queryFn: ({ signal }) => callApi(orgApi.units, { signal }).then((units) => units.filter((u) => u.isAssessed)) });

/** The unit's score so far (自评 beside 核定), when results have been computed; none yet is not an error. */
export const useMyResult = (assessmentId: string, unitId: string | null) =>
  useQuery({
    queryKey: ['results', assessmentId, unitId],
    enabled: unitId !== null,
    queryFn: ({ signal }) =>
      callApi(resultsApi.unit, { params: { id: assessmentId, unitId: unitId! }, signal }).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'not-found') return null;
        throw error;
      }),
  });

export type ReportDraft = {
  unitId: string;
  clauseKey: string;
  narrative?: string | undefined;
  facts: { id: string; type: string; [k: string]: unknown }[];
  files: File[];
  /** The report being changed (draft or returned), else a new one. */
  existing?: { id: string; version: number } | undefined;
  submit: boolean;
};

export type SaveProgress = { stage: string; percent: number };

/**
 * Saves one report: creates it (or updates the draft / returned one), uploads each evidence file
 * tied to it with progress, then submits it. Each step's error stops the chain with the server's
 * Chinese message; what was saved stays saved (a draft) and the form can be sent again.
 */
export function useSaveReport(assessmentId: string, onProgress: (p: SaveProgress | null) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (draft: ReportDraft) => {
      onProgress({ stage: '保存报送', percent: 0 });
      let report = draft.existing
        ? await callApi(workApi.updateReport, { params: { id: draft.existing.id }, body: { version: draft.existing.version, narrative: draft.narrative ?? '', facts: draft.facts } })
        : await callApi(workApi.createReport, { params: { id: assessmentId }, body: { clientKey: newClientKey('report'), unitId: draft.unitId, clauseKey: draft.clauseKey, narrative: draft.narrative, facts: draft.facts, submit: draft.submit && draft.files.length === 0 } });
      for (const [i, file] of draft.files.entries()) {
        const stage = `上传证明材料 ${i + 1}/${draft.files.length}：${file.name}`;
        onProgress({ stage, percent: 0 });
        await uploadFile(workApi.uploadEvidence, {
          params: { id: assessmentId },
          fields: { clientKey: newClientKey('evidence'), unitId: draft.unitId, clauseKey: draft.clauseKey, reportId: report.id },
          file,
          onProgress: (percent) => onProgress({ stage, percent }),
        });
      }
      if (draft.submit && report.state !== 'submitted') {
        onProgress({ stage: '提交审核', percent: 100 });
        report = await callApi(workApi.submitReport, { params: { id: report.id }, body: { version: report.version } });
      }
      return report;
    },
    onSettled: async () => {
      onProgress(null);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['work-items', assessmentId] }), queryClient.invalidateQueries({ queryKey: ['evidence', assessmentId] })]);
    },
  });
}

export type CreateReportBody = BodyOf<typeof workApi.createReport>;

/** The current facts of one clause for the unit: official data or a verified value are not asked again (减负). */
export const useClauseFacts = (assessmentId: string, unitId: string, clauseKey: string) =>
  useQuery({ queryKey: ['facts', assessmentId, unitId, clauseKey], queryFn: ({ signal }) => callApi(workApi.facts, { params: { id: assessmentId }, query: { unitId, clauseKey, limit: 500 }, signal }) });
