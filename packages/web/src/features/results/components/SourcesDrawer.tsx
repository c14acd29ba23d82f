import type { LedgerLineView } from '@kaohe/contract/api';
import { Alert, Descriptions, Drawer, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { Points } from '../../../components/ui/Points';
import { useAuth } from '../../../lib/auth';
import { factText } from '../../../lib/fact-input';
import { formatDateTime } from '../../../lib/format';
import { downloadEvidence, useLineSources } from '../api/drill-queries';
import { CorrectFactForm } from './CorrectFactForm';
import { judgementKindNames } from '../../../lib/labels';

const sourceNames = { import: '考评办导入', report: '单位报送', verification: '牵头部门核定' } as const;
const stateNames = { official: '官方数据', draft: '草稿', submitted: '已提交（自评）', returned: '已退回', verified: '已核定', withdrawn: '已撤回' } as const;

/**
 * The last steps of 得分反查: a ledger line → the fact (or judgement) it used, with its value,
 * source, state and reason → the evidence files of that clause for the unit, to download.
 */
export function SourcesDrawer({ assessmentId, unitId, open, onClose }: { assessmentId: string; unitId: string; open: { line: LedgerLineView; factId: string } | null; onClose: () => void }) {
  const { can } = useAuth();
  const ref = open?.line.ref ?? null;
  const { facts, judgements, evidence } = useLineSources(assessmentId, unitId, ref, { facts: can('fact:read'), evidence: can('evidence:read') });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const factId = open?.factId ?? '';
  const judgementId = factId.startsWith('judgement:') ? factId.slice('judgement:'.length) : null;
  const fact = facts.data?.find((f) => f.factKey === factId);
  const judgement = judgementId ? judgements.data?.find((j) => j.id === judgementId) : undefined;
  return (
    <Drawer open={open !== null} onClose={onClose} width={520} title={`得分来源：${factId}`} destroyOnHidden>
      {open && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            台账行：{open.line.text}（<Points value={open.line.amount} signed />）
          </Typography.Paragraph>
          {!can('fact:read') && <Alert type="info" showIcon message="您的角色不能查看事实明细。" />}
          <ErrorAlert error={facts.error ?? judgements.error ?? evidence.error ?? downloadError} />
          {(facts.isLoading || judgements.isLoading) && <Skeleton active />}
          {fact && (
            <Descriptions size="small" column={1} bordered title="事实" data-testid="fact-detail">
              <Descriptions.Item label="内容">{factText(fact.value)}</Descriptions.Item>
              <Descriptions.Item label="来源">{sourceNames[fact.source]}</Descriptions.Item>
              <Descriptions.Item label="状态">{stateNames[fact.state]}</Descriptions.Item>
              <Descriptions.Item label="期间">{fact.period}</Descriptions.Item>
              <Descriptions.Item label="版本">{fact.version}</Descriptions.Item>
              <Descriptions.Item label="理由">{fact.reason ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="最后修改">{`${fact.updatedBy ?? '—'} ${formatDateTime(fact.updatedAt)}`}</Descriptions.Item>
            </Descriptions>
          )}
          {fact && fact.state !== 'withdrawn' && can('judgement:write') && <CorrectFactForm key={`${fact.id}-${fact.version}`} assessmentId={assessmentId} unitId={unitId} fact={fact as never} />}
          {judgement && (
            <Descriptions size="small" column={1} bordered title="评分判定" data-testid="judgement-detail">
              <Descriptions.Item label="判定">
                {judgementKindNames[judgement.kind]} <Points value={judgement.points} />
              </Descriptions.Item>
              <Descriptions.Item label="理由">{judgement.reason}</Descriptions.Item>
              <Descriptions.Item label="录入">{`${judgement.enteredBy} ${formatDateTime(judgement.enteredAt)}`}</Descriptions.Item>
              <Descriptions.Item label="状态">{judgement.status === 'current' ? <Tag color="green">有效</Tag> : <Tag>已撤回</Tag>}</Descriptions.Item>
            </Descriptions>
          )}
          {can('fact:read') && facts.data && judgements.data && !fact && !judgement && <Alert type="warning" showIcon message={`没有找到事实“${factId}”的当前值（可能已撤回或不在您的数据范围内）。`} />}
          {can('evidence:read') && (
            <List
              header={<Typography.Text strong>证明材料（{ref}）</Typography.Text>}
              loading={evidence.isLoading}
              dataSource={evidence.data ?? []}
              locale={{ emptyText: '该条款没有上传证明材料。' }}
              renderItem={(e) => (
                <List.Item key={e.id} extra={formatDateTime(e.uploadedAt)}>
                  <a onClick={() => downloadEvidence(e).then(() => setDownloadError(null), setDownloadError)}>{e.originalName}</a>
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
