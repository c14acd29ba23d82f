import type { ScenarioBody } from '@kaohe/contract/api';
import { whatifOpKinds } from '@kaohe/contract/api';

export type OpKind = (typeof whatifOpKinds)[number];
export const opNames: Record<OpKind, string> = {
  'uphold-judgement': '待定扣分（判定）成立',
  'waive-fact': '免除一项事实（扣分、判定）',
  'appeal-upheld': '申诉成立',
  'replace-rule': '条款按另一种解读计分',
  'set-quota': '调整等次名额',
  'set-band': '调整等次分数线',
  'waive-late': '免除迟报漏报扣分',
  'set-fact': '修改或新增一项事实',
};
/** The fields each operation asks for (docs/whatif.md); optional ones are marked. */
export const opFields: Record<OpKind, { name: keyof OpDraft; label: string; optional?: boolean; kind: 'unit' | 'text' | 'decimal' | 'int' | 'grade' | 'json' | 'scope' }[]> = {
  'uphold-judgement': [{ name: 'unit', label: '单位', kind: 'unit' }, { name: 'ref', label: '条款', kind: 'text' }, { name: 'amount', label: '分值（扣分为负）', kind: 'decimal' }],
  'waive-fact': [{ name: 'fact', label: '事实编号', kind: 'text' }],
  'appeal-upheld': [{ name: 'unit', label: '单位', kind: 'unit' }, { name: 'ref', label: '条款', kind: 'text' }, { name: 'line', label: '台账行号（不填为该条款全部）', kind: 'int', optional: true }],
  'replace-rule': [{ name: 'clause', label: '条款', kind: 'text' }, { name: 'rule', label: '规则（JSON）', kind: 'json' }],
  'set-quota': [{ name: 'grade', label: '等次', kind: 'grade' }, { name: 'max', label: '名额上限（个）', kind: 'int', optional: true }, { name: 'maxPercent', label: '名额上限（%）', kind: 'decimal', optional: true }, { name: 'scope', label: '范围', kind: 'scope', optional: true }],
  'set-band': [{ name: 'grade', label: '等次', kind: 'grade' }, { name: 'min', label: '分数线（不低于）', kind: 'decimal' }],
  'waive-late': [{ name: 'unit', label: '单位', kind: 'unit' }, { name: 'ref', label: '条款（不填为全部）', kind: 'text', optional: true }],
  'set-fact': [{ name: 'factJson', label: '事实（JSON，同事实文件）', kind: 'json' }],
};

export type OpDraft = {
  op: OpKind;
  reason?: string;
  unit?: string;
  ref?: string;
  amount?: string;
  fact?: string;
  line?: number | null;
  clause?: string;
  rule?: string;
  grade?: string;
  max?: number | null;
  maxPercent?: string;
  scope?: 'group' | 'all';
  min?: string;
  factJson?: string;
};
export type ScenarioOp = ScenarioBody['ops'][number];
export type DraftError = { index: number; field: string; message: string };

const decimalPattern = /^-?\d+(\.\d+)?$/;

/**
 * A drafted operation as the API takes it, or the errors naming the operation and field: required
 * fields present, decimals as text (never through a float), JSON fields parsed as objects.
 */
export function opsOf(drafts: OpDraft[]): { ops: ScenarioOp[]; errors: DraftError[] } {
  const ops: ScenarioOp[] = [];
  const errors: DraftError[] = [];
  drafts.forEach((draft, index) => {
    const fail = (field: string, message: string) => errors.push({ index, field, message: `第 ${index + 1} 项（${opNames[draft.op]}）：${message}` });
    const op: Record<string, unknown> = { op: draft.op, reason: draft.reason?.trim() ?? '' };
    if (!draft.reason?.trim()) fail('reason', '请写明理由');
    for (const field of opFields[draft.op]) {
      const raw = draft[field.name];
      const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
      if (empty) {
        if (!field.optional) fail(field.name, `请填写${field.label}`);
        continue;
      }
      if (field.kind === 'decimal') {
        const text = String(raw).trim();
        if (!decimalPattern.test(text)) fail(field.name, `${field.label}须为数字`);
        else op[field.name] = text;
      } else if (field.kind === 'json') {
        try {
          const value: unknown = JSON.parse(String(raw));
          if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
          op[field.name === 'factJson' ? 'fact' : field.name] = value;
        } catch {
          fail(field.name, `${field.label}不是有效的 JSON 对象`);
        }
      } else if (field.kind === 'int') op[field.name] = Number(raw);
      else op[field.name] = typeof raw === 'string' ? raw.trim() : raw;
    }
    ops.push(op as ScenarioOp);
  });
  return { ops, errors };
}
