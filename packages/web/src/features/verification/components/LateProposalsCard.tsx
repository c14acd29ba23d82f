import type { ProposalView } from '@kaohe/contract/api';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag, message } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { showFieldErrors } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useDecideProposal, useLateProposals, usePropose } from '../api/late-proposals-api';

const statusColours: Record<ProposalView['status'], string> = { proposed: 'processing', confirmed: 'error', waived: 'default' };
type Decision = { decision: 'confirm' | 'waive'; proposal: ProposalView };

/**
 * 迟报漏报扣分建议: computed from submission times against the calendar (nobody types them); the lead
 * assessor confirms (a verified fact the engine scores, the ledger citing due date and submission
 * time) or waives each, always with a reason. The 考评办 runs the computation.
 */
export function LateProposalsCard({ assessmentId, canPropose }: { assessmentId: string; canPropose: boolean }) {
  const proposals = useLateProposals(assessmentId);
  const propose = usePropose(assessmentId);
  const decide = useDecideProposal(assessmentId);
  const [status, setStatus] = useState<ProposalView['status'] | undefined>('proposed');
  const [asOf, setAsOf] = useState<string | undefined>();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const rows = (proposals.data ?? []).filter((p) => !status || p.status === status);
  const pending = (proposals.data ?? []).filter((p) => p.status === 'proposed').length;

  const runPropose = async () => {
    try {
      const result = await propose.mutateAsync(asOf ? { asOf } : {});
      message.success(`新生成 ${result.created} 条扣分建议${result.skipped.length ? `，${result.skipped.length} 个条款未生成（见下）` : ''}`);
    } catch {
      // shown in the message area
    }
  };
  const submit = async ({ reason }: { reason: string }) => {
    if (!deciding) return;
    try {
      await decide.mutateAsync({ proposalId: deciding.proposal.id, body: { decision: deciding.decision, reason, version: deciding.proposal.version } });
      message.success(deciding.decision === 'confirm' ? '已确认扣分' : '已免于扣分');
      setDeciding(null);
    } catch (error) {
      showFieldErrors(form, error);
    }
  };

  return (
    <Card title={`迟报漏报扣分建议${pending ? `（待处理 ${pending}）` : ''}`}>
      <ErrorAlert error={proposals.error ?? propose.error} />
      {canPropose && (
        <Space wrap style={{ marginBottom: 12 }}>
          <span>按此日期判断逾期</span>
          <DatePicker allowClear onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} placeholder="今日" />
          <Button onClick={runPropose} loading={propose.isPending}>
            计算扣分建议
          </Button>
        </Space>
      )}
      {propose.data && propose.data.skipped.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="以下条款未生成扣分建议" description={<ul style={{ margin: 0 }}>{propose.data.skipped.map((s) => <li key={s.ref}>{`${s.ref}：${s.reason}`}</li>)}</ul>} />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="处理状态" style={{ width: 130 }} value={status} onChange={setStatus} options={[{ value: 'proposed', label: '待处理' }, { value: 'confirmed', label: '已确认' }, { value: 'waived', label: '已免扣' }]} />
      </Space>
      <ListTable<ProposalView>
        rowKey="id"
        loading={proposals.isLoading}
        dataSource={rows}
        scroll={{ x: 1000 }}
        empty={status === 'proposed' ? '没有待处理的扣分建议。' + (canPropose ? '点击“计算扣分建议”按报送日历检查逾期和漏报。' : '') : '没有扣分建议。'}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 130, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
          { title: '条款', dataIndex: 'ref', width: 90 },
          { title: '期次', dataIndex: 'period', width: 100 },
          { title: '类型', dataIndex: 'kindName', width: 90, render: (v: string, r) => <Tag color={r.kind === 'missing' ? 'red' : 'orange'}>{v}</Tag> },
          { title: '截止日', dataIndex: 'dueDate', width: 110 },
          { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : '未提交') },
          { title: '逾期（工作日）', dataIndex: 'businessDaysLate', width: 110, align: 'right', className: 'kh-num', render: (v: number, r) => `${v}（自然日 ${r.daysLate}）` },
          { title: '状态', dataIndex: 'statusName', width: 90, render: (v: string, r) => <Tag color={statusColours[r.status]}>{v}</Tag> },
          { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            fixed: 'right',
            render: (_v, r) =>
              r.status === 'proposed' && (
                <Space>
                  <Button size="small" danger onClick={() => (form.resetFields(), decide.reset(), setDeciding({ decision: 'confirm', proposal: r }))}>
                    确认扣分
                  </Button>
                  <Button size="small" onClick={() => (form.resetFields(), decide.reset(), setDeciding({ decision: 'waive', proposal: r }))}>
                    免于扣分
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        title={deciding ? `${deciding.decision === 'confirm' ? '确认扣分' : '免于扣分'}：${deciding.proposal.unitName} ${deciding.proposal.ref} ${deciding.proposal.period}` : ''}
        open={!!deciding}
        onCancel={() => setDeciding(null)}
        okText={deciding?.decision === 'confirm' ? '确认扣分' : '免于扣分'}
        okButtonProps={{ danger: deciding?.decision === 'confirm' }}
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {deciding && (
          <p>
            {deciding.proposal.kindName}：截止 {deciding.proposal.dueDate}，{deciding.proposal.submittedAt ? `提交于 ${formatDateTime(deciding.proposal.submittedAt)}` : '至今未提交'}。
            {deciding.decision === 'confirm' ? '确认后写入核定事实，由计分引擎按条款扣分，台账注明截止日与提交时间。' : '免扣后不扣分，理由记入审计。'}
          </p>
        )}
        <ErrorAlert error={decide.error} />
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '须说明理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
