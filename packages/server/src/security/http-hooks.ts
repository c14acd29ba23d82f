import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { adminOnlyPermissions } from '../access/roles';
import { recordAudit } from '../audit/audit';
import { actorOf } from '../routes/route-helpers';
import type { ServerContext } from '../context';
import { createAlertMonitor } from './alerts';

/** Parses a CIDR list (a bare address is /32 or /128); throws naming the bad entry. */
export function cidrList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIPv4(address ?? '') ? 'ipv4' : isIPv6(address ?? '') ? 'ipv6' : null;
    if (!type) throw new Error(`ADMIN_ALLOWED_CIDRS: ${entry} 不是 IP 地址或网段`);
    const bits = prefix === undefined ? (type === 'ipv4' ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (type === 'ipv4' ? 32 : 128)) throw new Error(`ADMIN_ALLOWED_CIDRS: ${entry} 的前缀长度不合法`);
    list.addSubnet(address!, bits, type);
  }
  return list;
}

export function addressIn(list: BlockList, ip: string): boolean {
  const plain = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(plain)) return list.check(plain, 'ipv4');
  if (isIPv6(plain)) return list.check(plain, 'ipv6');
  return false;
}

const errorBody = (request: FastifyRequest, code: string, message: string) => ({ error: { code, message, requestId: String(request.id) } });

/**
 * Transport, network and monitoring rules on every request:
 * - level-3 profile: plain HTTP is refused unless it came through a trusted TLS proxy
 *   (X-Forwarded-Proto is honoured only from TRUST_PROXIES); HSTS on every response;
 * - administrator routes answer only from ADMIN_ALLOWED_CIDRS (client address after trusted proxies);
 * - failed logins and refused administrator requests feed the alert monitor;
 * - unknown routes answer 404 in the usual error format, in Chinese.
 */
function errorCodeOf(payload: unknown): string | null {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return null;
  try {
    const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

export function registerSecurityHooks(app: FastifyInstance, ctx: ServerContext) {
  const allowlist = ctx.config.adminAllowedCidrs.length > 0 ? cidrList(ctx.config.adminAllowedCidrs) : null;
  const level3 = ctx.config.securityProfile === 'level3';
  const monitor = createAlertMonitor(ctx);
  const permissionByRoute = () => new Map(app.routeCatalogue.map((r) => [`${r.method} ${r.url}`, r.permission]));
  let permissions: Map<string, string> | null = null;
  const refused = new WeakSet<FastifyRequest>();
  const isAdminRoute = (request: FastifyRequest) => {
    permissions ??= permissionByRoute();
    const permission = permissions.get(`${request.method} ${request.routeOptions.url ?? ''}`);
    return permission !== undefined && adminOnlyPermissions.has(permission);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (level3 || request.protocol === 'https') {
      reply.header('Strict-Transport-Security', `max-age=${ctx.config.hstsMaxAgeSeconds}; includeSubDomains`);
    }
    if (level3 && request.protocol !== 'https') {
      return reply.status(403).send(errorBody(request, 'https-required', '三级安全配置下只接受 HTTPS：请通过 HTTPS 访问（TLS 代理须列入 TRUST_PROXIES 并设置 X-Forwarded-Proto）'));
    }
    if (allowlist && isAdminRoute(request) && !addressIn(allowlist, request.ip)) {
      await recordAudit(ctx.db, ctx.audit, { id: null, login: null, role: null, sourceIp: request.ip }, {
        action: 'security.admin-network-refused',
        objectType: 'route',
        objectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
        outcome: 'denied',
      });
      refused.add(request);
      await monitor.note('forbidden-admin', request.ip);
      return reply.status(403).send(errorBody(request, 'forbidden', `管理接口只允许从管理网段访问（来源地址 ${request.ip} 不在允许列表内）`));
    }
    return undefined;
  });

  // onSend, not onResponse: the alert is written before the client has its answer
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && request.routeOptions.url === '/api/auth/login' && reply.statusCode === 401) {
      await monitor.note('failed-logins', request.ip);
    } else if (reply.statusCode === 403 && !refused.has(request) && isAdminRoute(request)) {
      await monitor.note('forbidden-admin', request.ip);
    }
    await auditFailedChange(request, reply.statusCode, payload);
    return payload;
  });

  /**
   * 等保 安全审计: a state-changing request that failed leaves an audit row too (successes are
   * written by services/audited.ts inside the change's transaction). Not written twice: login
   * and the SSO routes record every outcome themselves, and refused requests (403 forbidden/csrf,
   * admin network) are recorded where they are refused. (A wrong password at change-password or
   * a wrong TOTP code at enrolment has its auth.* row and this row, which names the route.)
   */
  const auditFailedChange = async (request: FastifyRequest, status: number, payload: unknown) => {
    if (status < 400 || request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const route = request.routeOptions.url ?? '';
    if (!request.url.startsWith('/api/')) return;
    if (route === '/api/auth/login' || route.startsWith('/api/sso/') || refused.has(request)) return;
    const code = errorCodeOf(payload);
    if (status === 403 && (code === 'forbidden' || code === 'csrf')) return;
    const actor = request.actor ? actorOf(request) : { id: null, login: null, role: null, sourceIp: request.ip };
    await recordAudit(ctx.db, ctx.audit, actor, {
      action: 'request.failed',
      objectType: 'route',
      objectId: `${request.method} ${route || request.url}`,
      after: { status, code, requestId: request.id },
      outcome: status === 401 || status === 403 ? 'denied' : 'failure',
    }).catch((e: unknown) => request.log.error({ err: e }, 'could not audit a failed request'));
  };

  // Unknown routes: http/static-web.ts's not-found handler answers /api/* in the error format, in Chinese.
}
