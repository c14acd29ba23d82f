import { type IdpAdapter, IdpError, idpFetch } from './adapter';

export type CasConfig = { casUrl: string; serviceUrl: string };

const xmlText = (xml: string, tag: string) => new RegExp(`<cas:${tag}>\\s*([^<]*?)\\s*</cas:${tag}>`).exec(xml)?.[1] ?? null;
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** CAS 3.0: redirect to /login, validate the ticket at /p3/serviceValidate. */
export function casAdapter(config: CasConfig, timeoutMs: number): IdpAdapter {
  const base = config.casUrl.replace(/\/+$/, '');
  const service = (state: string) => {
    const url = new URL(config.serviceUrl);
    url.searchParams.set('state', state);
    return url.toString();
  };
  return {
    kind: 'cas',
    authorizeUrl: (state) => `${base}/login?service=${encodeURIComponent(service(state))}`,
    exchange: async ({ ticket, state }) => {
      if (!ticket) throw new IdpError('回调缺少 ticket');
      const res = await idpFetch(`${base}/p3/serviceValidate?service=${encodeURIComponent(service(state))}&ticket=${encodeURIComponent(ticket)}`, {}, timeoutMs, 'serviceValidate');
      const xml = await res.text();
      if (xml.includes('<cas:authenticationFailure')) throw new IdpError(`CAS 票据无效：${unescapeXml((/<cas:authenticationFailure[^>]*>([^<]*)</.exec(xml)?.[1] ?? '').trim())}`);
      const user = xmlText(xml, 'user');
      if (!user) throw new IdpError('CAS 应答中没有用户');
      const name = xmlText(xml, 'name') ?? xmlText(xml, 'displayName');
      return { externalId: unescapeXml(user), name: name ? unescapeXml(name) : null };
    },
  };
}
