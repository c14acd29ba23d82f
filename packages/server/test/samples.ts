import type { Harness } from './harness';
import { multipart, pdfBytes } from './multipart';
import { uniq } from './world-data';

export const missing = '00000000-0000-4000-8000-000000000000';

/** A plausible request for each route; a fresh value where the route creates something unique. */
export function sampleRequest(h: Harness, targetUserId: string, method: string, url: string): { url: string; payload?: unknown; headers?: Record<string, string> } {
  const { ids } = h;
  const fill = url
    .replace(':id/roles/:roleId', `${targetUserId}/roles/${missing}`)
    .replace('/api/users/:id', `/api/users/${targetUserId}`)
    .replace('/api/units/:id', `/api/units/${ids.units.U1}`)
    .replace('/api/leaders/:id', `/api/leaders/${ids.leaderId}`)
    .replace('/api/organisations/:id', `/api/organisations/${ids.organisationId}`)
    .replace('/api/categories/:id', `/api/categories/${missing}`)
    .replace('/api/schemes/:id', `/api/schemes/${ids.schemeId}`)
    .replace('/api/evidence/:id', `/api/evidence/${missing}`)
    .replace(/^\/api\/(jobs|scheme-uploads|publicity|objections|publications|appeals)\/:id/, `/api/$1/${missing}`)
    .replace(/^\/api\/(calendar\/windows|calendar\/late-proposals|notifications)\/:id/, `/api/$1/${missing}`)
    .replace(':clauseCode', 'C1')
    .replace(':scenarioId', missing)
    .replace('/api/facts/:id', `/api/facts/${missing}`)
    .replace('/api/reports/:id', `/api/reports/${missing}`)
    .replace('/api/judgements/:id', `/api/judgements/${missing}`)
    .replace('/api/security/sso-links/:id', `/api/security/sso-links/${missing}`)
    .replace('/api/security/approver-keys/:id', `/api/security/approver-keys/${missing}`)
    .replace(':provider', 'matrix-oidc')
    .replace(':unitId', ids.units.U1)
    .replace('/api/assessments/:id', `/api/assessments/${ids.assessmentId}`)
    .replace('/api/public/assessments/:id', `/api/public/assessments/${ids.assessmentId}`);
  const key = `${method} ${url}`;
  const bodies: Record<string, () => unknown> = {
    'POST /api/auth/login': () => ({ login: 'nobody', password: 'x' }),
    'PUT /api/security/labels': () => ({ objectType: 'evidence', objectId: missing, label: 'public' }),
    'POST /api/auth/password': () => ({ currentPassword: 'wrong', newPassword: 'x' }),
    'POST /api/auth/totp/confirm': () => ({ secret: 'AAAAAAAAAAAAAAAA', code: '000000' }),
    'POST /api/organisations': () => ({ code: uniq('org'), name: '新组织' }),
    'POST /api/organisations/:id/categories': () => ({ name: uniq('类别') }),
    'POST /api/categories/:id/groups': () => ({ name: '组' }),
    'POST /api/units': () => ({ organisationId: ids.organisationId, code: uniq('unit'), name: '新单位' }),
    'PATCH /api/units/:id': () => ({ name: '甲镇' }),
    'POST /api/units/:id/divisions': () => ({ name: uniq('处室') }),
    'POST /api/leaders': () => ({ organisationId: ids.organisationId, name: '李副县长' }),
    'POST /api/leaders/:id/units': () => ({ unitId: ids.units.U1 }),
    'POST /api/users': () => ({ login: uniq('user'), displayName: '新用户', initialPassword: 'Init#Passw0rd' }),
    'PATCH /api/users/:id': () => ({ displayName: '目标账户' }),
    'POST /api/users/:id/roles': () => ({ role: 'leader', leaderId: ids.leaderId }),
    'POST /api/security/lockouts/clear': () => ({ login: 'nobody' }),
    'POST /api/security/approver-keys': () => ({ userId: targetUserId, algorithm: 'SM2-SM3', publicKey: `04${'a1'.repeat(64)}` }),
    'POST /api/publications/:id/approvals': () => ({ action: '审定' }),
    'PUT /api/security/sso-providers/:provider': () => ({
      kind: 'oidc',
      displayName: '矩阵',
      enabled: false,
      config: { authorizationEndpoint: 'https://idp.invalid/a', tokenEndpoint: 'https://idp.invalid/t', userinfoEndpoint: 'https://idp.invalid/u', clientId: 'k', redirectUri: 'https://kaohe.invalid/cb' },
    }),
    'POST /api/security/sso-links/:id/link': () => ({ userId: targetUserId }),
    'POST /api/assessments': () => ({ organisationId: ids.organisationId, year: 2027, name: uniq('考核') }),
    'POST /api/assessments/:id/schemes': () => ({ document: { formatVersion: 2 } }),
    'PUT /api/schemes/:id': () => ({ document: { formatVersion: 2 } }),
    'PUT /api/assessments/:id/assignments': () => ({ unitId: ids.units.U1, clauseKey: 'C1', divisionId: ids.divisionId }),
    'PUT /api/assessments/:id/targets': () => ({ targets: [{ unitId: ids.units.U1, clauseKey: 'C1', target: '零通报' }] }),
    'POST /api/assessments/:id/facts/import': () => ({ clientKey: uniq('import'), facts: [{ id: 'f-u1-c1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 }] }),
    'POST /api/assessments/:id/reports': () => ({ clientKey: uniq('report'), unitId: ids.units.U1, clauseKey: 'C1', facts: [] }),
    'POST /api/assessments/:id/judgements': () => ({ unitId: ids.units.U1, clauseKey: 'C2', kind: 'deduction', points: '0.5', reason: '推进不力' }),
    'POST /api/facts/:id/correct': () => ({ value: { id: 'f-u1-c1', type: 'occurrence', count: 1 }, reason: '核定更正' }),
    'POST /api/facts/:id/withdraw': () => ({ reason: '重复录入' }),
    'PUT /api/reports/:id': () => ({ narrative: '补充说明' }),
    'POST /api/reports/:id/submit': () => ({}),
    'POST /api/reports/:id/verify': () => ({}),
    'POST /api/reports/:id/return': () => ({ reason: '材料不全' }),
    'POST /api/reports/:id/lock': () => ({}),
    'POST /api/judgements/:id/correct': () => ({ points: '0.5', reason: '推进不力', changeReason: '复核' }),
    'POST /api/judgements/:id/withdraw': () => ({ reason: '误录' }),
    'POST /api/schemes/:id/clauses/:clauseCode/review': () => ({ action: 'confirm', note: '确认' }),
    'POST /api/schemes/:id/units': () => ({ dryRun: true }),
    'POST /api/schemes/:id/clauses/:clauseCode/try': () => ({ facts: [] }),
    'POST /api/assessments/:id/publicity': () => ({ days: 1 }),
    'POST /api/publicity/:id/withdraw': () => ({ reason: '更正' }),
    'POST /api/publicity/:id/objections': () => ({ unitId: ids.units.U1, text: '异议' }),
    'POST /api/objections/:id/answer': () => ({ answer: '已核实', version: 1 }),
    'POST /api/assessments/:id/publications': () => ({ periodId: missing }),
    'POST /api/assessments/:id/appeals': () => ({ clientKey: uniq('appeal'), unitId: ids.units.U1, ref: 'C1', lineIndex: 0, reason: '扣分有误' }),
    'POST /api/appeals/:id/lead-opinion': () => ({ opinion: 'reject', reason: '不成立', version: 1 }),
    'POST /api/appeals/:id/decision': () => ({ decision: 'rejected', reason: '不成立', version: 1 }),
    'PUT /api/assessments/:id/calendar/settings': () => ({ roundsCap: 4 }),
    'POST /api/assessments/:id/calendar/windows': () => ({ ref: 'C1', window: { cadence: 'quarterly', dueDay: 10 } }),
    'POST /api/assessments/:id/calendar/generate': () => ({ reason: '权限矩阵测试' }),
    'POST /api/assessments/:id/calendar/late-proposals': () => ({}),
    'POST /api/calendar/late-proposals/:id/decision': () => ({ decision: 'waive', reason: '免扣', version: 1 }),
    'PUT /api/notification-channels/smtp': () => ({ host: '127.0.0.1', port: 2525, secure: false, from: 'kaohe@example.cn', enabled: false }),
    'PUT /api/notification-channels/zzd': () => ({ apiUrl: 'http://127.0.0.1:9/', appKey: 'kaohe-app', tenantId: '1', enabled: false }),
    'POST /api/assessments/:id/whatif/run': () => ({ name: '矩阵情景', ops: [{ op: 'waive-fact', fact: 'f-u1-c1', reason: '试算' }] }),
    'POST /api/assessments/:id/copy-to-next-year': () => ({ name: uniq('下一年度'), mapping: [] }),
    'POST /api/assessments/:id/whatif/scenarios': () => ({ name: uniq('情景'), ops: [{ op: 'waive-fact', fact: 'f-u1-c1', reason: '试算' }] }),
    'POST /api/schemes/:id/decomposition': () => ({ unitId: ids.units.U1, dryRun: true }),
  };
  if (key === 'POST /api/assessments/:id/scheme-uploads') {
    const m = multipart({ clientKey: uniq('upload') }, { name: 'scheme.txt', content: Buffer.from('考核细则\n') });
    return { url: fill, payload: m.payload, headers: m.headers };
  }
  if (key === 'POST /api/assessments/:id/evidence') {
    const m = multipart({ clientKey: uniq('ev'), unitId: ids.units.U1, clauseKey: 'C1' }, { name: 'a.pdf', content: pdfBytes });
    return { url: fill, payload: m.payload, headers: m.headers };
  }
  const queries: Record<string, string> = {
    'GET /api/publications/:id/tongbao.docx': `?docNumber=${encodeURIComponent('测考发〔2027〕1号')}`,
    'GET /api/publications/:id/tongbao.pdf': `?docNumber=${encodeURIComponent('测考发〔2027〕1号')}`,
    'GET /api/assessments/:id/facts-template.xlsx': `?unitId=${ids.units.U1}`,
    'GET /api/assessments/:id/whatif/compare': `?a=${missing}&b=${missing}`,
    'GET /api/assessments/:id/compare-years': `?with=${missing}&unitId=${ids.units.U1}`,
    'GET /api/schemes/:id/export': '?as=xlsx&layout=targets',
    'GET /api/assessments/:id/work-items': `?unitId=${ids.units.U1}`,
    'GET /api/assessments/:id/report-template.xlsx': `?unitId=${ids.units.U1}`,
    'GET /api/assessments/:id/decomposition-progress': `?unitId=${ids.units.U1}`,
    'GET /api/security/labels': `?objectType=results&objectId=${ids.assessmentId}`,
  };
  const body = bodies[key];
  return { url: fill + (queries[key] ?? ''), ...(body ? { payload: body() } : {}) };
}

