import { type IdpAdapter, IdpError, idpFetch } from './adapter';

export type OidcConfig = { authorizationEndpoint: string; tokenEndpoint: string; userinfoEndpoint: string; clientId: string; redirectUri: string; scope: string };

/** OpenID Connect authorization-code flow; the identity is the userinfo `sub` (read with the access token). */
export function oidcAdapter(config: OidcConfig, clientSecret: string, timeoutMs: number): IdpAdapter {
  return {
    kind: 'oidc',
    authorizeUrl: (state) => {
      const url = new URL(config.authorizationEndpoint);
      url.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: config.scope, state }).toString();
      return url.toString();
    },
    exchange: async ({ code }) => {
      if (!code) throw new IdpError('回调缺少 code');
      const token = await idpFetch(
        config.tokenEndpoint,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}` },
          body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: config.redirectUri }).toString(),
        },
        timeoutMs,
        'token',
      );
      const { access_token: accessToken } = (await token.json()) as { access_token?: string };
      if (!accessToken) throw new IdpError('身份源没有返回 access_token');
      const info = await idpFetch(config.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}` } }, timeoutMs, 'userinfo');
      const user = (await info.json()) as { sub?: string; name?: string; preferred_username?: string };
      if (!user.sub) throw new IdpError('身份源返回的用户信息没有 sub');
      return { externalId: user.sub, name: user.name ?? user.preferred_username ?? null };
    },
  };
}
