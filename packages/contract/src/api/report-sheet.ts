import { z } from 'zod';
import { assessmentParams, clientKey, uuid } from './common';
import { fileResponse } from './exports';
import { defineOperation } from './operation';

/**
 * The unit side of the facts sheet (事实填报表): a unit reporter (or a division user) downloads the
 * sheet cut to what it may report and uploads it as its reports — submitted, for the lead assessor
 * to verify, never official data.
 */
export const reportSheetQuery = z.strictObject({ unitId: uuid('unitId').describe('报送单位') });
export const reportSheetFields = z.strictObject({ clientKey, unitId: uuid('unitId') });
export const reportSheetResult = z
  .object({
    unitId: z.string(),
    rows: z.number().int().describe('读取的数据行数'),
    reports: z.array(z.object({ id: z.string(), clauseKey: z.string(), row: z.number().int().describe('表中行号'), state: z.literal('submitted'), facts: z.number().int() })).describe('每个条款或指标一份报送，状态为已提交'),
    replayed: z.boolean(),
  })
  .describe('报送表上传结果（任一行有误则全部不写入；无权报送的行使整个文件被拒绝，403）');

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const reportSheetApi = {
  template: defineOperation({ method: 'GET', path: '/api/assessments/:id/report-template.xlsx', tag: 'work', summary: '本单位报送表（Excel）', description: '本单位（或本处室）可报送的每个指标或条款一行，填写“数值”和“说明”后上传，成为待核定的报送。', permission: 'report:submit', params: assessmentParams, querystring: reportSheetQuery, produces: xlsx, response: fileResponse, errors: ['not-found'] }),
  upload: defineOperation({ method: 'POST', path: '/api/assessments/:id/report-upload', tag: 'work', summary: '上传本单位报送表', description: '读取填好的报送表：每个填写的指标或条款成为一份已提交的报送，由牵头部门核定。任一行有误则全部不写入，错误逐条指出行号和列名；含无权报送的行时整表拒绝（403，记入审计）；已有报送的条款请在原报送中修改。', permission: 'report:submit', params: assessmentParams, consumes: 'multipart/form-data', response: reportSheetResult, errors: ['not-found', 'conflict', 'unsupported-media-type'] }),
} as const;
