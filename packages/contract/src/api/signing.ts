import { z } from 'zod';
import { idParams, isoTime, uuid } from './common';
import { defineOperation } from './operation';

/**
 * Approver signatures on 审定 and 发布 (等保/密评: 重要操作的不可否认性). An approver signs the
 * canonical JSON of a publication's snapshot, either on the client with a UKey whose public key
 * the security administrator registered, or through the server's 密码机/UKey service (HSM adapter).
 */
export const approvalActions = ['审定', '发布'] as const;
export type ApprovalAction = (typeof approvalActions)[number];

const hexText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]+$/, `${what}须为十六进制字符串`)
    .max(max, `${what}过长`);

export const registerApproverKeyBody = z.strictObject({
  userId: uuid('userId').describe('审批人（业务账户）'),
  algorithm: z.enum(['SM2-SM3', 'Ed25519'], { message: 'algorithm 须为 SM2-SM3 或 Ed25519' }).describe('签名算法'),
  publicKey: z.string().trim().min(1, 'publicKey 不能为空').max(400, 'publicKey 过长').describe('公钥（SM2 为 04 开头的 130 位十六进制未压缩点；Ed25519 为 SPKI DER 的 Base64）'),
  certificate: z.string().trim().max(8000).optional().describe('证书（PEM，可选）'),
});
export const approverKeyView = z
  .object({
    id: z.string(),
    userId: z.string(),
    login: z.string(),
    algorithm: z.string(),
    publicKey: z.string(),
    createdAt: isoTime,
    revokedAt: isoTime.nullable(),
  })
  .describe('审批人登记的签名公钥');

export const signingContentView = z
  .object({
    publicationId: z.string(),
    text: z.string().describe('待签名的原文：快照的规范 JSON（UTF-8）'),
    digest: z.string().describe('原文摘要'),
    digestAlgorithm: z.string(),
    userId: z.string().describe('SM2 签名使用默认 ID 1234567812345678'),
  })
  .describe('审批签名的原文');

export const approvalBody = z.strictObject({
  action: z.enum(approvalActions, { message: 'action 须为 审定 或 发布' }).describe('审批动作'),
  signature: hexText('signature', 1000).optional().describe('客户端（UKey）对原文的签名，十六进制（SM2 为 DER）；不填时由服务器的密码机/UKey 服务以审批人的密钥签名'),
});

export const approvalCheck = z.object({
  action: z.string().describe('审定 或 发布'),
  signerUserId: z.string().nullable(),
  signerLogin: z.string().nullable(),
  algorithm: z.string(),
  keyId: z.string().describe('approver-key:<编号>（登记的公钥）或 hsm:<设备>'),
  signedAt: isoTime,
  status: z.enum(['有效', '无效']),
  reason: z.string().nullable().describe('无效的原因（中文）'),
});
export type ApprovalCheck = z.infer<typeof approvalCheck>;
export const approvalSummary = z
  .array(z.object({ action: z.enum(approvalActions), status: z.enum(['有效', '无效', '缺失']).describe('有效：至少一个有效签名且没有无效签名；缺失：没有签名') }))
  .describe('审定、发布签名的校验结果');

export const approvalView = z
  .object({ publicationId: z.string(), approval: approvalCheck, summary: approvalSummary })
  .describe('已保存的审批签名');

const tag = 'signing';

/** The routes of packages/server/src/security/signing.route.ts. */
export const signingApi = {
  registerApproverKey: defineOperation({ method: 'POST', path: '/api/security/approver-keys', tag, summary: '登记审批人公钥', description: '安全管理员为审批人登记 UKey 的签名公钥；审批人用对应私钥对审定、发布签名。登记记入审计。', permission: 'security:manage', body: registerApproverKeyBody, response: approverKeyView, errors: ['not-found', 'conflict'] }),
  listApproverKeys: defineOperation({ method: 'GET', path: '/api/security/approver-keys', tag, summary: '审批人公钥', description: '已登记的审批人签名公钥（含已吊销的）。', permission: 'security:manage', response: z.array(approverKeyView), errors: [] }),
  revokeApproverKey: defineOperation({ method: 'POST', path: '/api/security/approver-keys/:id/revoke', tag, summary: '吊销审批人公钥', description: '吊销后该公钥不能再用于新的审批签名；已有签名的校验不受影响。记入审计。', permission: 'security:manage', params: idParams, response: approverKeyView, errors: ['not-found', 'conflict'] }),
  signingContent: defineOperation({ method: 'GET', path: '/api/publications/:id/signing-content', tag, summary: '审批签名原文', description: '返回发布快照的规范 JSON，审批人用 UKey 对其签名后提交。', permission: 'result:publish', params: idParams, response: signingContentView, errors: ['not-found'] }),
  signApproval: defineOperation({ method: 'POST', path: '/api/publications/:id/approvals', tag, summary: '审批签名（审定、发布）', description: '保存审批人对发布快照的签名：提交客户端签名时按审批人登记的公钥核验，签名不符即拒绝；不提交签名时由密码机/UKey 服务以审批人的密钥签名。快照须完整；同一审批人对同一动作只签一次。记入审计。', permission: 'result:publish', params: idParams, body: approvalBody, response: approvalView, errors: ['not-found', 'conflict', 'unavailable'] }),
} as const;
