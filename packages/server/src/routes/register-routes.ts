import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { systemApi } from '@kaohe/contract/api';
import { routeOf } from '../http/route-schema';
import { assessmentRoutes } from './assessment.route';
import { auditRoutes } from './audit.route';
import { authRoutes } from './auth.route';
import { orgRoutes } from './org.route';
import { appealRoutes } from './appeals.route';
import { exportRoutes } from './exports.route';
import { publicationRoutes } from './publication.route';
import { resultRoutes } from './results.route';
import { schemeUploadRoutes } from './scheme-upload.route';
import { unitsFromSchemeRoutes } from './units-from-scheme.route';
import { userRoutes } from './users.route';
import { evidenceRoutes } from './evidence.route';
import { workRoutes } from './work.route';
import { ssoRoutes } from '../sso/sso.route';
import { calendarRoutes } from './calendar.route';
import { reportSheetRoutes } from './report-sheet.route';
import { decompositionRoutes } from './decomposition.route';
import { notificationRoutes } from './notifications.route';
import { whatifRoutes } from './whatif.route';
import { burdenRoutes } from './burden.route';
import { surveyRoutes } from './survey.route';
import { multiyearRoutes } from './multiyear.route';
import { schemeEditorRoutes } from './scheme-editor.route';
import { labelRoutes } from './labels.route';
import { signingRoutes } from '../security/signing.route';

export async function registerRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(systemApi.health.path, routeOf(systemApi.health), async () => ({
    status: 'ok' as const,
    database: ctx.dbKind,
    // PGlite is one process on one disk: no hot standby (等保 三级 热冗余 needs PostgreSQL)
    availability: ctx.dbKind === 'pglite' ? ('single-node' as const) : ('database-server' as const),
  }));
  for (const plugin of [authRoutes, orgRoutes, userRoutes, auditRoutes, assessmentRoutes, workRoutes, evidenceRoutes, resultRoutes, schemeUploadRoutes, unitsFromSchemeRoutes, publicationRoutes, appealRoutes, exportRoutes, ssoRoutes, calendarRoutes, notificationRoutes, whatifRoutes, burdenRoutes, surveyRoutes, multiyearRoutes, schemeEditorRoutes, labelRoutes, reportSheetRoutes, decompositionRoutes, signingRoutes]) {
    await app.register(plugin(ctx));
  }
}
