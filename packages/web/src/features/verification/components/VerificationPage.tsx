import type { QueueItemDto } from '@kaohe/contract/api/work';
import { Alert, Breadcrumb, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { factText } from '../../../lib/fact-input';
import { formatDateTime } from '../../../lib/format';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { downloadEvidence, useQueue, useRecompute, useReturn } from '../api/verification-api';
import { FactsSheetCard } from './FactsSheetCard';
import { LateProposalsCard } from './LateProposalsCard';
import { JudgementModal } from './JudgementModal';
import { JudgementsCard } from './JudgementsCard';
import { VerifyModal } from './VerifyModal';
import { judgementKindNames } from '../../../lib/labels';


/**
 * 审核评分 (lead assessor workbench): the submitted reports of the clauses it leads, oldest first,
 * with the reported facts, evidence and existing judgements; 核定 (with corrections), 退回 with a
 * reason, 评分判定 citing the clause. The 考评办 also sees 重新计算 and the facts sheet upload.
 */
export function VerificationPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const queue = useQueue(id);
  const recompute = useRecompute(id);
  const [verifying, setVerifying] = useState<QueueItemDto | null>(null);
  const [judging, setJudging] = useState<QueueItemDto | null>(null);
  const [returning, setReturning] = useState<QueueItemDto | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const items = queue.data?.items ?? [];
  const unitOptions = [...new Map(items.map((i) => [i.report.unitId, i.unitName])).entries()].map(([value, label]) => ({ value, label }));
  const shown = items.filter((i) => (!unit || i.report.unitId === unit) && (!keyword || i.report.clauseKey.includes(keyword) || i.clauseTitle.includes(keyword)));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '审核评分' }]} />
      <ErrorAlert error={queue.error ?? downloadError ?? recompute.error} />
      {recompute.data && <Alert type="success" showIcon message={`已重新计算 ${recompute.data.units} 个单位（方案第 ${recompute.data.schemeVersion} 版，${formatDateTime(recompute.data.computedAt)}）。`} action={<Link to={`/assessments/${id}/results`}>查看排名</Link>} />}
      <Card
        title={`待核定报送（${items.length}）`}
        extra={
          can('result:recompute') && (
            <Button type="primary" loading={recompute.isPending} onClick={() => recompute.mutate()}>
              {recompute.isPending ? '正在计算…' : '重新计算'}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder="单位" style={{ width: 200 }} value={unit} onChange={(v) => setUnit(v ?? null)} options={unitOptions} />
          <Input.Search placeholder="条款编码或内容" allowClear onSearch={setKeyword} style={{ width: 220 }} />
        </Space>
        <ListTable<QueueItemDto>
          rowKey={(i) => i.report.id}
          loading={queue.isLoading}
          dataSource={shown}
          scroll={{ x: 960 }}
          size="middle"
          empty={items.length === 0 ? '没有待核定的报送。单位提交报送后会出现在这里。' : '没有符合条件的报送，请修改查询条件。'}
          expandable={{
            expandedRowRender: (i) => (
              <Space direction="vertical" size={4}>
                <Typography.Text>条款：{i.clauseTitle}</Typography.Text>
                <Typography.Text>报送说明：{i.report.narrative || '—'}</Typography.Text>
                {i.judgements.length > 0 && (
                  <Typography.Text>
                    已有判定：
                    {i.judgements.map((j) => (
                      <Tag key={j.id}>
                        {judgementKindNames[j.kind]} <Points value={j.points} />（{j.reason}）
                      </Tag>
                    ))}
                  </Typography.Text>
                )}
              </Space>
            ),
          }}
          columns={[
            { title: '单位', dataIndex: 'unitName', width: 120, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
            { title: '条款', key: 'clause', width: 110, render: (_v, i) => <Typography.Text title={i.clauseTitle}>{i.report.clauseKey}</Typography.Text>, sorter: (a, b) => a.report.clauseKey.localeCompare(b.report.clauseKey) },
            { title: '单位报送（自评）', key: 'facts', render: (_v, i) => (i.report.facts.length === 0 ? <Typography.Text type="secondary">仅说明</Typography.Text> : i.report.facts.map((f, k) => <div key={k}>{factText(f)}</div>)) },
            {
              title: '证明材料',
              key: 'evidence',
              width: 200,
              render: (_v, i) =>
                i.evidence.length === 0 ? (
                  <Typography.Text type="secondary">无</Typography.Text>
                ) : (
                  i.evidence.map((e) => (
                    <div key={e.id}>
                      <a onClick={() => downloadEvidence(e).then(() => setDownloadError(null), setDownloadError)}>{e.originalName}</a>
                    </div>
                  ))
                ),
            },
            { title: '已判定', key: 'judged', width: 80, ...pointsColumn, render: (_v, i) => (i.judgements.length === 0 ? '—' : i.judgements.map((j) => <div key={j.id}><Points value={j.kind === 'deduction' ? `-${j.points}` : j.points} signed /></div>)) },
            { title: '提交时间', key: 'at', width: 150, responsive: ['lg'], render: (_v, i) => formatDateTime(i.report.updatedAt ?? i.report.submittedAt), sorter: (a, b) => (a.report.updatedAt ?? a.report.submittedAt).localeCompare(b.report.updatedAt ?? b.report.submittedAt) },
            {
              title: '操作',
              key: 'actions',
              width: 170,
              fixed: 'right',
              render: (_v, i) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setVerifying(i)}>
                    核定
                  </Button>
                  <Button type="link" size="small" danger onClick={() => setReturning(i)}>
                    退回
                  </Button>
                  <Button type="link" size="small" onClick={() => setJudging(i)}>
                    判定
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <JudgementsCard assessmentId={id} canReadUnits={can('org:read')} />
      <LateProposalsCard assessmentId={id} canPropose={can('calendar:write')} />
      {can('fact:import') && <FactsSheetCard assessmentId={id} />}
      {verifying && <VerifyModal assessmentId={id} item={verifying} onClose={() => setVerifying(null)} />}
      {judging && <JudgementModal assessmentId={id} target={{ unitId: judging.report.unitId, unitName: judging.unitName, clauseKey: judging.report.clauseKey, clauseTitle: judging.clauseTitle }} onClose={() => setJudging(null)} />}
      {returning && <ReturnModal assessmentId={id} item={returning} onClose={() => setReturning(null)} />}
    </Space>
  );
}

function ReturnModal({ assessmentId, item, onClose }: { assessmentId: string; item: QueueItemDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const back = useReturn(assessmentId);
  return (
    <Modal
      open
      title={`退回：${item.unitName} ${item.report.clauseKey}`}
      okText="退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={back.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => back.mutate({ reportId: item.report.id, version: item.report.version, reason: v.reason.trim() }, { onSuccess: onClose, onError: (e) => showFieldErrors(form, e) }))}
      destroyOnHidden
    >
      <ErrorAlert error={back.error} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '退回理由不能为空' }]} extra="单位会看到此理由，修改后重新提交。">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
