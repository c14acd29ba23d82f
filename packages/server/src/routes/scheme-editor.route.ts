import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { exportSchemeWithWarnings, isExportError } from '@kaohe/office/export';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { defaultLabel, labelOf } from '../access/labels';
import { getVisibleAssessment } from '../services/assessment.service';
import { parseSchemeCached } from '../services/evaluator';
import type { SchemeDocument } from '../services/scheme-document';
import { responsibilityRows, schemeTree, tryClause } from '../services/scheme-tree.service';
import { getScheme } from '../services/scheme-version.service';

const types = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const layoutNames = { breakdown: '分解表', responsibility: '责任分工表', targets: '目标表', scheme: '方案' } as const;

/** The scheme editor's reads: the tree with each rule in Chinese, the clause calculator, the responsibility matrix and its export. */
export function schemeEditorRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const visibleScheme = async (actor: Parameters<typeof getVisibleAssessment>[1], id: string) => {
      const row = await getScheme(ctx.db, id);
      await getVisibleAssessment(ctx, actor, row.assessmentId);
      return { row, scheme: parseSchemeCached(row.sha256, row.document) };
    };
    app.get(schemeEditorApi.tree.path, routeOf(schemeEditorApi.tree), async (request) => {
      const { row, scheme } = await visibleScheme(request.actor, request.params.id);
      return { schemeId: row.id, assessmentId: row.assessmentId, version: row.version, status: row.status as 'draft' | 'published', ...schemeTree(scheme, row.document as SchemeDocument) };
    });
    app.post(schemeEditorApi.tryClause.path, routeOf(schemeEditorApi.tryClause), async (request) => {
      const { scheme } = await visibleScheme(request.actor, request.params.id);
      return tryClause(scheme, request.params.clauseCode, request.body);
    });
    app.get(schemeEditorApi.responsibility.path, routeOf(schemeEditorApi.responsibility), async (request) => {
      const { row, scheme } = await visibleScheme(request.actor, request.params.id);
      return { schemeId: row.id, version: row.version, rows: responsibilityRows(scheme) };
    });
    app.get(schemeEditorApi.export.path, routeOf(schemeEditorApi.export), async (request, reply) => {
      const { row, scheme } = await visibleScheme(request.actor, request.params.id);
      const { as, layout } = request.query;
      // The export carries the scheme's security label (a draft scheme prints 草稿).
      const sensitivity = await labelOf(ctx.db, 'scheme', row.id, defaultLabel('scheme', row.status));
      const result = await exportSchemeWithWarnings(scheme, as, layout, { sensitivity }).catch((error: unknown) => {
        throw isExportError(error) ? new AppError('bad-request', `无法导出${layoutNames[layout]}：${error.message}`) : error;
      });
      const name = `${scheme.title}${layoutNames[layout]}（第 ${row.version} 版）.${as}`;
      reply.header('Content-Type', types[as]);
      reply.header('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.send(Buffer.from(result.bytes));
    });
  };
}
