import type { BodyOf, ResponseOf } from '@kaohe/contract/api';
import type { calendarApi } from '@kaohe/contract/api';
import { AutoComplete, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { ApiError, showFieldErrors } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useAddWindow, useClauses, useGenerate, useRemoveWindow, useWindows } from '../api/calendar-api';
import { cadenceNames, describeWindow } from './cadence';

type WindowRow = ResponseOf<typeof calendarApi.windows>[number];
type GenerateResult = ResponseOf<typeof calendarApi.generate>;
type FormValues = {
  ref: string;
  unitCategory?: string;
  cadence: WindowRow['window']['cadence'];
  dueDay?: number;
  dayKind?: 'calendar' | 'business';
  dueIn?: 'following-month' | 'last-month';
  dueDate?: string;
  period?: string;
  roll?: 'next-business-day' | 'none';
  unitBeforeLead?: number;
  divisionBeforeUnit?: number;
  note?: string;
};

export function windowBody(v: FormValues): BodyOf<typeof calendarApi.addWindow> {
  const dated = v.cadence === 'annual' || v.cadence === 'one-off';
  const cascade = v.unitBeforeLead !== undefined || v.divisionBeforeUnit !== undefined ? { unitBeforeLead: v.unitBeforeLead ?? 0, divisionBeforeUnit: v.divisionBeforeUnit ?? 0 } : null;
  return {
    ref: v.ref.trim(),
    unitCategory: v.unitCategory?.trim() || null,
    window: {
      cadence: v.cadence,
      ...(dated ? { dueDate: v.dueDate } : { dueDay: v.dueDay, dayKind: v.dayKind ?? 'calendar', dueIn: v.dueIn ?? 'following-month' }),
      ...(v.cadence === 'one-off' && v.period ? { period: v.period } : {}),
      roll: v.roll ?? 'next-business-day',
    },
    cascade,
    ...(v.note ? { note: v.note } : {}),
  };
}

const overCap = (error: unknown) => error instanceof ApiError && error.code === 'conflict' && error.message.includes('轮次上限');

/** 报送周期: the windows per clause or indicator (optionally one unit category), adding one, and generating the year's due items. */
export function WindowsTab({ assessmentId, canWrite }: { assessmentId: string; canWrite: boolean }) {
  const windows = useWindows(assessmentId);
  const clauses = useClauses(assessmentId);
  const add = useAddWindow(assessmentId);
  const remove = useRemoveWindow(assessmentId);
  const generate = useGenerate(assessmentId);
  const [form] = Form.useForm<FormValues>();
  const [reasonForm] = Form.useForm<{ reason?: string }>();
  const [adding, setAdding] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<GenerateResult | null>(null);
  const cadence = Form.useWatch('cadence', form);
  const dated = cadence === 'annual' || cadence === 'one-off';
  const rows = windows.data ?? [];

  const submit = async (values: FormValues) => {
    try {
      await add.mutateAsync(windowBody(values));
      message.success('已设定报送周期');
      form.resetFields();
      setAdding(false);
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  const runGenerate = async ({ reason }: { reason?: string }) => {
    try {
      setGenerated(await generate.mutateAsync(reason?.trim() ? { reason: reason.trim() } : {}));
    } catch (error) {
      // over the monthly round cap: the server asks for a reason, shown under the reason field
      if (overCap(error)) reasonForm.setFields([{ name: 'reason', errors: [(error as ApiError).message] }]);
      else showFieldErrors(reasonForm, error);
    }
  };

  return (
    <>
      <ErrorAlert error={windows.error ?? remove.error} />
      {canWrite && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setAdding(true)}>
            新增报送周期
          </Button>
          <Button disabled={rows.length === 0} title={rows.length === 0 ? '请先设定报送周期' : undefined} onClick={() => (setGenerated(null), generate.reset(), setGenerating(true))}>
            生成应报事项
          </Button>
        </Space>
      )}
      <ListTable<WindowRow>
        rowKey="id"
        loading={windows.isLoading}
        dataSource={rows}
        scroll={{ x: 900 }}
        empty={canWrite ? '尚未设定报送周期。点击“新增报送周期”，为条款或指标设定按月、按季等报送要求。' : '考评办尚未设定报送周期。'}
        columns={[
          { title: '条款/指标', dataIndex: 'ref', width: 110, sorter: (a, b) => a.ref.localeCompare(b.ref, 'zh-CN', { numeric: true }) },
          { title: '名称', dataIndex: 'refTitle', render: (v: string | null) => v ?? <span className="kh-muted">—</span> },
          { title: '适用单位类别', dataIndex: 'unitCategory', width: 120, render: (v: string | null) => v ?? '全部' },
          { title: '周期', key: 'cadence', width: 90, render: (_v, r) => <Tag>{cadenceNames[r.window.cadence]}</Tag> },
          { title: '截止规则', key: 'rule', render: (_v, r) => describeWindow(r.window) },
          { title: '层层报送', key: 'cascade', width: 170, render: (_v, r) => (r.cascade ? `处室早 ${r.cascade.divisionBeforeUnit} 日，单位早 ${r.cascade.unitBeforeLead} 日` : '—') },
          { title: '设定时间', dataIndex: 'createdAt', width: 140, render: formatDateTime },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 80,
                  render: (_v: unknown, r: WindowRow) => (
                    <Popconfirm title={`确定要删除 ${r.ref} 的报送周期吗？`} description="尚无扣分建议的应报事项一并删除。" onConfirm={() => remove.mutateAsync(r.id).then(() => message.success('已删除'))}>
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal title="新增报送周期" open={adding} onCancel={() => setAdding(false)} okText="保存" confirmLoading={add.isPending} onOk={() => form.submit()} destroyOnHidden width={640}>
        <ErrorAlert error={add.error} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ cadence: 'monthly', dayKind: 'calendar', dueIn: 'following-month', roll: 'next-business-day', dueDay: 5 }}>
          <Form.Item name="ref" label="条款或指标编码" rules={[{ required: true, message: '请选择或填写条款、指标编码' }]} extra={clauses.hasScheme ? undefined : '尚无方案：请先导入方案，再为其条款设定报送周期。'}>
            <AutoComplete
              options={clauses.rows.map((c) => ({ value: c.clauseCode, label: `${c.clauseCode} ${c.indicatorPath}：${c.text.slice(0, 30)}` }))}
              filterOption={(input, option) => String(option?.label ?? '').includes(input)}
              placeholder="如 N421"
            />
          </Form.Item>
          <Form.Item name="unitCategory" label="只适用于单位类别（不填为全部单位）">
            <Input placeholder="单位类别代码" />
          </Form.Item>
          <Form.Item name="cadence" label="报送周期" rules={[{ required: true }]}>
            <Select options={Object.entries(cadenceNames).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {dated ? (
            <>
              <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请填写截止日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期须为 YYYY-MM-DD' }]}>
                <Input placeholder="2026-12-31" />
              </Form.Item>
              {cadence === 'one-off' && (
                <Form.Item name="period" label="报送名称" rules={[{ required: true, message: '请填写一次性报送的名称' }]}>
                  <Input placeholder="如 年中自查" />
                </Form.Item>
              )}
            </>
          ) : (
            <Space wrap>
              <Form.Item name="dueIn" label="截止月份">
                <Select style={{ width: 150 }} options={[{ value: 'following-month', label: '次月' }, { value: 'last-month', label: '当期最后一月' }]} />
              </Form.Item>
              <Form.Item name="dayKind" label="计日方式">
                <Select style={{ width: 120 }} options={[{ value: 'calendar', label: '自然日' }, { value: 'business', label: '工作日' }]} />
              </Form.Item>
              <Form.Item name="dueDay" label="第几日" rules={[{ required: true, message: '请填写截止日' }]}>
                <InputNumber min={1} max={31} precision={0} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="roll" label="遇节假日">
            <Select options={[{ value: 'next-business-day', label: '顺延到下一个工作日' }, { value: 'none', label: '不顺延' }]} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="divisionBeforeUnit" label="处室比单位提前（工作日）">
              <InputNumber min={0} max={30} precision={0} />
            </Form.Item>
            <Form.Item name="unitBeforeLead" label="单位比牵头部门提前（工作日）">
              <InputNumber min={0} max={30} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="生成应报事项" open={generating} onCancel={() => setGenerating(false)} okText={generated ? '关闭' : '生成'} confirmLoading={generate.isPending} onOk={() => (generated ? setGenerating(false) : reasonForm.submit())} destroyOnHidden>
        <p>按报送周期和节假日生成全年的应报事项，并安排提醒。已生成的事项会按当前设定重新计算。</p>
        {!overCap(generate.error) && <ErrorAlert error={generate.error} />}
        <Form form={reasonForm} layout="vertical" onFinish={runGenerate}>
          <Form.Item name="reason" label="超过每月报送轮次上限时的理由（记入审计）">
            <Input.TextArea rows={2} maxLength={2000} placeholder="未超过上限时可不填" />
          </Form.Item>
        </Form>
        {generated && (
          <div role="status">
            <p>
              共 {generated.total} 项应报事项（新增 {generated.created}，删除 {generated.removed}），安排提醒 {generated.reminderJobs} 项。
            </p>
            {generated.overCap.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.unitId}-${r.month}`}
                pagination={false}
                dataSource={generated.overCap}
                title={() => `超过每月 ${generated.roundsCap} 轮上限的单位${generated.reason ? `（理由：${generated.reason}）` : ''}`}
                columns={[{ title: '单位', dataIndex: 'unitName' }, { title: '月份', dataIndex: 'month' }, { title: '轮次', dataIndex: 'rounds', align: 'right' }]}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
