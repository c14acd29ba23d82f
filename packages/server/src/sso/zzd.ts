import { protocolHmac, randomUuid, toBase64 } from '../lib/crypto';
import { type IdpAdapter, IdpError, idpFetch } from './adapter';

export type ZzdConfig = { loginUrl: string; apiUrl: string; appKey: string; redirectUri: string };

/** 浙政钉 timestamps: local time with +08:00 and milliseconds, as the official SDKs send them. */
export function zzdTimestamp(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('Z', '');
  return `${local}+08:00`;
}

/** Parameters sorted by name, `k=v` joined with `&` (values as given, not URL-encoded). */
export function zzdSortedParams(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/**
 * The X-Hmac-Auth headers of a 浙政钉 open-platform call: HMAC-SHA256 with the appSecret over
 * `METHOD\ntimestamp\nnonce\nuri\nsorted-params`, base64.
 */
export function zzdSignedHeaders(input: { method: string; uri: string; params: Record<string, string>; appKey: string; appSecret: string; timestamp: string; nonce: string }): Record<string, string> {
  const text = `${input.method.toUpperCase()}\n${input.timestamp}\n${input.nonce}\n${input.uri}\n${zzdSortedParams(input.params)}`;
  return {
    'X-Hmac-Auth-Timestamp': input.timestamp,
    'X-Hmac-Auth-Version': '1.0',
    'X-Hmac-Auth-Nonce': input.nonce,
    apiKey: input.appKey,
    'X-Hmac-Auth-Signature': toBase64(protocolHmac('sha256', input.appSecret, text)),
  };
}

/** 浙政钉 scan-code login: gettoken.json (app token), then getuserinfo_bycode.json with the code. */
export function zzdAdapter(config: ZzdConfig, appSecret: string, timeoutMs: number, now: () => Date = () => new Date()): IdpAdapter {
  const api = config.apiUrl.replace(/\/+$/, '');
  const call = async (uri: string, params: Record<string, string>) => {
    const headers = zzdSignedHeaders({ method: 'POST', uri, params, appKey: config.appKey, appSecret, timestamp: zzdTimestamp(now()), nonce: `${Date.now()}${randomUuid().slice(0, 8)}` });
    const res = await idpFetch(`${api}${uri}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }, timeoutMs, uri);
    const body = (await res.json()) as { success?: boolean; content?: { success?: boolean; data?: Record<string, unknown>; responseMessage?: string } };
    if (!body.success || body.content?.success === false || !body.content?.data) throw new IdpError(`浙政钉接口 ${uri} 失败：${body.content?.responseMessage ?? '未知错误'}`);
    return body.content.data;
  };
  return {
    kind: 'zzd',
    authorizeUrl: (state) =>
      `${config.loginUrl.replace(/\/+$/, '')}/oauth2/auth.htm?${new URLSearchParams({ response_type: 'code', client_id: config.appKey, redirect_uri: config.redirectUri, scope: 'get_user_info', authType: 'QRCODE', state }).toString()}`,
    exchange: async ({ code, authCode }) => {
      const c = code ?? authCode;
      if (!c) throw new IdpError('回调缺少 code');
      const token = await call('/gettoken.json', { appkey: config.appKey, appsecret: appSecret });
      const accessToken = String(token.accessToken ?? '');
      if (!accessToken) throw new IdpError('浙政钉没有返回 accessToken');
      const user = await call('/rpc/oauth2/getuserinfo_bycode.json', { access_token: accessToken, code: c });
      const id = user.accountId ?? user.employeeCode;
      if (id === undefined || id === null) throw new IdpError('浙政钉用户信息中没有 accountId');
      return { externalId: String(id), name: typeof user.lastName === 'string' ? user.lastName : typeof user.nickNameCn === 'string' ? user.nickNameCn : null };
    },
  };
}
