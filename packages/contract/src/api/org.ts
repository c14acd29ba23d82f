import { z } from 'zod';
import { idParams, nonEmpty, timestamp, uuidParam } from './fields';
import { defineOperation } from './operation';

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

export const organisationView = z.object({ id: z.string(), code: z.string(), name: z.string(), createdAt: timestamp });
export const groupView = z.object({ id: z.string(), categoryId: z.string(), name: z.string() });
export const categoryView = z.object({ id: z.string(), organisationId: z.string(), name: z.string() });
export const categoryWithGroupsView = categoryView.extend({ groups: z.array(groupView) });
export const unitView = z.object({
  id: z.string(),
  organisationId: z.string(),
  code: z.string(),
  name: z.string(),
  categoryId: z.string().nullable(),
  groupId: z.string().nullable(),
  isAssessed: z.boolean().describe('false：只作为考核牵头部门，不参加考核'),
  createdAt: timestamp,
});
export type UnitView = z.infer<typeof unitView>;
export const divisionView = z.object({ id: z.string(), unitId: z.string(), name: z.string() });
export const leaderView = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  unitIds: z.array(z.string()).describe('分管的单位'),
});

const tag = 'organisation';

export const orgApi = {
  organisations: defineOperation({
    method: 'GET',
    path: '/api/organisations',
    tag,
    summary: '组织列表',
    description: '开展考核的组织（如某县考评办所在的县），按代码排序。',
    permission: 'org:read',
    response: z.array(organisationView),
    errors: [],
  }),
  createOrganisation: defineOperation({
    method: 'POST',
    path: '/api/organisations',
    tag,
    summary: '新增组织',
    description: '新增一个组织；代码唯一。',
    permission: 'org:write',
    body: createOrganisationBody,
    response: organisationView,
    errors: ['conflict'],
  }),
  categories: defineOperation({
    method: 'GET',
    path: '/api/organisations/:id/categories',
    tag,
    summary: '单位类别及分组',
    description: '组织的被考核单位类别（如乡镇、县直部门）及每类下的排名分组。',
    permission: 'org:read',
    params: idParams,
    response: z.array(categoryWithGroupsView),
    errors: ['not-found'],
  }),
  createCategory: defineOperation({
    method: 'POST',
    path: '/api/organisations/:id/categories',
    tag,
    summary: '新增单位类别',
    description: '在组织下新增一个单位类别；同一组织内名称唯一。',
    permission: 'org:write',
    params: idParams,
    body: createCategoryBody,
    response: categoryView,
    errors: ['not-found', 'conflict'],
  }),
  createGroup: defineOperation({
    method: 'POST',
    path: '/api/categories/:id/groups',
    tag,
    summary: '新增排名分组',
    description: '在单位类别下新增一个排名分组；同一类别内名称唯一。',
    permission: 'org:write',
    params: idParams,
    body: createGroupBody,
    response: groupView,
    errors: ['not-found', 'conflict'],
  }),
  units: defineOperation({
    method: 'GET',
    path: '/api/units',
    tag,
    summary: '单位列表',
    description: '被考核单位和考核牵头部门，按代码排序；可按组织筛选。',
    permission: 'org:read',
    querystring: unitListQuery,
    response: z.array(unitView),
    errors: [],
  }),
  createUnit: defineOperation({
    method: 'POST',
    path: '/api/units',
    tag,
    summary: '新增单位',
    description: '新增单位；指定分组时须同时指定其所属类别。同一组织内代码唯一。',
    permission: 'org:write',
    body: createUnitBody,
    response: unitView,
    errors: ['not-found', 'conflict'],
  }),
  updateUnit: defineOperation({
    method: 'PATCH',
    path: '/api/units/:id',
    tag,
    summary: '修改单位',
    description: '修改单位名称、类别、分组或是否参加考核。',
    permission: 'org:write',
    params: idParams,
    body: updateUnitBody,
    response: unitView,
    errors: ['not-found'],
  }),
  divisions: defineOperation({
    method: 'GET',
    path: '/api/units/:id/divisions',
    tag,
    summary: '单位的责任处室',
    description: '单位内的责任处室，按名称排序。',
    permission: 'org:read',
    params: idParams,
    response: z.array(divisionView),
    errors: ['not-found'],
  }),
  createDivision: defineOperation({
    method: 'POST',
    path: '/api/units/:id/divisions',
    tag,
    summary: '新增责任处室',
    description: '在单位内新增责任处室；同一单位内名称唯一。',
    permission: 'org:write',
    params: idParams,
    body: createDivisionBody,
    response: divisionView,
    errors: ['not-found', 'conflict'],
  }),
  leaders: defineOperation({
    method: 'GET',
    path: '/api/leaders',
    tag,
    summary: '分管领导',
    description: '分管领导及其分管的单位。',
    permission: 'org:read',
    response: z.array(leaderView),
    errors: [],
  }),
  createLeader: defineOperation({
    method: 'POST',
    path: '/api/leaders',
    tag,
    summary: '新增分管领导',
    description: '新增一名分管领导（尚未分管任何单位）。',
    permission: 'org:write',
    body: createLeaderBody,
    response: leaderView,
    errors: ['not-found'],
  }),
  linkLeaderUnit: defineOperation({
    method: 'POST',
    path: '/api/leaders/:id/units',
    tag,
    summary: '设置分管单位',
    description: '把一个单位加入领导的分管范围（已在范围内则不变）。',
    permission: 'org:write',
    params: idParams,
    body: leaderUnitBody,
    response: z.object({ leaderId: z.string(), unitId: z.string() }),
    errors: ['not-found'],
  }),
} as const;
