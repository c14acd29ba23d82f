import { burdenApi } from '@kaohe/contract/api/burden';
import { useQuery } from '@tanstack/react-query';
import { callApi, downloadUrl } from '../../../lib/api-client';

export const useBurden = (assessmentId: string) => useQuery({ queryKey: ['burden', assessmentId], queryFn: ({ signal }) => callApi(burdenApi.meter, { params: { id: assessmentId }, signal }) });
export const burdenXlsxUrl = (assessmentId: string) => downloadUrl(burdenApi.exportXlsx, { params: { id: assessmentId } });
