/** One identity provider: where to send the browser, and how to turn its callback into an identity. */
export type ExternalIdentity = { externalId: string; name: string | null };

export type IdpAdapter = {
  readonly kind: 'oidc' | 'cas' | 'zzd';
  authorizeUrl: (state: string) => string;
  /** Exchanges the callback's code or ticket; every call is bounded by `timeoutMs` (≤ 5 s). */
  exchange: (callback: { state: string; code?: string | undefined; ticket?: string | undefined; authCode?: string | undefined }) => Promise<ExternalIdentity>;
};

export class IdpError extends Error {
  constructor(
    message: string,
    readonly unreachable = false,
  ) {
    super(message);
    this.name = 'IdpError';
  }
}

export async function idpFetch(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `${timeoutMs / 1000} 秒内无响应` : '无法连接';
    throw new IdpError(`统一身份认证平台暂不可用（${what}：${reason}），请使用本地账户登录`, true);
  }
  if (!response.ok) throw new IdpError(`统一身份认证平台拒绝了请求（${what}：HTTP ${response.status}）`);
  return response;
}
