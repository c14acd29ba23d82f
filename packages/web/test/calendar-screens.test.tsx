// @vitest-environment jsdom
import { authApi, calendarApi, completionView, reportWindowBody } from '@kaohe/contract/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeWindow } from '../src/features/calendar/components/cadence';
import { CompletionTable } from '../src/features/calendar/components/CompletionPage';
import { lightOf, percentText } from '../src/features/calendar/components/traffic-light';
import { windowBody } from '../src/features/calendar/components/WindowsTab';
import { LateProposalsCard } from '../src/features/verification/components/LateProposalsCard';
import { AuthProvider } from '../src/lib/auth';
import './setup';

afterEach(cleanup);

describe('completion traffic lights (预警)', () => {
  it('green from 95 %, yellow from 85 %, red below, grey when nothing is due yet — exactly at the edges', () => {
    expect(lightOf({ dueByNow: 20, submitted: 19 })).toBe('green');
    expect(lightOf({ dueByNow: 20, submitted: 18 })).toBe('yellow');
    expect(lightOf({ dueByNow: 20, submitted: 17 })).toBe('yellow');
    expect(lightOf({ dueByNow: 20, submitted: 16 })).toBe('red');
    expect(lightOf({ dueByNow: 0, submitted: 3 })).toBe('none');
    // items reported ahead of their due date do not lift a unit over 100 %
    expect(lightOf({ dueByNow: 10, submitted: 14 })).toBe('green');
    expect(lightOf({ dueByNow: 3, submitted: 0 })).toBe('red');
  });

  it('shows the share with one decimal, rounded half up from whole numbers', () => {
    expect(percentText({ dueByNow: 3, submitted: 1 })).toBe('33.3%');
    expect(percentText({ dueByNow: 3, submitted: 2 })).toBe('66.7%');
    expect(percentText({ dueByNow: 8, submitted: 7 })).toBe('87.5%');
    expect(percentText({ dueByNow: 4, submitted: 9 })).toBe('100.0%');
    expect(percentText({ dueByNow: 0, submitted: 0 })).toBe('—');
  });

  it('the table tags each unit with its light, right-aligns the counts and filters by light', () => {
    const data = completionView.parse({
      asOf: '2026-07-01',
      total: { due: 60, dueByNow: 30, submitted: 25, verified: 20, returned: 1, late: 2, missing: 5 },
      units: [
        { unitId: 'u1', unitName: '坑镇', due: 20, dueByNow: 10, submitted: 10, verified: 9, returned: 0, late: 1, missing: 0 },
        { unitId: 'u2', unitName: '螅镇', due: 20, dueByNow: 10, submitted: 9, verified: 8, returned: 1, late: 1, missing: 1 },
        { unitId: 'u3', unitName: '峪口乡', due: 20, dueByNow: 10, submitted: 6, verified: 3, returned: 0, late: 0, missing: 4 },
      ],
      leadDepartments: [],
    });
    render(<CompletionTable rows={data.units} who="单位" />);
    const light = (name: string) => within(screen.getByText(name).closest('tr')!).getByText(/正常|预警|滞后|未到期/).textContent;
    expect(light('坑镇')).toBe('正常');
    expect(light('螅镇')).toBe('预警');
    expect(light('峪口乡')).toBe('滞后');
    expect(within(screen.getByText('峪口乡').closest('tr')!).getByText('60.0%').closest('td')!.className).toContain('kh-num');
    // filter: only the red one
    fireEvent.mouseDown(screen.getByText('预警状态').closest('.ant-select-selector')!);
    fireEvent.click(screen.getAllByText('滞后').find((e) => e.closest('.ant-select-item'))!);
    expect(screen.queryByText('坑镇')).toBeNull();
    expect(screen.getByText('峪口乡')).toBeTruthy();
  });

  it('says what to do when the calendar has no due items yet', () => {
    render(<CompletionTable rows={[]} who="单位" />);
    expect(screen.getByText(/请先在“报送日历”设定报送周期并生成应报事项/)).toBeTruthy();
  });
});

describe('report windows', () => {
  it('a monthly window by the 5th business day, with a cascade, is the body the contract takes', () => {
    const body = windowBody({ ref: ' N421 ', cadence: 'monthly', dueDay: 5, dayKind: 'business', dueIn: 'following-month', roll: 'next-business-day', unitBeforeLead: 2, divisionBeforeUnit: 1 });
    expect(reportWindowBody.parse(body)).toEqual({
      ref: 'N421',
      unitCategory: null,
      window: { cadence: 'monthly', dueDay: 5, dayKind: 'business', dueIn: 'following-month', roll: 'next-business-day' },
      cascade: { unitBeforeLead: 2, divisionBeforeUnit: 1 },
    });
    expect(describeWindow(body.window)).toBe('每月，次月第 5 个工作日前（遇节假日顺延）');
  });

  it('a one-off window carries its date and name and no day-of-month fields', () => {
    const body = windowBody({ ref: 'A1', unitCategory: 'town', cadence: 'one-off', dueDate: '2026-06-30', period: '年中自查', dueDay: 5, roll: 'none' });
    expect(reportWindowBody.parse(body).window).toEqual({ cadence: 'one-off', dueDate: '2026-06-30', period: '年中自查', roll: 'none' });
    expect(body.unitCategory).toBe('town');
    expect(body.cascade).toBeNull();
    expect(describeWindow(body.window)).toBe('一次性，年中自查，2026-06-30 前（遇节假日不顺延）');
  });
});

describe('late-deduction proposals in the assessor workbench', () => {
  const assessmentId = '00000000-0000-4000-8000-000000000001';
  const proposalId = '00000000-0000-4000-8000-000000000005';
  const session = authApi.session.response.parse({ userId: 'u-2', login: 'nyj', roleClass: 'business', roles: [{ role: 'lead-assessor', assessmentId: null, unitId: null, divisionId: null, leaderId: null }], stage: 'full', csrfToken: 'csrf' });
  const proposal = {
    id: proposalId, unitId: 'u1', unitName: '坑镇', ref: 'N421', period: '2026-03', kind: 'late', kindName: '迟报', dueDate: '2026-04-08', submittedAt: '2026-04-10T02:00:00.000Z', asOf: '2026-04-20',
    daysLate: 2, businessDaysLate: 2, fact: {}, status: 'proposed', statusName: '待处理', reason: null, decidedAt: null, factId: null, version: 1,
  };
  const sent: { url: string; body: unknown }[] = [];
  beforeEach(() => {
    sent.length = 0;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0];
      if (init?.method === 'POST') {
        sent.push({ url: path!, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify(calendarApi.decide.response.parse({ ...proposal, status: 'waived', statusName: '已免扣', reason: '系统故障', version: 2 })), { status: 200 });
      }
      const body = path === '/api/auth/session' ? session : path === `/api/assessments/${assessmentId}/calendar/late-proposals` ? calendarApi.proposals.response.parse([proposal]) : undefined;
      return body ? new Response(JSON.stringify(body), { status: 200 }) : new Response(JSON.stringify({ error: { code: 'not-found', message: '不存在' } }), { status: 404 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('waiving needs a reason under the field, then sends the decision with the version read', async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AuthProvider>
          <LateProposalsCard assessmentId={assessmentId} canPropose={false} />
        </AuthProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('坑镇', {}, { timeout: 15_000 });
    expect(screen.getByText('迟报')).toBeTruthy();
    expect(screen.getByText('2（自然日 2）')).toBeTruthy();
    expect(screen.queryByText('计算扣分建议')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '免于扣分' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    expect(within(dialog).getByText(/截止 2026-04-08/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '免于扣分' }));
    // validation is asynchronous in antd forms; the machine may be slow
    expect(await within(dialog).findByText('须说明理由', {}, { timeout: 15_000 })).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText('理由'), { target: { value: '系统故障' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '免于扣分' }));
    await waitFor(() => expect(sent).toEqual([{ url: `/api/calendar/late-proposals/${proposalId}/decision`, body: { decision: 'waive', reason: '系统故障', version: 1 } }]), { timeout: 15_000 });
  });
});
