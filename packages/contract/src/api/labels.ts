import { z } from 'zod';
import { isoTime } from './common';
import { defineOperation } from './operation';

/** Sensitivity labels (密级标记) on schemes, result sets, publications and evidence files. */
export const sensitivityLabels = ['draft', 'internal', 'public'] as const;
export type SensitivityLabel = (typeof sensitivityLabels)[number];
export const sensitivityLabelsZh: Record<SensitivityLabel, string> = { draft: '草稿', internal: '内部', public: '公开' };

/** The kinds of object a label sits on; a result set is the current results of one assessment (object id = the assessment's id). */
export const labelledKinds = ['scheme', 'results', 'publication', 'evidence'] as const;
export type LabelledKind = (typeof labelledKinds)[number];
export const labelledKindsZh: Record<LabelledKind, string> = { scheme: '考核方案', results: '考核结果', publication: '结果发布', evidence: '佐证材料' };

export const setLabelBody = z.strictObject({
  objectType: z.enum(labelledKinds, { message: 'objectType 须为 scheme、results、publication 或 evidence' }).describe('对象类型（results 的对象编号为考核编号）'),
  objectId: z.string().uuid('objectId 不是有效的编号'),
  label: z.enum(sensitivityLabels, { message: 'label 须为 draft（草稿）、internal（内部）或 public（公开）' }),
});

export const labelView = z.object({
  objectType: z.enum(labelledKinds),
  objectId: z.string(),
  label: z.enum(sensitivityLabels),
  labelName: z.string().describe('密级（中文）'),
  previous: z.enum(sensitivityLabels).describe('此前生效的密级（未设置时为默认密级）'),
  setAt: isoTime,
});

export const labelQuery = z.strictObject({
  objectType: z.enum(labelledKinds, { message: 'objectType 须为 scheme、results、publication 或 evidence' }).describe('对象类型（results 的对象编号为考核编号）'),
  objectId: z.string().uuid('objectId 不是有效的编号'),
});

export const labelStateView = z.object({
  objectType: z.enum(labelledKinds),
  objectId: z.string(),
  label: z.enum(sensitivityLabels),
  labelName: z.string().describe('密级（中文）'),
  isDefault: z.boolean().describe('未设置过，为该类对象的默认密级'),
  setAt: isoTime.nullable(),
});

export const labelsApi = {
  setLabel: defineOperation({
    method: 'PUT',
    path: '/api/security/labels',
    tag: 'security',
    summary: '设置密级标记',
    description: '考评办为考核方案、考核结果、结果发布或佐证材料设置密级（草稿/内部/公开）；读取、列表、下载和导出均按密级控制，设置记入审计。',
    permission: 'label:write',
    body: setLabelBody,
    response: labelView,
    errors: ['not-found'],
  }),
  getLabel: defineOperation({
    method: 'GET',
    path: '/api/security/labels',
    tag: 'security',
    summary: '查看密级标记',
    description: '考核方案、考核结果、结果发布或佐证材料当前的密级（未设置时为默认密级：草稿方案为草稿，已发布方案、结果和佐证材料为内部，结果发布为公开）。',
    permission: 'assessment:read',
    querystring: labelQuery,
    response: labelStateView,
    errors: ['not-found'],
  }),
} as const;
