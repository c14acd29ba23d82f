import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { useQuery } from '@tanstack/react-query';
import { callApi, downloadUrl } from '../../../lib/api-client';

export const useResponsibility = (schemeId: string | undefined) =>
  useQuery({ queryKey: ['responsibility', schemeId], enabled: !!schemeId, queryFn: ({ signal }) => callApi(schemeEditorApi.responsibility, { params: { id: schemeId! }, signal }) });
export const exportUrl = (schemeId: string, as: 'docx' | 'xlsx') => downloadUrl(schemeEditorApi.export, { params: { id: schemeId }, query: { as, layout: 'responsibility' } });
