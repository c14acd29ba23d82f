import { unitsFromSchemeApi } from '@kaohe/contract/api/units-from-scheme';
import { useMutation } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';


/** 从方案建立单位: a dry run shows the match report; the real call writes it (nothing while a unit is ambiguous). */
export const useUnitsFromScheme = () =>
  useMutation({ mutationFn: (p: { schemeId: string; dryRun: boolean; resolutions: Record<string, string> }) => callApi(unitsFromSchemeApi.apply, { params: { id: p.schemeId }, body: { dryRun: p.dryRun, resolutions: p.resolutions } }) });
export { useSchemeVersions } from '../../../components/scheme/scheme-queries';
