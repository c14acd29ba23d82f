import type { LedgerLineView } from '@kaohe/contract/api';
import { List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Points } from '../../../components/ui/Points';

const sourceText = (s: NonNullable<LedgerLineView['cite']>['source']) => {
  if (!s) return '';
  const parts = [s.file, s.sheet, s.table !== undefined ? `表${s.table}` : '', s.row !== undefined ? `第${s.row}行` : '', s.line !== undefined ? `第${s.line}行` : '', s.cell ?? ''];
  return parts.filter(Boolean).join(' ');
};

/** One ledger line: its words, the clause text it cites (with where in the scheme) and the facts it used. */
export type LineHandlers = {
  /** Opens a fact the line used (得分反查: line → fact → evidence). */
  onFact?: ((line: LedgerLineView, factId: string) => void) | undefined;
  /** Actions beside a line (申诉). */
  actions?: ((line: LedgerLineView) => ReactNode) | undefined;
};

export function LedgerLine({ line, onFact, actions }: { line: LedgerLineView } & LineHandlers) {
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text>{line.text}</Typography.Text>
      {line.cite && (
        <Typography.Text type="secondary" className="kh-cite">
          依据：{line.cite.text}
          {line.cite.source ? `（${sourceText(line.cite.source)}）` : ''}
        </Typography.Text>
      )}
      {line.facts.length > 0 && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">事实：</Typography.Text>
          {line.facts.map((f) => (
            <Tag key={f} className="kh-fact" {...(onFact ? { onClick: () => onFact(line, f), style: { cursor: 'pointer' }, role: 'button', title: '查看事实和证明材料' } : {})}>
              {f}
            </Tag>
          ))}
        </Space>
      )}
      {actions?.(line)}
    </Space>
  );
}

/** Ledger lines: what each point gained or lost was, the clause it cites, the facts it used. */
export function LedgerLines({ lines, onFact, actions }: { lines: LedgerLineView[] } & LineHandlers) {
  if (lines.length === 0) return <Typography.Text type="secondary">本项没有计分记录。</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={lines}
      className="kh-ledger"
      renderItem={(line, i) => (
        <List.Item key={i} extra={<Points value={line.amount} signed />}>
          <LedgerLine line={line} onFact={onFact} actions={actions} />
        </List.Item>
      )}
    />
  );
}
