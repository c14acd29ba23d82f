import type { AppealView } from '@kaohe/contract/api/appeals';
import type { PublicationView } from '@kaohe/contract/api/publication';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { useAppeals, useDecide, useLeadOpinion } from '../api/appeals-api';

const statusColour: Record<AppealView['status'], string> = { submitted: 'blue', 'lead-reviewed': 'gold', upheld: 'green', rejected: 'default' };
type Acting = { appeal: AppealView; as: 'lead' | 'office' };

/**
 * 申诉: every appeal the account may see with its state; the lead assessor of the line gives its
 * opinion, then the 考评办 decides, each with reasons. An upheld appeal publishes a new version:
 * its differences from the previous one are shown.
 */
export function AppealsPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const appeals = useAppeals(id);
  const [acting, setActing] = useState<Acting | null>(null);
  const [published, setPublished] = useState<PublicationView | null>(null);
  const [status, setStatus] = useState<'all' | AppealView['status']>('all');
  const list = (appeals.data ?? []).filter((a) => status === 'all' || a.status === status);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '申诉' }]} />
      <ErrorAlert error={appeals.error} />
      {published && <PublicationDiff publication={published} />}
      <Card title="申诉">
        {/* five filters do not fit a phone's width: they scroll inside their own strip, not the page */}
        <div style={{ overflowX: 'auto', maxWidth: '100%', marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'submitted', label: '待牵头部门复核' },
            { value: 'lead-reviewed', label: '待考评办决定' },
            { value: 'upheld', label: '成立' },
            { value: 'rejected', label: '驳回' },
          ]}
        />
        </div>
        <ListTable<AppealView>
          rowKey="id"
          loading={appeals.isLoading}
          dataSource={list}
          scroll={{ x: 900 }}
          empty={can('appeal:submit') ? '尚无申诉。结果发布后，在计分卡中对某一行得失分点“申诉”。' : '尚无申诉。'}
          expandable={{
            expandedRowRender: (a) => (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="申诉理由">{a.reason}</Descriptions.Item>
                <Descriptions.Item label="佐证材料">{a.evidenceIds.length} 份</Descriptions.Item>
                <Descriptions.Item label="牵头部门意见">{a.leadOpinion ? `${a.leadOpinion === 'uphold' ? '成立' : '不成立'}：${a.leadReason}（${formatDateTime(a.leadAt)}）` : '—'}</Descriptions.Item>
                <Descriptions.Item label="考评办决定">{a.decision ? `${a.decision === 'upheld' ? '申诉成立' : '驳回'}：${a.decisionReason}（${formatDateTime(a.decidedAt)}）` : '—'}</Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: '提出时间', dataIndex: 'createdAt', width: 150, render: formatDateTime, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt) },
            { title: '单位', dataIndex: 'unitName', width: 120 },
            { title: '条款', dataIndex: 'ref', width: 90 },
            { title: '申诉的台账行', key: 'line', render: (_v, a) => <Typography.Text>{a.line.text}</Typography.Text> },
            { title: '分值', key: 'amount', width: 90, ...pointsColumn, render: (_v, a) => <Points value={a.line.amount} signed /> },
            { title: '状态', dataIndex: 'statusName', width: 120, render: (v: string, a) => <Tag color={statusColour[a.status]}>{v}</Tag> },
            {
              title: '操作',
              key: 'actions',
              width: 120,
              fixed: 'right',
              render: (_v, a) =>
                a.status === 'submitted' && can('appeal:review') ? (
                  <Button type="link" size="small" onClick={() => setActing({ appeal: a, as: 'lead' })}>
                    复核意见
                  </Button>
                ) : (a.status === 'lead-reviewed' || a.status === 'submitted') && can('appeal:decide') ? (
                  <Button type="link" size="small" onClick={() => setActing({ appeal: a, as: 'office' })}>
                    决定
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {acting && <DecisionModal assessmentId={id} acting={acting} onClose={() => setActing(null)} onPublished={setPublished} />}
    </Space>
  );
}

function DecisionModal({ assessmentId, acting, onClose, onPublished }: { assessmentId: string; acting: Acting; onClose: () => void; onPublished: (p: PublicationView) => void }) {
  const [form] = Form.useForm<{ choice: string; reason: string }>();
  const lead = useLeadOpinion(assessmentId);
  const decide = useDecide(assessmentId);
  const pending = lead.isPending || decide.isPending;
  const { appeal } = acting;
  const isLead = acting.as === 'lead';
  const submit = async () => {
    const v = await form.validateFields();
    const onError = (e: unknown) => showFieldErrors(form, e);
    if (isLead) lead.mutate({ appealId: appeal.id, body: { opinion: v.choice as 'uphold' | 'reject', reason: v.reason.trim(), version: appeal.version } }, { onSuccess: onClose, onError });
    else
      decide.mutate(
        { appealId: appeal.id, body: { decision: v.choice as 'upheld' | 'rejected', reason: v.reason.trim(), version: appeal.version } },
        {
          onSuccess: (r) => {
            if (r.publication) onPublished(r.publication);
            onClose();
          },
          onError,
        },
      );
  };
  return (
    <Modal open title={isLead ? '牵头部门复核意见' : '考评办决定'} okText={isLead ? '提交意见' : '提交决定'} cancelText="取消" confirmLoading={pending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        {appeal.unitName} 对“{appeal.line.text}”（<Points value={appeal.line.amount} signed />）申诉：{appeal.reason}
      </Typography.Paragraph>
      {appeal.leadOpinion && <Typography.Paragraph type="secondary">牵头部门意见：{appeal.leadOpinion === 'uphold' ? '成立' : '不成立'}，{appeal.leadReason}</Typography.Paragraph>}
      {!isLead && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="申诉成立时，须先更正事实或判定并重新计算；决定即以更正后的结果发布新版本。" />}
      <ErrorAlert error={lead.error ?? decide.error} />
      <Form form={form} layout="vertical">
        <Form.Item name="choice" label={isLead ? '意见' : '决定'} rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group options={isLead ? [{ value: 'uphold', label: '成立' }, { value: 'reject', label: '不成立' }] : [{ value: 'upheld', label: '申诉成立' }, { value: 'rejected', label: '驳回' }]} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '理由不能为空' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The differences an upheld appeal's new publication made: per unit, total, rank and grade before → after, and the changed lines. */
function PublicationDiff({ publication }: { publication: PublicationView }) {
  return (
    <Card title={`已发布第 ${publication.sequence} 版（${formatDateTime(publication.publishedAt)}）：与上一版本的差异`}>
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={publication.diff}
        locale={{ emptyText: '与上一版本相比没有单位的结果变化。' }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 120 },
          { title: '总分（前 → 后）', key: 'total', width: 170, align: 'right', render: (_v, d) => <span className="kh-num"><Points value={d.before.total} /> → <Points value={d.after.total} /></span> },
          { title: '名次', key: 'rank', width: 100, align: 'right', render: (_v, d) => `${d.before.rank ?? '—'} → ${d.after.rank ?? '—'}` },
          { title: '等次', key: 'grade', width: 130, render: (_v, d) => `${d.before.gradeName ?? '—'} → ${d.after.gradeName ?? '—'}` },
          { title: '变化的台账行', key: 'lines', render: (_v, d) => d.lines.map((l, i) => <div key={i}>{l}</div>) },
        ]}
      />
    </Card>
  );
}
