import type { z } from 'zod';
import type { workItemDto } from '@kaohe/contract/api/work';
import { Alert, Breadcrumb, Button, Card, Col, Input, Row, Segmented, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { useAssessedUnits, useMyResult, useUnitEvidence, useWorkItems } from '../api/reports-api';
import { ReportModal } from './ReportModal';

type Item = z.infer<typeof workItemDto>;
type State = 'todo' | 'draft' | 'submitted' | 'returned' | 'verified' | 'locked';

// the colours clerks know: 待提交 grey, 已提交 blue, 已退回 orange, 已审核 green
export const stateTags: Record<State, { text: string; color: string }> = {
  todo: { text: '未报送', color: 'default' },
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '已提交', color: 'blue' },
  returned: { text: '已退回', color: 'orange' },
  verified: { text: '已核定', color: 'green' },
  locked: { text: '已锁定', color: 'green' },
};
const stateOf = (item: Item): State => item.report?.state ?? 'todo';

/**
 * 数据填报 (unit portal): what the unit must report (the clauses of the published scheme that apply
 * to it, cut to the account's scope), each with its state; report facts with a narrative and
 * evidence, see a returned report's reason and resubmit; the score so far, 自评 beside 核定.
 */
export function WorkPage() {
  const { id = '' } = useParams();
  const { session, can } = useAuth();
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const ownUnits = useMemo(() => [...new Set((session?.roles ?? []).filter((g) => (g.role === 'unit-reporter' || g.role === 'division-user') && g.unitId && (!g.assessmentId || g.assessmentId === id)).map((g) => g.unitId!))], [session, id]);
  const isOffice = can('fact:import');
  const units = useAssessedUnits(isOffice && ownUnits.length === 0);
  const [picked, setPicked] = useState<string | null>(null);
  const unitId = picked ?? ownUnits[0] ?? null;
  const items = useWorkItems(id, unitId);
  const evidence = useUnitEvidence(id, unitId);
  const result = useMyResult(id, unitId);
  const [open, setOpen] = useState<Item | null>(null);
  const [filter, setFilter] = useState<'all' | 'owed' | 'returned'>('all');
  const [keyword, setKeyword] = useState('');

  const all = items.data?.items ?? [];
  const owed = all.filter((i) => ['todo', 'draft', 'returned'].includes(stateOf(i)));
  const returned = all.filter((i) => stateOf(i) === 'returned');
  const shown = (filter === 'owed' ? owed : filter === 'returned' ? returned : all).filter((i) => !keyword || i.ref.includes(keyword) || i.title.includes(keyword));
  const filesOf = (ref: string) => (evidence.data ?? []).filter((e) => e.clauseKey === ref);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '数据填报' }]} />
      <ErrorAlert error={items.error ?? units.error} />
      {ownUnits.length === 0 && isOffice && (
        <Card size="small">
          <Space wrap>
            <span>代为报送的单位：</span>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              placeholder="选择被考核单位"
              loading={units.isLoading}
              value={picked}
              onChange={setPicked}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))}
            />
          </Space>
        </Card>
      )}
      {unitId === null && !isOffice && <Alert type="info" showIcon message="您的账户没有所属单位，无法报送。请联系安全管理员授予本单位的填报角色。" />}
      {items.data && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="尚需报送" value={owed.length} suffix={`/ ${all.length} 项`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="被退回" value={returned.length} suffix="项" valueStyle={returned.length > 0 ? { color: '#d46b08' } : undefined} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="核定得分" valueRender={() => <Points value={result.data?.total ?? null} />} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="自评得分（含待核定）" valueRender={() => <Points value={result.data?.ledger.selfAssessedTotal ?? result.data?.total ?? null} />} />
              {result.data && (
                <Link to={`/assessments/${id}/results/${unitId}`} style={{ fontSize: 12 }}>
                  查看每一分的来历
                </Link>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <Card title={items.data ? `${items.data.unitName} 应报送事项（方案第 ${items.data.schemeVersion} 版）` : '应报送事项'}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            options={[
              { value: 'all', label: `全部 ${all.length}` },
              { value: 'owed', label: `待报送 ${owed.length}` },
              { value: 'returned', label: `已退回 ${returned.length}` },
            ]}
          />
          <Input.Search placeholder="条款编码或内容" allowClear onSearch={setKeyword} style={{ width: 220 }} />
        </Space>
        <ListTable<Item>
          rowKey="ref"
          loading={items.isLoading}
          dataSource={shown}
          scroll={{ x: 760 }}
          size="middle"
          empty={unitId === null ? '请先选择单位' : filter === 'all' ? '本单位没有需要报送的事项。' : '没有符合条件的事项。'}
          columns={[
            { title: '编码', dataIndex: 'ref', width: 110, sorter: (a, b) => a.ref.localeCompare(b.ref) },
            {
              title: '指标或条款',
              dataIndex: 'title',
              render: (title: string, item) => (
                <Space direction="vertical" size={0} style={{ maxWidth: 400, minWidth: 0 }}>
                  <Typography.Text ellipsis={{ tooltip: title }} style={{ display: 'block', maxWidth: 400 }}>
                    {title}
                  </Typography.Text>
                  {item.report?.state === 'returned' && (
                    <Typography.Text type="warning" data-testid="return-reason">
                      退回理由：{item.report.stateReason}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: '分值', dataIndex: 'points', width: 80, ...pointsColumn, render: (v: string) => <Points value={v || null} /> },
            { title: '填报内容', dataIndex: 'factTypeName', width: 110, responsive: ['md'] },
            {
              title: '状态',
              key: 'state',
              width: 90,
              filters: Object.entries(stateTags).map(([value, t]) => ({ value, text: t.text })),
              onFilter: (value, item) => stateOf(item) === value,
              render: (_v, item) => <Tag color={stateTags[stateOf(item)].color}>{stateTags[stateOf(item)].text}</Tag>,
            },
            { title: '材料', key: 'files', width: 70, align: 'right', render: (_v, item) => filesOf(item.ref).length },
            { title: '报送时间', key: 'at', width: 150, responsive: ['lg'], render: (_v, item) => (item.report ? formatDateTime(item.report.updatedAt ?? item.report.submittedAt) : '—') },
            {
              title: '操作',
              key: 'actions',
              width: 110,
              fixed: 'right',
              render: (_v, item) => {
                const state = stateOf(item);
                const label = state === 'returned' ? '修改重报' : state === 'draft' ? '继续填写' : state === 'todo' ? '报送' : null;
                return label && can('report:submit') ? (
                  <Button type="link" size="small" onClick={() => setOpen(item)}>
                    {label}
                  </Button>
                ) : null;
              },
            },
          ]}
        />
      </Card>
      {open && unitId && <ReportModal assessmentId={id} unitId={unitId} item={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}
