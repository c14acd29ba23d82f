import { z } from 'zod';
import { assessmentParams } from './assessment';
import { uuidParam } from './fields';
import { defineOperation } from './operation';

/** The year's calendar (docs/calendar.md): holiday list, report windows, due items, late deductions, completion dashboard. */
const tag = 'calendar';
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD')
  .describe('日期（YYYY-MM-DD，考评办所在地日期）');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间须为 HH:MM');
const days = z.array(z.number().int().min(0).max(60)).max(10);

export const holidayListSchema = z.strictObject({
  name: z.string().max(200).optional(),
  source: z.string().max(200).optional(),
  holidays: z.array(z.strictObject({ name: z.string().trim().min(1).max(50), from: isoDate, to: isoDate })).max(100).describe('放假日期段'),
  workdays: z.array(z.strictObject({ name: z.string().trim().min(1).max(50), date: isoDate })).max(100).describe('调休上班日'),
});
export const reminderSettingsSchema = z.strictObject({
  beforeDays: days.describe('截止日前几天提醒（如 [3, 1]）'),
  afterDays: days.describe('逾期后几天催报（如 [1, 3]）'),
  sendAt: clock.describe('提醒发送时间（当地时间）'),
  quietFrom: clock.describe('免打扰开始（当地时间）'),
  quietTo: clock.describe('免打扰结束（当地时间）'),
});
export const calendarSettingsBody = z.strictObject({
  holidays: holidayListSchema.optional(),
  roundsCap: z.number().int().min(1).max(31).nullable().optional().describe('每个单位每月最多报送轮次；null 为不限'),
  reminders: reminderSettingsSchema.optional(),
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
  version: z.number().int().min(0).optional().describe('读取时的版本号（从未设置过为 0）；已被他人修改时返回 409'),
});
export const calendarSettingsView = z.object({
  assessmentId: z.string(),
  holidays: holidayListSchema,
  roundsCap: z.number().int().nullable(),
  reminders: reminderSettingsSchema,
  utcOffsetMinutes: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  delivery: z
    .object({
      inApp: z.string(),
      email: z.object({ configured: z.boolean(), enabled: z.boolean(), sends: z.boolean(), message: z.string().describe('中文说明；未配置 SMTP 时说明邮件提醒不会发送') }),
      push: z.object({ adapter: z.string().nullable(), sends: z.boolean(), message: z.string() }),
    })
    .describe('提醒的发送渠道：站内通知、邮件（仅在配置并启用 SMTP 时）、政务消息推送'),
});

export const reportWindowSchema = z.strictObject({
  cadence: z.enum(['monthly', 'bimonthly', 'quarterly', 'half-yearly', 'annual', 'one-off']).describe('报送周期：月 / 双月 / 季 / 半年 / 年 / 一次性'),
  dueDay: z.number().int().min(1).max(31).optional().describe('截止日：次月（或当期最后一月）第几日；dayKind 为 business 时为第几个工作日'),
  dayKind: z.enum(['calendar', 'business']).optional(),
  dueIn: z.enum(['following-month', 'last-month']).optional(),
  dueDate: isoDate.optional().describe('年度或一次性报送的截止日期'),
  period: z.string().trim().min(1).max(50).optional().describe('一次性报送的名称'),
  roll: z.enum(['next-business-day', 'none']).optional().describe('截止日遇节假日是否顺延（默认顺延）'),
});
/** A window as entered: the cadence may be left out when the scheme states it (docs/calendar.md, Windows). */
export const reportWindowInput = reportWindowSchema.extend({
  cadence: reportWindowSchema.shape.cadence.optional().describe('报送周期；方案已规定（条款或指标的 cadence，或原文“每月…报送”等）时可不填，填写须与方案一致'),
});
export const cascadeSchema = z.strictObject({
  unitBeforeLead: z.number().int().min(0).max(30).describe('单位比牵头部门提前的工作日数'),
  divisionBeforeUnit: z.number().int().min(0).max(30).describe('处室比单位提前的工作日数'),
});
export const reportWindowBody = z.strictObject({
  ref: z.string().trim().min(1).max(100).describe('条款或指标编码'),
  unitCategory: z.string().trim().min(1).max(100).nullable().optional().describe('只适用于此类别的单位；不填为该条款的全部单位'),
  window: reportWindowInput,
  cascade: cascadeSchema.nullable().optional(),
  note: z.string().max(500).optional(),
});
export const reportWindowView = z.object({
  id: z.string(),
  ref: z.string(),
  refTitle: z.string().nullable(),
  unitCategory: z.string().nullable(),
  window: reportWindowSchema,
  cadenceFrom: z
    .object({ from: z.enum(['scheme', 'text', 'office']), at: z.string().nullable(), words: z.string().nullable() })
    .describe('报送周期的来源：方案规定（scheme，at 为条款或指标编码）、原文（text，words 为原文短语）或考评办设定（office，方案未规定）'),
  cascade: cascadeSchema.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const generateBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000).optional().describe('报送轮次超过上限时须说明理由（记入审计）'),
});
export const roundsOverView = z.object({ unitId: z.string(), unitName: z.string(), month: z.string(), rounds: z.number().int() });
export const generateResult = z.object({
  total: z.number().int().describe('生成的应报事项数'),
  created: z.number().int(),
  removed: z.number().int(),
  roundsCap: z.number().int().nullable(),
  overCap: z.array(roundsOverView).describe('超过每月报送轮次上限的单位和月份'),
  reason: z.string().nullable(),
  reminderJobs: z.number().int().describe('新安排的提醒任务数（每个提醒日一项）'),
});

export const dueStates = ['due', 'submitted', 'verified', 'returned', 'late', 'missing'] as const;
export const dueStateNames: Record<(typeof dueStates)[number], string> = { due: '待报送', submitted: '已报送', verified: '已核定', returned: '已退回', late: '逾期报送', missing: '逾期未报' };
export const dueItemView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  ref: z.string(),
  period: z.string(),
  label: z.string(),
  dueDate: isoDate,
  unitDue: isoDate,
  divisionDue: isoDate,
  submittedAt: z.string().nullable().describe('首次提交时间（ISO，UTC）'),
  verifiedAt: z.string().nullable(),
  state: z.enum(dueStates),
  stateName: z.string(),
  daysLate: z.number().int(),
  businessDaysLate: z.number().int(),
});
export type DueItemView = z.infer<typeof dueItemView>;
export const dueQuery = z.strictObject({
  on: isoDate.optional().describe('只列截止日为这一天的事项'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  unitId: uuidParam('unitId').optional(),
  state: z.enum(dueStates).optional(),
});

const counts = z.object({
  due: z.number().int().describe('应报事项（全年）'),
  dueByNow: z.number().int().describe('截至今日已到期'),
  submitted: z.number().int().describe('已报送（含已核定、已退回）'),
  verified: z.number().int(),
  returned: z.number().int(),
  late: z.number().int().describe('逾期报送'),
  missing: z.number().int().describe('到期未报'),
});
export const completionRow = counts.extend({ unitId: z.string(), unitName: z.string() });
export const completionView = z.object({ asOf: isoDate, units: z.array(completionRow), leadDepartments: z.array(completionRow), total: counts });
export type CompletionView = z.infer<typeof completionView>;

export const proposeBody = z.strictObject({ asOf: isoDate.optional().describe('按此日期判断逾期与漏报（默认今日）') });
export const proposalView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  ref: z.string(),
  period: z.string(),
  kind: z.enum(['late', 'missing']),
  kindName: z.string(),
  dueDate: isoDate,
  submittedAt: z.string().nullable(),
  asOf: isoDate,
  daysLate: z.number().int(),
  businessDaysLate: z.number().int(),
  fact: z.record(z.string(), z.unknown()).describe('确认后写入的事实'),
  status: z.enum(['proposed', 'confirmed', 'waived']),
  statusName: z.string(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  factId: z.string().nullable(),
  version: z.number().int(),
});
export type ProposalView = z.infer<typeof proposalView>;
export const proposeResult = z.object({ created: z.number().int(), skipped: z.array(z.object({ ref: z.string(), reason: z.string() })), proposals: z.array(proposalView) });
export const decideProposalBody = z.strictObject({
  decision: z.enum(['confirm', 'waive']).describe('确认扣分 / 免于扣分'),
  reason: z.string().trim().min(1, '须说明理由').max(2000),
  version: z.number().int().min(1),
});
export const proposalParams = z.strictObject({ id: uuidParam('id') });
export const windowParams = z.strictObject({ id: uuidParam('id') });
const asOfQuery = z.strictObject({ asOf: isoDate.optional() });

export const calendarApi = {
  settings: defineOperation({ method: 'GET', path: '/api/assessments/:id/calendar/settings', tag, summary: '日历设置', description: '节假日与调休清单、每月报送轮次上限、提醒与免打扰时段。未设置时为国务院当年放假安排。', permission: 'calendar:read', params: assessmentParams, response: calendarSettingsView, errors: ['not-found'] }),
  updateSettings: defineOperation({ method: 'PUT', path: '/api/assessments/:id/calendar/settings', tag, summary: '修改日历设置', description: '考评办修改节假日与调休清单、报送轮次上限或提醒设置（记入审计）。', permission: 'calendar:write', params: assessmentParams, body: calendarSettingsBody, response: calendarSettingsView, errors: ['not-found', 'conflict'] }),
  windows: defineOperation({ method: 'GET', path: '/api/assessments/:id/calendar/windows', tag, summary: '报送周期', description: '各条款、指标（或某类单位）的报送周期与截止规则。', permission: 'calendar:read', params: assessmentParams, response: z.array(reportWindowView), errors: ['not-found'] }),
  addWindow: defineOperation({ method: 'POST', path: '/api/assessments/:id/calendar/windows', tag, summary: '设定报送周期', description: '为条款或指标设定报送周期（按月、双月、季、半年、年或一次性），可只适用于一类单位，可设层层报送的提前工作日数。', permission: 'calendar:write', params: assessmentParams, body: reportWindowBody, response: reportWindowView, errors: ['not-found'] }),
  removeWindow: defineOperation({ method: 'DELETE', path: '/api/calendar/windows/:id', tag, summary: '删除报送周期', description: '删除一个报送周期及其尚无扣分建议的应报事项。', permission: 'calendar:write', params: windowParams, response: z.object({ ok: z.literal(true) }), errors: ['not-found', 'conflict'] }),
  generate: defineOperation({ method: 'POST', path: '/api/assessments/:id/calendar/generate', tag, summary: '生成应报事项', description: '按报送周期和节假日生成全年的应报事项（单位 × 条款 × 期次 × 截止日），并安排提醒。超过每月报送轮次上限时须填写理由。', permission: 'calendar:write', params: assessmentParams, body: generateBody, response: generateResult, errors: ['not-found', 'conflict'] }),
  dueItems: defineOperation({ method: 'GET', path: '/api/assessments/:id/calendar/due-items', tag, summary: '应报事项', description: '每个单位每期的截止日、提交与核定时间和状态（待报送、已报送、已核定、已退回、逾期报送、逾期未报），按数据范围过滤。', permission: 'calendar:read', params: assessmentParams, querystring: dueQuery, response: z.array(dueItemView), errors: ['not-found'] }),
  completion: defineOperation({ method: 'GET', path: '/api/assessments/:id/calendar/completion', tag, summary: '报送完成情况', description: '按单位和牵头部门统计应报、已到期、已报送、已核定、已退回、逾期报送和逾期未报的数量。', permission: 'calendar:read', params: assessmentParams, querystring: asOfQuery, response: completionView, errors: ['not-found'] }),
  propose: defineOperation({ method: 'POST', path: '/api/assessments/:id/calendar/late-proposals', tag, summary: '计算迟报漏报扣分建议', description: '对规定迟报、漏报或逾期扣分的条款，按提交时间和截止日计算扣分建议，交牵头部门确认或免扣；已有建议的事项不重复生成。', permission: 'calendar:write', params: assessmentParams, body: proposeBody, response: proposeResult, errors: ['not-found'] }),
  proposals: defineOperation({ method: 'GET', path: '/api/assessments/:id/calendar/late-proposals', tag, summary: '迟报漏报扣分建议', description: '扣分建议及其处理状态，牵头部门只看到其牵头条款的。', permission: 'judgement:read', params: assessmentParams, response: z.array(proposalView), errors: ['not-found'] }),
  decide: defineOperation({ method: 'POST', path: '/api/calendar/late-proposals/:id/decision', tag, summary: '确认或免除扣分', description: '牵头部门确认扣分（写入核定事实，由计分引擎计分，台账注明截止日与提交时间）或免于扣分，均须说明理由并记入审计。', permission: 'judgement:write', params: proposalParams, body: decideProposalBody, response: proposalView, errors: ['not-found', 'conflict'] }),
} as const;

/** The windows file of `kaohe calendar` (YAML or JSON): the windows, and optionally the holiday list and the round cap. */
export const calendarFileSchema = z.strictObject({
  holidays: holidayListSchema.optional().describe('节假日与调休清单；不填时 2026 年用国务院放假安排，其他年度仅按周末计算'),
  roundsCap: z.number().int().min(1).max(31).optional(),
  windows: z.array(reportWindowBody).min(1, '至少设定一个报送周期'),
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;
