import type { UnitResultView } from '@kaohe/contract/api';
import { Alert, Card, Descriptions, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { formatDateTime } from '../../../lib/format';
import { LedgerLine, LedgerLines, type LineHandlers } from './LedgerLines';
import { cardRows, lossesOnly, parentKeys, statusLabelsZh, type CardRow } from './score-card-rows';

/**
 * 计分卡 / 得分反查: a unit's total, then each item → clause with its score, and under each row the
 * ledger lines that explain every point gained or lost, the clause text they cite and the facts used.
 */
export function ScoreCard({ result, onFact, actions }: { result: UnitResultView } & LineHandlers) {
  const card = result.ledger;
  const { rows, other } = useMemo(() => cardRows(card), [card]);
  const [onlyLosses, setOnlyLosses] = useState(false);
  const shown = onlyLosses ? lossesOnly(rows) : rows;
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const toggleLosses = (on: boolean) => {
    setOnlyLosses(on);
    // 只看失分 opens the whole path down to the ledger lines that lost the points
    setExpanded(on ? parentKeys(lossesOnly(rows)) : []);
  };
  const otherShown = onlyLosses ? other.filter((l) => l.amount.startsWith('-')) : other;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small" title={`${result.unitName} 计分卡`}>
          <Descriptions.Item label="总分">
            <Typography.Text strong data-testid="unit-total">
              <Points value={result.total} />
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="等次">{result.gradeName ? <Tag color="blue">{result.gradeName}</Tag> : '未评定'}</Descriptions.Item>
          <Descriptions.Item label="名次">
            {result.ranks.length === 0 ? '—' : result.ranks.map((r) => `${r.groupName} 第 ${r.rank} 名 / 共 ${r.of} 个${r.isTied ? '（并列）' : ''}`).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label="计算时间">{formatDateTime(result.computedAt)}</Descriptions.Item>
          <Descriptions.Item label="指标得分">
            <Points value={card.itemsTotal} />
          </Descriptions.Item>
          <Descriptions.Item label="加分">
            <Points value={card.bonusTotal} />
          </Descriptions.Item>
          <Descriptions.Item label="负面清单扣分">
            <Points value={card.negativeTotal} />
          </Descriptions.Item>
          <Descriptions.Item label="扣分合计">
            <Points value={card.deductionTotal} />
          </Descriptions.Item>
        </Descriptions>
        {card.vetoes.length > 0 && <Alert type="error" showIcon message={`一票否决：${card.vetoes.join('、')}`} style={{ marginTop: 8 }} />}
        {(card.pendingJudgements > 0 || card.needsReview > 0) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={`尚有 ${card.pendingJudgements} 项待考核牵头部门认定、${card.needsReview} 项待人工复核；认定或复核后得分可能变化。`}
          />
        )}
        {card.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={`有 ${card.warnings.length} 条事实未计入得分，请核对后更正或撤回：`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="fact-warnings">
                {card.warnings.map((w) => (
                  <li key={`${w.fact}-${w.ref}`}>{w.message}</li>
                ))}
              </ul>
            }
          />
        )}
        {card.gradeNotes.map((n) => (
          <Alert key={n} type="info" showIcon message={n} style={{ marginTop: 8 }} />
        ))}
      </Card>
      <Card
        title="得分明细（得分反查）"
        extra={
          <Space>
            <span>只看失分</span>
            <Switch checked={onlyLosses} onChange={toggleLosses} aria-label="只看失分" />
          </Space>
        }
      >
        <Table<CardRow>
          rowKey="key"
          size="small"
          dataSource={shown}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded, indentSize: 16 }}
          onRow={(row) => (row.kind === 'line' ? { className: 'kh-ledger-row' } : {})}
          locale={{ emptyText: onlyLosses ? '没有失分项。' : '方案中没有指标。' }}
          columns={[
            {
              title: '指标 / 条款',
              dataIndex: 'title',
              render: (title: string, row) =>
                row.kind === 'line' && row.line ? (
                  <LedgerLine line={row.line} onFact={onFact} actions={actions} />
                ) : (
                <span>
                  {row.kind === 'clause' ? <Typography.Text type="secondary">条款 </Typography.Text> : null}
                  {title}
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    {row.code}
                  </Typography.Text>
                </span>
                ),
            },
            { title: '分值', dataIndex: 'points', width: 90, ...pointsColumn, render: (v: string | undefined, row) => (row.kind === 'line' ? null : <Points value={v} />) },
            { title: '得分', dataIndex: 'score', width: 90, ...pointsColumn, render: (v: string, row) => <Points value={v} signed={row.kind === 'line'} /> },
            { title: '扣分', dataIndex: 'deduction', width: 90, ...pointsColumn, render: (v: string, row) => (row.kind === 'line' ? null : <Points value={v} />) },
            { title: '加分', dataIndex: 'bonus', width: 90, ...pointsColumn, render: (v: string, row) => (row.kind === 'line' ? null : <Points value={v} />) },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: string, row) => (row.kind === 'line' ? null : <Tag color={statusLabelsZh[s]?.color}>{statusLabelsZh[s]?.text ?? s}</Tag>),
            },
          ]}
        />
        {otherShown.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              加减分、负面清单与其他
            </Typography.Title>
            <LedgerLines lines={otherShown} onFact={onFact} actions={actions} />
          </>
        )}
      </Card>
    </Space>
  );
}
