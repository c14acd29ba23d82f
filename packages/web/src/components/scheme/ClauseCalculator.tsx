import type { ResponseOf } from '@kaohe/contract/api';
import type { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { Alert, Button, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, messageOf } from '../../lib/api-client';
import { isDecimal } from '../../lib/decimal';
import { Points } from '../ui/Points';

type TryResult = ResponseOf<typeof schemeEditorApi.tryClause>;
type FactType = 'occurrence' | 'value' | 'rate' | 'count' | 'flag' | 'judgement' | 'lateness' | 'not-applicable';
type FactRow = { key: number; type: FactType; fields: Record<string, string> };

/** The fields a person types for each kind of fact, in the facts file's names. */
const factFields: Record<FactType, { label: string; fields: { name: string; label: string; kind: 'decimal' | 'integer' | 'text' | 'boolean' }[] }> = {
  occurrence: { label: '发生一次（问题、获奖…）', fields: [{ name: 'count', label: '次数', kind: 'integer' }, { name: 'level', label: '级别（可选）', kind: 'text' }] },
  value: { label: '数值', fields: [{ name: 'value', label: '数值', kind: 'decimal' }] },
  rate: { label: '比率（分子/分母）', fields: [{ name: 'numerator', label: '分子', kind: 'decimal' }, { name: 'denominator', label: '分母', kind: 'decimal' }] },
  count: { label: '完成数量', fields: [{ name: 'done', label: '完成数', kind: 'integer' }] },
  flag: { label: '是否（完成、达标…）', fields: [{ name: 'value', label: '是否（true/false）', kind: 'boolean' }] },
  judgement: { label: '考核人员评分', fields: [{ name: 'amount', label: '分值', kind: 'decimal' }, { name: 'reason', label: '理由', kind: 'text' }] },
  lateness: { label: '逾期', fields: [{ name: 'periods', label: '逾期期数（天/月）', kind: 'integer' }] },
  'not-applicable': { label: '不适用', fields: [{ name: 'reason', label: '理由', kind: 'text' }] },
};

function factOf(row: FactRow): { fact?: Record<string, unknown>; error?: string } {
  const fact: Record<string, unknown> = { type: row.type };
  for (const f of factFields[row.type].fields) {
    const text = (row.fields[f.name] ?? '').trim();
    if (text === '') continue;
    if (f.kind === 'integer') {
      if (!/^\d+$/.test(text)) return { error: `${f.label}须为整数` };
      fact[f.name] = Number(text);
    } else if (f.kind === 'decimal') {
      if (!isDecimal(text)) return { error: `${f.label}须为数字` };
      fact[f.name] = text;
    } else if (f.kind === 'boolean') {
      if (text !== 'true' && text !== 'false') return { error: `${f.label}须为 true 或 false` };
      fact[f.name] = text === 'true';
    } else fact[f.name] = text;
  }
  return { fact };
}

/**
 * 试算: type a few facts and see what the engine makes of the clause (the same engine that scores the
 * units; nothing is written). A clause that compares units cannot be tried alone and says so.
 */
export function ClauseCalculator({ clause, units, onTry }: { clause: { code: string; isCrossUnit: boolean }; units: { code: string; name: string }[]; onTry: (body: { unitCode?: string; facts: Record<string, unknown>[] }) => Promise<TryResult> }) {
  const [rows, setRows] = useState<FactRow[]>([{ key: 1, type: 'occurrence', fields: { count: '1' } }]);
  const [unitCode, setUnitCode] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<TryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (clause.isCrossUnit) return <Alert type="info" showIcon message="此条款按组内各单位比较计分（名次、与最优单位比较等），不能单独试算：填报后重新计算即可在计分卡中查看。" />;

  const update = (key: number, change: Partial<FactRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const run = async () => {
    setError(null);
    const facts: Record<string, unknown>[] = [];
    for (const [i, row] of rows.entries()) {
      const { fact, error: wrong } = factOf(row);
      if (wrong) return setError(`第 ${i + 1} 条事实：${wrong}`);
      facts.push(fact!);
    }
    setBusy(true);
    try {
      setResult(await onTry({ ...(unitCode ? { unitCode } : {}), facts }));
    } catch (e) {
      setResult(null);
      const issues = e instanceof ApiError ? e.issues.map((i) => `${i.path.replace(/^body\.facts\.(\d+)/, (_m, n: string) => `第 ${Number(n) + 1} 条事实`)}：${i.message}`) : [];
      setError(issues.length ? issues.join('；') : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="clause-calculator">
      <Space wrap style={{ marginBottom: 8 }}>
        {units.length > 0 && <Select allowClear placeholder="按哪个单位试算（默认第一个适用的单位）" style={{ width: 260 }} value={unitCode} onChange={setUnitCode} options={units.map((u) => ({ value: u.code, label: u.name }))} />}
      </Space>
      {rows.map((row, i) => (
        <Space key={row.key} wrap style={{ display: 'flex', marginBottom: 6 }}>
          <span>事实 {i + 1}</span>
          <Select<FactType> aria-label={`事实 ${i + 1} 类型`} style={{ width: 200 }} value={row.type} onChange={(type) => update(row.key, { type, fields: {} })} options={Object.entries(factFields).map(([value, f]) => ({ value: value as FactType, label: f.label }))} />
          {factFields[row.type].fields.map((f) => (
            <Input key={f.name} aria-label={`事实 ${i + 1} ${f.label}`} placeholder={f.label} style={{ width: 130 }} value={row.fields[f.name] ?? ''} onChange={(e) => update(row.key, { fields: { ...row.fields, [f.name]: e.target.value } })} />
          ))}
          <Button size="small" type="link" danger onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}>
            删除
          </Button>
        </Space>
      ))}
      <Space style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => setRows((list) => [...list, { key: Math.max(0, ...list.map((r) => r.key)) + 1, type: 'occurrence', fields: { count: '1' } }])}>
          添加事实
        </Button>
        <Button size="small" type="primary" loading={busy} onClick={() => void run()}>
          试算
        </Button>
      </Space>
      {error && <Alert role="alert" type="error" showIcon message={error} />}
      {result && (
        <div data-testid="try-result">
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'unit', label: '单位', children: result.unitName },
              { key: 'status', label: '状态', children: result.statusName },
              ...([['points', '分值'], ['score', '得分'], ['deduction', '扣分'], ['bonus', '加分']] as const).map(([key, label]) => ({ key, label, children: <Points value={result[key]} /> })),
            ]}
          />
          <Table
            size="small"
            rowKey={(_l, i) => String(i)}
            dataSource={result.lines}
            pagination={false}
            locale={{ emptyText: '该条款没有得失分行' }}
            columns={[
              { title: '说明', dataIndex: 'text' },
              { title: '得失分', dataIndex: 'amount', width: 100, align: 'right', render: (v: string) => <Points value={v} signed /> },
            ]}
          />
          <Typography.Text type="secondary">试算不写入任何数据。</Typography.Text>
        </div>
      )}
    </div>
  );
}
