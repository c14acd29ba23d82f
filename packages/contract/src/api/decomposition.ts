import { z } from 'zod';
import { assessmentParams, idParams, uuid } from './common';
import { defineOperation } from './operation';

/**
 * A bureau's internal decomposition one level down (seed 000's 任务分解): its 处室 answer for the
 * clauses the scheme assigns them (责任处室), the 牵头领导 follow their clauses' progress, and the
 * bureau's own facts are its divisions' verified reports.
 */
export const decompositionBody = z.strictObject({
  unitId: uuid('unitId').describe('被分解的单位（局）'),
  dryRun: z.boolean().default(false).describe('只预览，不写入'),
});
const named = z.object({ name: z.string(), id: z.string().nullable() });
export const decompositionResult = z
  .object({
    dryRun: z.boolean(),
    unitId: z.string(),
    divisions: z.object({ matched: z.array(named), created: z.array(named) }).describe('方案中的责任处室：已有的按名称匹配，没有的新建'),
    leaders: z.object({ matched: z.array(named), created: z.array(named) }).describe('方案中的牵头领导（按名称匹配本组织的领导）'),
    assigned: z.number().int().describe('有责任处室的条款数（每条由所列第一个责任处室报送）'),
    shared: z
      .array(z.object({ clauseKey: z.string(), answering: z.string(), alsoListed: z.array(z.string()) }))
      .describe('列有多个处室的条款：第一个为责任处室（报送条款的值），其余为参与处室（可报送本处室的部分，作为配合情况列出）'),
    unassigned: z.array(z.string()).describe('方案未写责任处室的条款（由单位填报员报送）'),
  })
  .describe('从方案分解到处室的结果');
export type DecompositionResult = z.infer<typeof decompositionResult>;

export const progressStates = ['due', 'submitted', 'verified', 'returned'] as const;
export const progressStateNames: Record<(typeof progressStates)[number], string> = { due: '待报送', submitted: '已报送', verified: '已核定', returned: '已退回' };
const counts = z.object({ due: z.number().int(), submitted: z.number().int(), verified: z.number().int(), returned: z.number().int() });
export const progressQuery = z.strictObject({ unitId: uuid('unitId').describe('单位（局）') });
export const leaderProgress = z.object({
  leader: z.string().describe('牵头领导'),
  counts,
  divisions: z.array(
    z.object({
      division: z.string().nullable().describe('责任处室；null 为方案未写处室'),
      counts,
      clauses: z.array(
        z.object({
          clauseKey: z.string(),
          text: z.string(),
          indicatorPath: z.string(),
          state: z.enum(progressStates),
          stateName: z.string(),
          reportId: z.string().nullable(),
          stateReason: z.string().nullable().describe('退回理由'),
          participants: z
            .array(
              z.object({
                division: z.string().describe('参与处室'),
                state: z.enum(progressStates),
                stateName: z.string(),
                reportId: z.string().nullable(),
                facts: z.array(z.record(z.string(), z.unknown())).describe('参与处室报送的本处室部分（不计入单位的事实）'),
                disagreements: z
                  .array(z.object({ fact: z.string(), reported: z.record(z.string(), z.unknown()), clauseValue: z.record(z.string(), z.unknown()) }))
                  .describe('与责任处室报送的同一事实取值不一致之处，须人工核对'),
              }),
            )
            .default([])
            .describe('参与处室及其报送（条款的值取责任处室报送并经核定的值；参与处室的报送只作为配合情况列出，不相加、不舍弃）'),
        }),
      ),
    }),
  ),
});
export const decompositionProgress = z.object({ unitId: z.string(), unitName: z.string(), schemeVersion: z.number().int(), leaders: z.array(leaderProgress) });
export type DecompositionProgress = z.infer<typeof decompositionProgress>;

export const decompositionApi = {
  fromScheme: defineOperation({ method: 'POST', path: '/api/schemes/:id/decomposition', tag: 'work', summary: '从方案分解到处室', description: '按方案各指标的责任处室和牵头领导，为单位建立处室、领导和条款分工（每条由所列第一个处室即责任处室报送；其余为参与处室，可报送本处室的部分，列在进度中）。dryRun 只预览。', permission: 'assignment:write', params: idParams, body: decompositionBody, response: decompositionResult, errors: ['not-found'] }),
  progress: defineOperation({ method: 'GET', path: '/api/assessments/:id/decomposition-progress', tag: 'work', summary: '牵头领导进度', description: '每位牵头领导所牵头的条款，按责任处室列出待报送、已报送、已核定、已退回；领导只看到本人牵头的条款。', permission: 'assessment:read', params: assessmentParams, querystring: progressQuery, response: decompositionProgress, errors: ['not-found'] }),
} as const;
