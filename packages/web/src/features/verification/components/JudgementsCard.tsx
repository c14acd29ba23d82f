import type { JudgementDto } from '@kaohe/contract/api/work';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { ApiError, showFieldErrors } from '../../../lib/api-client';
import { compareDecimal, formatDateTime } from '../../../lib/format';
import { judgementAmount, judgementKindNames, judgementStatusNames } from '../../../lib/labels';
import { useJudgements, useUnits, useWithdrawJudgement } from '../api/verification-api';
import { JudgementModal } from './JudgementModal';

/**
 * 评分判定 of the workbench: every judgement the account may read (its clauses; the 考评办 all),
 * current and withdrawn, with 更正 and 撤回 (each with a reason, sent with the version read) and
 * 新增判定 for clauses scored without a report (见专项责任书). The recompute the server schedules
 * after a change carries the new value to the score card.
 */
export function JudgementsCard({ assessmentId, canReadUnits }: { assessmentId: string; canReadUnits: boolean }) {
  const judgements = useJudgements(assessmentId);
  const units = useUnits(canReadUnits);
  const [status, setStatus] = useState<'current' | 'withdrawn' | 'all'>('current');
  const [unit, setUnit] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const names = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const all = judgements.data ?? [];
  const byId = (id: string | null) => (id ? all.find((j) => j.id === id) : undefined);
  const shown = all.filter((j) => (status === 'all' || j.status === status) && (!unit || j.unitId === unit) && (!keyword || j.clauseKey.includes(keyword) || j.reason.includes(keyword)));
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const unitName = (id: string) => names.get(id) ?? '（单位）';
  const correctingJ = byId(correcting);
  const withdrawingJ = byId(withdrawing);
  return (
    <Card
      title={`评分判定（${all.filter((j) => j.status === 'current').length}）`}
      data-testid="judgements"
      extra={
        <Button onClick={() => setAdding(true)} disabled={!canReadUnits}>
          新增判定
        </Button>
      }
    >
      <ErrorAlert error={judgements.error ?? units.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 120 }} value={status} onChange={setStatus} options={[{ value: 'current', label: '有效' }, { value: 'withdrawn', label: '已撤回' }, { value: 'all', label: '全部' }]} aria-label="判定状态" />
        <Select allowClear showSearch optionFilterProp="label" placeholder="单位" style={{ width: 200 }} value={unit} onChange={(v) => setUnit(v ?? null)} options={unitOptions} />
        <Input.Search placeholder="条款编码或理由" allowClear onSearch={setKeyword} style={{ width: 220 }} />
      </Space>
      <ListTable<JudgementDto>
        rowKey="id"
        size="middle"
        loading={judgements.isLoading}
        dataSource={shown}
        scroll={{ x: 960 }}
        empty={all.length === 0 ? '尚无评分判定。在待核定报送中点“判定”，或点“新增判定”为人工评定条款评分。' : '没有符合条件的判定，请修改查询条件。'}
        columns={[
          { title: '单位', key: 'unit', width: 120, render: (_v, j) => unitName(j.unitId), sorter: (a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId), 'zh-CN') },
          { title: '条款', dataIndex: 'clauseKey', width: 110, sorter: (a, b) => a.clauseKey.localeCompare(b.clauseKey) },
          { title: '类型', dataIndex: 'kind', width: 70, render: (k: JudgementDto['kind']) => judgementKindNames[k] },
          { title: '分值', key: 'points', width: 90, ...pointsColumn, render: (_v, j) => <Points value={judgementAmount(j)} signed />, sorter: (a, b) => compareDecimal(judgementAmount(a), judgementAmount(b)) },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: JudgementDto['status']) => <Tag color={s === 'current' ? 'green' : 'default'}>{judgementStatusNames[s]}</Tag> },
          { title: '版本', dataIndex: 'version', width: 60, align: 'right' },
          { title: '最后修改', key: 'changed', width: 170, responsive: ['lg'], render: (_v, j) => `${j.updatedBy ?? j.enteredBy} ${formatDateTime(j.updatedAt ?? j.enteredAt)}`, sorter: (a, b) => (a.updatedAt ?? a.enteredAt).localeCompare(b.updatedAt ?? b.enteredAt) },
          {
            title: '操作',
            key: 'actions',
            width: 120,
            fixed: 'right',
            render: (_v, j) =>
              j.status === 'current' ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setCorrecting(j.id)}>
                    更正
                  </Button>
                  <Button type="link" size="small" danger onClick={() => setWithdrawing(j.id)}>
                    撤回
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      {correctingJ && <JudgementModal assessmentId={assessmentId} judgement={correctingJ} target={{ unitId: correctingJ.unitId, unitName: unitName(correctingJ.unitId), clauseKey: correctingJ.clauseKey }} onClose={() => setCorrecting(null)} />}
      {adding && <JudgementModal assessmentId={assessmentId} target={null} units={unitOptions} onClose={() => setAdding(false)} />}
      {withdrawingJ && <WithdrawModal assessmentId={assessmentId} judgement={withdrawingJ} unitName={unitName(withdrawingJ.unitId)} onClose={() => setWithdrawing(null)} />}
    </Card>
  );
}

function WithdrawModal({ assessmentId, judgement, unitName, onClose }: { assessmentId: string; judgement: JudgementDto; unitName: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawJudgement(assessmentId);
  const conflict = withdraw.error instanceof ApiError && withdraw.error.status === 409;
  return (
    <Modal
      open
      title={`撤回判定：${unitName} ${judgement.clauseKey}`}
      okText="撤回判定"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={withdraw.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => withdraw.mutate({ id: judgement.id, version: judgement.version, reason: v.reason.trim() }, { onSuccess: onClose, onError: (e) => showFieldErrors(form, e) }))}
      destroyOnHidden
    >
      <Typography.Paragraph>
        第 {judgement.version} 版：{judgementKindNames[judgement.kind]} <Points value={judgement.points} />，{judgement.reason}
      </Typography.Paragraph>
      {conflict ? <Alert role="alert" type="error" showIcon style={{ marginBottom: 16 }} message={(withdraw.error as ApiError).message} description="上面已是服务器上的最新版本，请核对后再撤回。" data-testid="judgement-conflict" /> : <ErrorAlert error={withdraw.error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '撤回理由不能为空' }]} extra="撤回后该判定不再计分，记入版本历史和审计日志。">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
