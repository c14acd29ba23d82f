import { z } from 'zod';
import { assessmentParams, clientKey, idParams, uuid } from './common';
import { defineOperation } from './operation';

/** 通报 options: 发文字号 is required (never invented); the rest default from the assessment. */
export const tongbaoQuery = z.strictObject({
  docNumber: z.string().trim().min(1, '发文字号不能为空').max(50).describe('发文字号，如 佳考发〔2021〕3号'),
  issuer: z.string().trim().min(1).max(100).optional().describe('发文机关（默认：组织名称 + 目标责任考核领导小组办公室）'),
  title: z.string().trim().min(1).max(200).optional().describe('标题（默认：关于××结果的通报）'),
  date: z.string().trim().max(20).optional().describe('成文日期，如 2021-03-01（默认：发布日期）'),
  recipients: z.string().trim().max(200).optional().describe('主送机关'),
});
export const factsTemplateQuery = z.strictObject({ unitId: uuid('unitId').describe('填报单位') });
export const factsUploadFields = z.strictObject({ clientKey, unitId: uuid('unitId') });
export const factsUploadResult = z
  .object({
    unitId: z.string(),
    rows: z.number().int().describe('读取的数据行数'),
    written: z.number().int().describe('写入的事实数'),
    created: z.number().int().nullable(),
    superseded: z.number().int().nullable(),
    unchanged: z.number().int().nullable(),
    replayed: z.boolean(),
  })
  .describe('事实表上传结果（任一行有误则全部不写入，错误列表在 error.issues 中，按行列给出）');
export const fileResponse = z.any().describe('文件（附件下载）');

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tag = 'exports';

/**
 * The file routes of packages/server/src/routes/exports.route.ts: the published and current results,
 * the ledgers and the 通报 as downloads, and the per-unit facts sheet (事实填报表: template download
 * and the multipart upload, which declares its path and response only).
 */
export const exportsApi = {
  resultsXlsx: defineOperation({ method: 'GET', path: '/api/publications/:id/results.xlsx', tag, summary: '考核结果（Excel）', description: '某发布版本的结果：各分组的名次、单位、总分、等次，及等次名单。', permission: 'result:read', params: idParams, produces: xlsx, response: fileResponse, errors: ['not-found'] }),
  ledgersXlsx: defineOperation({ method: 'GET', path: '/api/publications/:id/ledgers.xlsx', tag, summary: '得分台账（Excel）', description: '某发布版本各单位的每一行得失分及其依据条款（考评办）。', permission: 'result:publish', params: idParams, produces: xlsx, response: fileResponse, errors: ['not-found'] }),
  tongbaoDocx: defineOperation({ method: 'GET', path: '/api/publications/:id/tongbao.docx', tag, summary: '结果通报（Word）', description: '按 GB/T 9704 公文格式生成的结果通报：标题、发文字号、据结果写成的正文、各组排名表和等次名单。', permission: 'result:publish', params: idParams, querystring: tongbaoQuery, produces: docx, response: fileResponse, errors: ['not-found'] }),
  tongbaoPdf: defineOperation({ method: 'GET', path: '/api/publications/:id/tongbao.pdf', tag, summary: '结果通报（PDF）', description: '同一通报经 LibreOffice 转为 PDF（中文字体 Noto CJK）。', permission: 'result:publish', params: idParams, querystring: tongbaoQuery, produces: 'application/pdf', response: fileResponse, errors: ['not-found', 'unavailable'] }),
  currentResultsXlsx: defineOperation({ method: 'GET', path: '/api/assessments/:id/results.xlsx', tag, summary: '当前计算结果（Excel）', description: '最近一次计算的结果（未发布，供考评办核对）。', permission: 'result:recompute', params: assessmentParams, produces: xlsx, response: fileResponse, errors: ['not-found'] }),
  factsTemplate: defineOperation({ method: 'GET', path: '/api/assessments/:id/facts-template.xlsx', tag, summary: '事实填报表模板（Excel）', description: '某单位应填报的每个指标或条款一行（分值、目标、类型），填写“数值”和“说明”后上传。', permission: 'fact:import', params: assessmentParams, querystring: factsTemplateQuery, produces: xlsx, response: fileResponse, errors: ['not-found'] }),
  factsUpload: defineOperation({ method: 'POST', path: '/api/assessments/:id/facts-upload', tag, summary: '上传事实填报表', description: '读取填好的模板；任一行有误则全部不写入，错误逐条指出行号和列名。写入为考评办导入的官方数据。', permission: 'fact:import', params: assessmentParams, consumes: 'multipart/form-data', response: factsUploadResult, errors: ['not-found', 'conflict', 'unsupported-media-type'] }),
} as const;
