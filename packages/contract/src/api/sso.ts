import { z } from 'zod';

/** Request and response schemas of the SSO routes (server: packages/server/src/sso). */
export const ssoProviderId = z.string().regex(/^[a-z0-9-]{1,40}$/, '身份源编号只能包含小写字母、数字和连字符');
export const ssoProviderParams = z.strictObject({ provider: ssoProviderId });
export const ssoCallbackQuery = z.object({
  state: z.string().min(1, '缺少 state').max(500),
  code: z.string().max(2000).optional(),
  ticket: z.string().max(2000).optional(),
  authCode: z.string().max(2000).optional(),
});
const url = z.string().url('须为 URL');
export const ssoProviderBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('oidc'),
    displayName: z.string().min(1).max(100),
    enabled: z.boolean().default(true),
    config: z.strictObject({ authorizationEndpoint: url, tokenEndpoint: url, userinfoEndpoint: url, clientId: z.string().min(1), redirectUri: url, scope: z.string().default('openid profile') }),
    secret: z.string().min(1).max(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('cas'),
    displayName: z.string().min(1).max(100),
    enabled: z.boolean().default(true),
    config: z.strictObject({ casUrl: url, serviceUrl: url }),
    secret: z.string().max(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('zzd'),
    displayName: z.string().min(1).max(100),
    enabled: z.boolean().default(true),
    config: z.strictObject({ loginUrl: url, apiUrl: url, appKey: z.string().min(1), redirectUri: url }),
    secret: z.string().min(1).max(500).optional(),
  }),
]);
export const ssoLinkBody = z.strictObject({ userId: z.string().uuid('userId 不是有效的编号') });
export const ssoLinkParams = z.strictObject({ id: z.string().uuid('id 不是有效的编号') });
export const ssoLinksQuery = z.strictObject({ status: z.enum(['linked', 'pending', 'rejected']).optional() });
