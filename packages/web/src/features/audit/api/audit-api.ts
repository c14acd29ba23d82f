import { auditApi, type AuditQuery } from '@kaohe/contract/api';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

const pageSize = 100;

/** 审计日志 in pages of 100, newest first; the next page starts below the last sequence seen. */
export function useAuditSearch(filter: AuditQuery) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => callApi(auditApi.search, { query: { ...filter, limit: pageSize, ...(pageParam ? { beforeSeq: pageParam } : {}) }, signal }),
    getNextPageParam: (last) => (last.length < pageSize ? undefined : last[last.length - 1]!.seq),
  });
}

/** 导出: the server records the export first, then sends NDJSON, saved here as a file. */
export function useAuditExport() {
  return useMutation({
    mutationFn: async (filter: AuditQuery) => {
      const text = await callApi(auditApi.export, { query: { ...filter, limit: 1000 } });
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `审计日志-${new Date().toISOString().slice(0, 10)}.ndjson`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      return text.split('\n').filter(Boolean).length;
    },
  });
}

export function useAuditVerify() {
  return useMutation({ mutationFn: () => callApi(auditApi.verify) });
}
