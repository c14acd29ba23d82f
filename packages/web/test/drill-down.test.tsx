// @vitest-environment jsdom
import { authApi } from '@kaohe/contract/api';
import { publicationView, publishedLedger } from '@kaohe/contract/api/publication';
import { workApi } from '@kaohe/contract/api/work';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScoreCardPage } from '../src/features/results/components/ScoreCardPage';
import { AuthProvider } from '../src/lib/auth';
import { unitResultFixture } from '../src/testing/fixtures';
import './setup';

const assessmentId = '00000000-0000-4000-8000-000000000001';
const unitId = '00000000-0000-4000-8000-000000000002';

// the server's answers, each parsed through the contract's response schema (a drifting fixture fails here)
const session = authApi.session.response.parse({ userId: 'u-1', login: 'xizhen', roleClass: 'business', roles: [{ role: 'unit-reporter', assessmentId: null, unitId, divisionId: null, leaderId: null }], stage: 'full', csrfToken: 'csrf' });
const facts = workApi.facts.response.parse([
  { id: 'fact-1', unitId, clauseKey: 'NY.LSMJ.p', factKey: 'facts.yaml#1', period: '全年', type: 'value', value: { id: 'facts.yaml#1', type: 'value', value: '21600' }, source: 'verification', state: 'verified', version: 2, reportId: null, reason: '按统计年报核定', updatedBy: '农业农村局', updatedAt: '2021-01-10T02:00:00.000Z' },
]);
const evidence = workApi.evidence.response.parse([
  { id: 'ev-1', assessmentId, unitId, clauseKey: 'NY.LSMJ.p', reportId: null, originalName: '粮食播种面积统计表.pdf', extension: 'pdf', mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'ab', uploadedBy: 'u-1', uploadedAt: '2021-01-05T02:00:00.000Z' },
]);

const publicationId = '00000000-0000-4000-8000-000000000009';
const publication = publicationView.parse({ id: publicationId, assessmentId, sequence: 1, publishedAt: '2021-01-20T02:00:00.000Z', schemeVersion: 1, digest: 'ab', digestAlgorithm: 'SHA-256', appealsUntil: '2999-01-01T00:00:00.000Z', previousPublicationId: null, reason: '发布', diff: [], units: 5 });
// the published ledger: line 0 as computed now; line 1 published with another amount (recomputed since); line 2 the negative list
const published = publishedLedger.parse({
  publicationId,
  sequence: 1,
  unit: { unitId, unitCode: 'xizhen', unitName: '螅镇', group: '镇', total: '98.4', rank: 1, grade: 'A', gradeName: '优秀' },
  lines: [
    { index: 0, ref: 'NY.LSMJ.p', text: '完成 21600 / 目标 24000 × 1 分 = 0.9 分', amount: '0.9' },
    { index: 1, ref: 'NY.LSCL.p', text: '完成 50000 / 目标 54168 × 1 分 = 0.92 分', amount: '0.92' },
    { index: 2, ref: 'FM.1', text: '负面清单：被县级以上通报批评 1 次，扣 0.5 分', amount: '-0.5' },
  ],
});
const requested: string[] = [];
beforeEach(() => {
  requested.length = 0;
  vi.stubGlobal('fetch', async (input: string) => {
    requested.push(input);
    const path = input.split('?')[0] ?? input;
    const body = path === '/api/auth/session' ? session : path === `/api/assessments/${assessmentId}/results/${unitId}` ? unitResultFixture() : path.endsWith('/facts') ? facts : path.endsWith('/judgements') ? [] : path.endsWith('/evidence') ? evidence : path.endsWith('/publications') ? [publication] : path === `/api/publications/${publicationId}/units/${unitId}` ? published : undefined;
    return body === undefined ? new Response(JSON.stringify({ error: { code: 'not-found', message: '不存在' } }), { status: 404 }) : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage() {
  const router = createMemoryRouter([{ path: '/assessments/:id/results/:unitId', element: <ScoreCardPage /> }], { initialEntries: [`/assessments/${assessmentId}/results/${unitId}`] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('得分反查 to the end: total → item → clause → ledger line → fact → evidence', () => {
  it('opens the fact a line used, with its verified value and source, and the evidence of its clause', async () => {
    renderPage();
    await screen.findByTestId('unit-total');
    for (let i = 0; i < 10; i++) {
      const button = document.querySelector('button.ant-table-row-expand-icon-collapsed') as HTMLElement | null;
      if (!button) break;
      fireEvent.click(button);
    }
    fireEvent.click(screen.getByRole('button', { name: 'facts.yaml#1' }));
    const detail = await screen.findByTestId('fact-detail', {}, { timeout: 10_000 });
    expect(within(detail).getByText('数值 21600')).toBeTruthy();
    expect(within(detail).getByText('牵头部门核定')).toBeTruthy();
    expect(within(detail).getByText('已核定')).toBeTruthy();
    expect(within(detail).getByText('按统计年报核定')).toBeTruthy();
    expect(await screen.findByText('粮食播种面积统计表.pdf', {}, { timeout: 10_000 })).toBeTruthy();
    // the facts and evidence asked for are the unit's, of the line's clause only
    expect(requested).toContain(`/api/assessments/${assessmentId}/facts?unitId=${unitId}&clauseKey=NY.LSMJ.p&limit=500`);
    expect(requested).toContain(`/api/assessments/${assessmentId}/evidence?unitId=${unitId}&clauseKey=NY.LSMJ.p`);
  });

  it('offers 申诉 only on lines the published ledger holds, and appeals the line by its number there', async () => {
    renderPage();
    await screen.findByTestId('unit-total');
    for (let i = 0; i < 10; i++) {
      const button = document.querySelector('button.ant-table-row-expand-icon-collapsed') as HTMLElement | null;
      if (!button) break;
      fireEvent.click(button);
    }
    await waitFor(() => expect(screen.getByTestId('appeal-note').textContent).toContain('与发布版本不同的行不能申诉'), { timeout: 10_000 });
    // 0.9 (published as line 0) and the negative list (line 2) can be appealed; 粮食总产量 was published with another amount
    const appeals = await screen.findAllByRole('button', { name: '申诉' });
    expect(appeals).toHaveLength(2);
    fireEvent.click(appeals[appeals.length - 1]!);
    await waitFor(() => expect(screen.getByText(/对台账第 3 行申诉：负面清单：被县级以上通报批评 1 次，扣 0.5 分/)).toBeTruthy(), { timeout: 10_000 });
  });
});
