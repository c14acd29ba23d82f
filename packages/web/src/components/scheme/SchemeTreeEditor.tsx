import type { SchemeTreeClause, SchemeTreeNode } from '@kaohe/contract/api/scheme-editor';
import { Alert, Input, Table, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { isDecimal } from '../../lib/decimal';
import { Points } from '../ui/Points';
import { checkedCount, mismatches, sumCheck, treeRows, type TreeRow } from './tree-sums';

type Props = {
  nodes: readonly SchemeTreeNode[];
  /** Points being edited, by indicator code (decimal text as typed). */
  edits?: Readonly<Record<string, string>>;
  /** Given on a draft: points become editable and the sums follow as one types. */
  onPointsChange?: (code: string, points: string) => void;
  selectedClause?: string | null;
  onSelectClause?: (clause: SchemeTreeClause, node: SchemeTreeNode) => void;
};

/**
 * 指标树: every indicator with its points and, beside them, whether its children add up (live while
 * points are edited). A node's clauses are listed under it; a needs-review clause is marked 待复核.
 */
export function SchemeTreeEditor({ nodes, edits = {}, onPointsChange, selectedClause, onSelectClause }: Props) {
  const rows = useMemo(() => treeRows(nodes, edits), [nodes, edits]);
  const wrong = mismatches(rows);
  const editable = !!onPointsChange;
  return (
    <>
      {wrong.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sum-mismatches"
          message={`${wrong.length} 个指标的下级分值合计与本级不符`}
          description={wrong.slice(0, 5).map(({ row, check }) => `“${row.title}”${check.state === 'invalid' ? '有分值不是数字' : `分值 ${check.expected} 分，下级合计 ${check.childrenSum} 分`}`).join('；')}
        />
      ) : checkedCount(rows) === 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本方案的指标未逐级写明分值（如扣分清单），没有可核对的下级合计" />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`各级指标的下级分值合计均与本级相符（核对 ${checkedCount(rows)} 项）`} />
      )}
      <Table<TreeRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 520, y: 520 }}
        columns={[
          {
            title: '指标',
            dataIndex: 'title',
            render: (title: string, row) => (
              <div>
                <div>
                  {title} {row.isBonus && <Tag color="gold">加分项</Tag>}
                  {row.pointsVary && <Tag>按类别另有分值</Tag>}
                </div>
                {row.clauses.map((c) => (
                  <div key={c.code} className="kh-clause-line">
                    <a
                      role="button"
                      data-testid={`clause-${c.code}`}
                      onClick={() => onSelectClause?.(c, row)}
                      style={{ fontWeight: selectedClause === c.code ? 600 : undefined }}
                    >
                      {c.code}
                    </a>{' '}
                    {c.status === 'needs-review' && <Tag color="orange">待复核</Tag>}
                    <span className="kh-muted">{c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}</span>
                  </div>
                ))}
              </div>
            ),
          },
          {
            title: '分值',
            dataIndex: 'points',
            width: 100,
            align: 'right',
            render: (points: string | null, row) =>
              editable && row.points !== null ? (
                <Input
                  aria-label={`${row.title}分值`}
                  size="small"
                  value={points ?? ''}
                  status={points !== null && !isDecimal(points) ? 'error' : undefined}
                  onChange={(e) => onPointsChange?.(row.code, e.target.value.trim())}
                  style={{ width: 90, textAlign: 'right' }}
                />
              ) : (
                <Points value={points} />
              ),
          },
          {
            title: '下级合计',
            key: 'sum',
            width: 130,
            align: 'right',
            render: (_v, row) => {
              const check = sumCheck(row);
              if (check.state === 'none') return <span className="kh-muted">—</span>;
              const label = <Points value={check.childrenSum} />;
              return check.state === 'ok' ? (
                <span data-testid={`sum-${row.code}`}>
                  {label} <Tag color="green">相符</Tag>
                </span>
              ) : (
                <Tooltip title={check.state === 'invalid' ? '有分值不是数字' : `应为 ${check.expected} 分`}>
                  <span data-testid={`sum-${row.code}`}>
                    {label} <Tag color="red">不符</Tag>
                  </span>
                </Tooltip>
              );
            },
          },
        ]}
      />
    </>
  );
}
