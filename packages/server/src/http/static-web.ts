import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@kaohe/contract/api';

/**
 * The web app from the same origin: hashed assets from the built dist, and index.html for every
 * other GET outside /api (the app's own router takes it from there). Without a build the server
 * still starts and / says how to build. The page may load nothing from another origin (CSP).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS writes <style> elements at run time
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const notBuilt = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>考核通</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.7">
<h1>考核通</h1><p>网页前端尚未构建。请在项目目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建），然后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p></body></html>`;

export async function registerWeb(app: FastifyInstance, distDir: string | null): Promise<void> {
  const indexPath = distDir ? join(distDir, 'index.html') : null;
  const built = indexPath !== null && existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(distDir!, 'assets'),
      prefix: '/assets/',
      index: false,
      wildcard: true,
      setHeaders: (res) => {
        // file names carry their content hash
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const sendIndex = (reply: FastifyReply) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.type('text/html; charset=utf-8');
    // read per request so a rebuild is served without a restart
    return reply.send(built ? readFileSync(indexPath!, 'utf8') : notBuilt);
  };
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    if (!isApi && (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/assets/')) return sendIndex(reply);
    const body: ErrorBody = {
      error: { code: 'not-found', message: isApi ? `接口不存在：${request.method} ${request.url.split('?')[0]}` : '文件不存在', requestId: String(request.id) },
    };
    return reply.status(404).send(body);
  });
}

/** The web build in this repository (packages/web/dist), found from this file. */
export const repositoryWebDist = join(import.meta.dirname, '..', '..', '..', 'web', 'dist');
