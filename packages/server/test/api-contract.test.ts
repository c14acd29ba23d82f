import { assessmentApi, auditApi, authApi, calendarApi, errorCodesOf, apiErrorStatus, notificationsApi, orgApi, resultsApi, systemApi, usersApi, type Operation } from '@kaohe/contract/api';
import { appealsApi } from '@kaohe/contract/api/appeals';
import { workApi } from '@kaohe/contract/api/work';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsApi } from '@kaohe/contract/api/exports';
import { reportSheetApi } from '@kaohe/contract/api/report-sheet';
import { decompositionApi } from '@kaohe/contract/api/decomposition';
import { burdenApi } from '@kaohe/contract/api/burden';
import { multiyearApi } from '@kaohe/contract/api/multiyear';
import { surveyApi } from '@kaohe/contract/api/survey';
import { whatifApi } from '@kaohe/contract/api/whatif';
import { publicationApi } from '@kaohe/contract/api/publication';
import { signingApi } from '@kaohe/contract/api/signing';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { schemeUploadApi } from '@kaohe/contract/api/scheme-upload';
import { unitsFromSchemeApi } from '@kaohe/contract/api/units-from-scheme';
import { createHarness, type Harness } from './harness';
import { seedWork } from './world-data';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
});
afterAll(async () => {
  await h?.close();
});

const modules = { systemApi, authApi, usersApi, orgApi, auditApi, assessmentApi, resultsApi, calendarApi, notificationsApi, schemeUploadApi, unitsFromSchemeApi, publicationApi, exportsApi, schemeEditorApi, whatifApi, burdenApi, surveyApi, multiyearApi, workApi, appealsApi, reportSheetApi, decompositionApi, signingApi } as Record<string, Record<string, Operation>>;
const operations = Object.entries(modules).flatMap(([module, ops]) => Object.entries(ops).map(([name, op]) => ({ id: `${module}.${name}`, op })));
const han = /[\u4e00-\u9fff]/;

type OpenApiOperation = { summary?: string; description?: string; tags?: string[]; responses?: Record<string, { description?: string; content?: Record<string, unknown> }> };

describe('the API contract', () => {
  it('registers every contract operation, with its Chinese summary, description and error responses in OpenAPI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
    expect(operations.length).toBeGreaterThan(40);
    for (const { id, op } of operations) {
      const documented = doc.paths[op.path.replace(/:(\w+)/g, '{$1}')]?.[op.method.toLowerCase()];
      expect(documented, `${id} ${op.method} ${op.path}`).toBeDefined();
      expect(documented!.summary, id).toBe(op.summary);
      expect(documented!.summary, id).toMatch(han);
      expect(documented!.description, id).toMatch(han);
      const responses = documented!.responses ?? {};
      expect(responses['200']?.content, `${id} declares its 200 response`).toBeDefined();
      for (const code of errorCodesOf(op)) {
        const status = String(apiErrorStatus[code]);
        expect(responses[status]?.description ?? '', `${id} documents ${code} under ${status}`).toContain(code);
      }
      const permitted = h.app.routeCatalogue.find((r) => r.method === op.method && r.url === op.path);
      expect(permitted?.permission, `${id} permission`).toBe(op.permission);
    }
  });

  it('answers errors with the contract error body', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthenticated', message: '请先登录' } });
  });

  it('returns DTOs: times as ISO text, no stored secrets, rankings with grade and group names', async () => {
    const sysadmin = await h.login('sysadmin');
    const users = (await sysadmin.request('GET', usersApi.list.path)).json() as Record<string, unknown>[];
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(u).not.toHaveProperty('passwordHash');
      expect(u).not.toHaveProperty('totpSecret');
      expect(String(u.createdAt)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    const kpb = await h.login('kpb');
    expect((await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`)).statusCode).toBe(200);
    const rows = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results`)).json() as { unitCode: string; total: string; ranks: unknown[]; computedAt: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.computedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(resultsApi.rankings.response.safeParse(rows).success).toBe(true);
    const unit = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results/${h.ids.units.U1}`)).json();
    const parsed = resultsApi.unit.response.safeParse(unit);
    expect(parsed.success).toBe(true);
    const card = parsed.data!.ledger;
    expect(card.entries.length).toBe(card.lines.length);
    expect(card.entries.every((e) => e.text.length > 0)).toBe(true);
  });
});
