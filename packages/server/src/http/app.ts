import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RoutePermission } from '../access/roles';
import { resolveSession, sessionCookieName } from '../auth/session.service';
import type { ServerContext } from '../context';
import { registerRoutes } from '../routes/register-routes';
import { createRecomputeScheduler } from '../services/recompute-scheduler';
import { createJobRunner } from '../jobs/job-runner';
import { ensureSchedules } from '../jobs/schedules';
import { jobHandlers } from '../jobs/job-handlers';
import { recordAudit } from '../audit/audit';
import { AppError } from '../lib/app-error';
import { actorOf } from '../routes/route-helpers';
import { registerSecurityHooks } from '../security/http-hooks';
import { errorHandler } from './error-handler';
import { permissionOf } from './require-permission';
import { registerWeb } from './static-web';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Every /api route with its declared permission (the permission matrix test walks it). */
    routeCatalogue: RouteInfo[];
    /** The background job runner (tests drain it). */
    jobRunner: { wake: () => void; drain: () => Promise<void> };
  }
}

export type RouteInfo = { method: string; url: string; permission: RoutePermission };

export type App = FastifyInstance;

/** `webDist`: the built web app to serve from the same origin (main.ts passes the repository's; tests none). */
export type BuildAppOptions = { logger?: boolean; webDist?: string | null; /** where the log goes (default stdout); tests capture it */ logStream?: { write: (line: string) => void } };

/** Builds the HTTP server around a context; tests inject requests, main.ts listens. */
export async function buildApp(baseCtx: ServerContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: baseCtx.config.logLevel,
          // credentials never reach the log: no bodies, no cookies, no auth headers
          redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    trustProxy: baseCtx.config.trustProxies.length > 0 ? baseCtx.config.trustProxies : false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => baseCtx.crypto.randomToken(9),
  }).withTypeProvider<ZodTypeProvider>();

  await baseCtx.fields.open();
  const scheduler = createRecomputeScheduler(baseCtx, (error) => app.log.error({ err: error }, 'background recompute failed'));
  const ctx: ServerContext = { ...baseCtx, factsChanged: scheduler.schedule };
  const runner = createJobRunner(ctx, jobHandlers(ctx), { ...baseCtx.config.jobs, reclaimOnStart: baseCtx.dbKind === 'pglite' }, (error) => app.log.error({ err: error }, 'background job failed'));
  ctx.jobs = runner;
  app.decorate('jobRunner', runner);
  app.addHook('onReady', async () => {
    await ensureSchedules(ctx);
    runner.wake();
  });
  app.addHook('onClose', async () => {
    await runner.close();
    await scheduler.close();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Refused attempts are on record: every 403 for scope or permission (or a missing CSRF token)
  // gets an audit row with the route and what was refused.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || (error.code !== 'forbidden' && error.code !== 'csrf')) return;
    const details = error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    await recordAudit(ctx.db, ctx.audit, actorOf(request), {
      action: 'access.denied',
      objectType: 'route',
      objectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
      after: { message: error.userMessage, url: request.url, ...details },
      outcome: 'denied',
    }).catch((e: unknown) => request.log.error({ err: e }, 'could not audit a refused request'));
  });

  await app.register(cookie, { secret: ctx.config.sessionSecret });
  await app.register(multipart, {
    limits: { fileSize: ctx.config.evidence.maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Kaohe 考核通 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every /api route must declare its permission; a forgotten one stops start-up, not a request.
  const catalogue: RouteInfo[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const permission = permissionOf(route);
    if (!permission) throw new Error(`route ${route.method} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalogue.push({ method, url: route.url, permission });
  });

  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = { kind: 'anonymous' };
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    const raw = request.cookies[sessionCookieName];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return;
    request.actor = await resolveSession(ctx, unsigned.value, request.ip);
  });

  registerSecurityHooks(app, ctx);
  await registerRoutes(app, ctx);
  await registerWeb(app, options.webDist ?? null);
  return app;
}
