import { z } from 'zod';

/**
 * The one error body every /api route answers with, and its codes. The server maps a code to
 * its HTTP status through `apiErrorStatus`; the web shows `message` (always Chinese) and, for
 * 400s, each issue beside its field.
 */
export const apiErrorCodes = [
  'bad-request',
  'unauthenticated',
  'login-failed',
  'password-change-required',
  'totp-enrolment-required',
  'csrf',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'scheme-published',
  'role-conflict',
  'password-policy',
  'rate-limited',
  'unavailable',
  'idp-unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorStatus: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'password-policy': 400,
  unauthenticated: 401,
  'login-failed': 401,
  csrf: 403,
  forbidden: 403,
  'password-change-required': 403,
  'totp-enrolment-required': 403,
  'not-found': 404,
  conflict: 409,
  'scheme-published': 409,
  'role-conflict': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
  'idp-unavailable': 503,
};

/** What each code means, in the words the OpenAPI document and the web use when a message is missing. */
export const apiErrorMeaning: Record<ApiErrorCode, string> = {
  'bad-request': '请求参数有误（issues 列出每个字段的问题）',
  'password-policy': '新密码不符合密码策略',
  unauthenticated: '未登录或会话已过期',
  'login-failed': '登录名、密码或动态口令不正确，或账户已锁定',
  csrf: '缺少或错误的 CSRF 令牌（x-csrf-token）',
  forbidden: '无权执行此操作',
  'password-change-required': '须先修改密码',
  'totp-enrolment-required': '须先绑定动态口令',
  'not-found': '对象不存在或不在可见范围内',
  conflict: '与现有数据冲突',
  'scheme-published': '已发布的方案不可修改',
  'role-conflict': '三权分立：角色冲突',
  'payload-too-large': '上传内容过大',
  'unsupported-media-type': '不支持的内容类型',
  'rate-limited': '请求过于频繁，请稍后再试',
  internal: '服务器内部错误',
  unavailable: '系统繁忙，请稍后再试',
  'idp-unavailable': '统一身份认证平台暂时无法访问，请稍后再试或使用本地账户登录',
};

export const apiIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    message: z.string().describe('给用户看的中文说明'),
    requestId: z.string().describe('请求编号，与服务器日志对应'),
    issues: z.array(apiIssueSchema).optional().describe('参数错误时逐字段列出'),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
