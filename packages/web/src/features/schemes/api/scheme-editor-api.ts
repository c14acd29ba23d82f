import { assessmentApi } from '@kaohe/contract/api';
import { useMutation } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import { useSchemeRefresh } from '../../../components/scheme/scheme-queries';

type Json = Record<string, unknown>;
/** Sets indicator points by code in the stored scheme document (the file format the server validates). */
export function withPoints(document: Json, edits: Readonly<Record<string, string>>): Json {
  const next = structuredClone(document);
  const walk = (nodes: unknown) => {
    for (const node of (Array.isArray(nodes) ? nodes : []) as Json[]) {
      const code = String(node.code);
      if (edits[code] !== undefined) node.points = edits[code];
      walk(node.children);
    }
  };
  walk(next.indicators);
  return next;
}

/** 保存分值: the draft's document with the edited points, through the contract's PUT (validated in full on the server). */
export function useSavePoints(schemeId: string | undefined) {
  const refresh = useSchemeRefresh(schemeId);
  return useMutation({
    mutationFn: async (edits: Record<string, string>) => {
      const scheme = await callApi(assessmentApi.scheme, { params: { id: schemeId! } });
      return callApi(assessmentApi.updateScheme, { params: { id: schemeId! }, body: { document: withPoints(scheme.document as Json, edits) } });
    },
    onSuccess: refresh,
  });
}

export { tryClause, useReviewClause, useSchemeTree, useSchemeVersions } from '../../../components/scheme/scheme-queries';
