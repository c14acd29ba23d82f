import { z } from 'zod';
import { nonEmpty, uuidParam } from './route-helpers';

export const createOrganisationBody = z.strictObject({ code: nonEmpty(50), name: nonEmpty() });
export const createCategoryBody = z.strictObject({ name: nonEmpty() });
export const createGroupBody = z.strictObject({ name: nonEmpty() });
export const createUnitBody = z.strictObject({
  organisationId: uuidParam('organisationId'),
  code: nonEmpty(50),
  name: nonEmpty(),
  categoryId: uuidParam('categoryId').nullable().optional(),
  groupId: uuidParam('groupId').nullable().optional(),
  isAssessed: z.boolean().optional(),
});
export const updateUnitBody = z.strictObject({
  name: nonEmpty().optional(),
  categoryId: uuidParam('categoryId').nullable().optional(),
  groupId: uuidParam('groupId').nullable().optional(),
  isAssessed: z.boolean().optional(),
});
export const createDivisionBody = z.strictObject({ name: nonEmpty() });
export const createLeaderBody = z.strictObject({
  organisationId: uuidParam('organisationId'),
  name: nonEmpty(),
  title: z.string().trim().max(100).nullable().optional(),
});
export const leaderUnitBody = z.strictObject({ unitId: uuidParam('unitId') });
export const unitListQuery = z.strictObject({ organisationId: uuidParam('organisationId').optional() });
