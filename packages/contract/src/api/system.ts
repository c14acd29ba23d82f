import { z } from 'zod';
import { defineOperation } from './operation';

export const healthView = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  availability: z.enum(['single-node', 'database-server']).describe('single-node：PGlite 单机；database-server：PostgreSQL'),
});

export const systemApi = {
  health: defineOperation({
    method: 'GET',
    path: '/api/health',
    tag: 'system',
    summary: '健康检查',
    description: '服务与数据库是否可用，以及部署形态（PGlite 单机或 PostgreSQL）。',
    permission: 'public',
    response: healthView,
    errors: [],
  }),
} as const;
