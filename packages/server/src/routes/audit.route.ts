import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit, verifyAuditChain } from '../audit/audit';
import type { ServerContext } from '../context';
import { auditLog } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { actorOf } from './route-helpers';

export const auditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actorLogin: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied'], { message: 'outcome 只能是 success、failure 或 denied' }).optional(),
  sourceIp: z.string().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function filters(q: z.infer<typeof auditQuery>): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.actorLogin ? eq(auditLog.actorLogin, q.actorLogin) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.sourceIp ? eq(auditLog.sourceIp, q.sourceIp) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lte(auditLog.at, q.to) : undefined,
    q.beforeSeq ? lt(auditLog.seq, q.beforeSeq) : undefined,
  ];
  return and(...parts);
}

/** Search, export and verification of the audit trail (audit administrator only). */
export function auditRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];
    app.get('/api/audit', { schema: { tags, querystring: auditQuery }, preHandler: requirePermission('audit:read') }, async (request) => {
      const rows = await ctx.db.select().from(auditLog).where(filters(request.query)).orderBy(desc(auditLog.seq)).limit(request.query.limit);
      await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'audit.search', after: { count: rows.length }, outcome: 'success' });
      return rows;
    });
    app.get('/api/audit/export', { schema: { tags, querystring: auditQuery }, preHandler: requirePermission('audit:export') }, async (request, reply) => {
      const rows = await ctx.db.select().from(auditLog).where(filters(request.query)).orderBy(desc(auditLog.seq)).limit(request.query.limit);
      // the export is itself on record before anything leaves the server
      await recordAudit(ctx.db, ctx.audit, actorOf(request), {
        action: 'audit.export',
        after: { count: rows.length, filter: request.query },
        outcome: 'success',
      });
      reply.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      reply.header('Content-Disposition', 'attachment; filename="audit-export.ndjson"');
      return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    });
    app.get('/api/audit/verify', { schema: { tags }, preHandler: requirePermission('audit:read') }, async (request) => {
      const result = await verifyAuditChain(ctx.db, ctx.config.auditKey);
      await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'audit.verify', after: result, outcome: result.ok ? 'success' : 'failure' });
      return result;
    });
  };
}
