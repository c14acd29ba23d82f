import { Alert, Button, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { isDecimal } from '../../lib/decimal';
import { ruleKindOptions } from '../../lib/labels';

export type EditableClause = {
  code: string;
  text: string;
  points: string | null;
  rule: Record<string, unknown>;
  ruleText?: string;
  /** Unit categories with a rule of their own (the editor edits `rule`, the other categories' fallback). */
  categoryRules?: string[];
  status: string;
  reviewReason: string | null;
  source?: string | null;
};
export type RuleChange = { action: 'edit-rule'; rule: Record<string, unknown>; points?: string; note: string } | { action: 'confirm'; note: string };

type Values = { kind: string; note: string; points?: string; nested: string } & Record<`p_${string}`, string>;
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const fieldNamesZh: Record<string, string> = {
  effect: '效果（score 得分 / deduction 扣分 / bonus 加分）',
  amount: '每次（或一次）分值',
  cap: '最多扣（加）',
  minimum: '至少扣',
  min: '最少',
  max: '最多',
  per: '每几次',
  threshold: '阈值',
  direction: '方向（below 低于 / above 高于）',
  step: '级差',
  perStep: '每级分值',
  initial: '未达即扣',
  required: '应达数量',
  noneAmount: '未开展扣',
  amountPerPeriod: '每期扣',
  period: '期间（day / workday / month）',
  deadline: '截止日期',
  points: '分值',
  weight: '权重',
  reason: '原因',
  target: '目标',
};

/** Scalar fields the form edits one by one; objects and lists (tiers, bands, metric) stay as JSON. */
function split(rule: Record<string, unknown>) {
  const scalars: [string, string][] = [];
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'kind') continue;
    if (isScalar(value)) scalars.push([key, String(value)]);
    else nested[key] = value;
  }
  return { scalars, nested };
}

/** What a typed field holds: numbers stay text (exact decimals), true/false become booleans. */
function valueOf(text: string, original: unknown): unknown {
  if (typeof original === 'boolean') return text === 'true';
  if (typeof original === 'number' && /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

/**
 * 规则编辑: a clause's sentence, why it needs review, what the rule says now in Chinese; the rule's
 * fields to correct, or the current reading to confirm. Either needs a note (it goes into the audit
 * log). Nothing is sent while a field is wrong: the error shows under it, in Chinese.
 */
export function RuleEditor({ clause, onSubmit, submitting = false, disabled = false }: { clause: EditableClause; onSubmit: (change: RuleChange) => void; submitting?: boolean; disabled?: boolean }) {
  const [form] = Form.useForm<Values>();
  const { scalars, nested } = useMemo(() => split(clause.rule), [clause.rule]);
  const initial = useMemo(
    () => ({ kind: String(clause.rule.kind ?? 'manual'), points: clause.points ?? '', nested: Object.keys(nested).length ? JSON.stringify(nested, null, 2) : '', ...Object.fromEntries(scalars.map(([k, v]) => [`p_${k}`, v])) }),
    [clause, scalars, nested],
  );

  const save = async () => {
    const values = await form.validateFields();
    let extra: Record<string, unknown> = {};
    if (values.nested.trim()) extra = JSON.parse(values.nested) as Record<string, unknown>;
    const rule: Record<string, unknown> = { kind: values.kind.trim() };
    for (const [key] of scalars) {
      const typed = (values[`p_${key}`] ?? '').trim();
      if (typed !== '') rule[key] = valueOf(typed, clause.rule[key]);
    }
    Object.assign(rule, extra);
    const points = values.points?.trim();
    onSubmit({ action: 'edit-rule', rule, ...(points && points !== (clause.points ?? '') ? { points } : {}), note: values.note.trim() });
  };
  const confirm = async () => {
    const { note } = await form.validateFields(['note']);
    onSubmit({ action: 'confirm', note: note.trim() });
  };

  return (
    <div data-testid="rule-editor">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="条款">
          {clause.code} {clause.status === 'needs-review' ? <Tag color="orange">待复核</Tag> : <Tag color="green">已确认</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="原文">
          <span data-testid="clause-text">{clause.text}</span>
          {clause.source && <div className="kh-muted">出处：{clause.source}</div>}
        </Descriptions.Item>
        {clause.reviewReason && <Descriptions.Item label={clause.status === 'needs-review' ? '待复核原因' : '复核说明'}>{clause.reviewReason}</Descriptions.Item>}
        {clause.ruleText && (
          <Descriptions.Item label="当前规则">
            <span style={{ whiteSpace: 'pre-line' }}>{clause.ruleText}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {clause.categoryRules && clause.categoryRules.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          data-testid="category-rules-note"
          message={`本条款按单位类别（${clause.categoryRules.join('、')}）各有规则。下面编辑的是其他类别的规则（兜底规则），按类别的规则不在此修改，请在方案文件中修改后重新导入。`}
        />
      )}
      {clause.rule.kind === 'manual' && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon message="当前为人工评定：如原文有明确的计分方法，请把规则类型和分值改写出来；确实需要考核人员评定的，确认即可。" />
      )}
      <Form form={form} layout="vertical" initialValues={initial} key={clause.code + JSON.stringify(clause.rule)} style={{ marginTop: 12 }} disabled={disabled}>
        <Form.Item name="kind" label="规则类型" rules={[{ required: true, message: '请选择规则类型' }]}>
          <Select showSearch optionFilterProp="label" options={ruleKindOptions} style={{ maxWidth: 280 }} />
        </Form.Item>
        {scalars.map(([key]) => (
          <Form.Item
            key={key}
            name={`p_${key}`}
            label={fieldNamesZh[key] ? `${fieldNamesZh[key]}（${key}）` : key}
            rules={typeof clause.rule[key] === 'number' || (typeof clause.rule[key] === 'string' && isDecimal(String(clause.rule[key]))) ? [{ validator: (_r, v: string) => (!v || isDecimal(v) ? Promise.resolve() : Promise.reject(new Error('须为数字（最多 6 位小数）'))) }] : []}
          >
            <Input />
          </Form.Item>
        ))}
        <Form.Item name="points" label="条款分值" rules={[{ validator: (_r, v: string) => (!v || isDecimal(v) ? Promise.resolve() : Promise.reject(new Error('分值须为数字（最多 6 位小数）'))) }]}>
          <Input placeholder="不改可留空" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="nested"
          label="其他字段（JSON：分档、分级、指标等）"
          rules={[
            {
              validator: (_r, v: string) => {
                if (!v || !v.trim()) return Promise.resolve();
                try {
                  const parsed: unknown = JSON.parse(v);
                  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Promise.resolve() : Promise.reject(new Error('须为一个 JSON 对象，如 {"tiers": …}'));
                } catch (error) {
                  return Promise.reject(new Error(`不是有效的 JSON：${(error as Error).message}`));
                }
              },
            },
          ]}
        >
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="note" label="复核说明" rules={[{ required: true, whitespace: true, message: '请写明复核说明（记入审计日志）' }]}>
          <Input.TextArea rows={2} maxLength={4000} placeholder="如：按原文“每发现一次扣0.5分”改写" />
        </Form.Item>
        <Space>
          <Button type="primary" loading={submitting} onClick={() => void save().catch(() => {})}>
            保存规则
          </Button>
          <Button loading={submitting} onClick={() => void confirm().catch(() => {})}>
            确认当前解读
          </Button>
        </Space>
      </Form>
    </div>
  );
}
