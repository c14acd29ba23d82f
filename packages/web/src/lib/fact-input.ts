import type { z } from 'zod';
import type { workItemDto } from '@kaohe/contract/api/work';
import { compareDecimal } from './format';

type Item = Pick<z.infer<typeof workItemDto>, 'factType' | 'factId' | 'points'>;
export type FactFields = { count?: number | null; done?: number | null; value?: string | null; flag?: '是' | '否' | null; numerator?: string | null; denominator?: string | null; amount?: string | null; reason?: string | null };
export type Fact = { id: string; type: string; [key: string]: unknown };

const decimal = /^\d+(\.\d{1,6})?$/;

/** What the form asks for each fact type, in the words of the facts sheet. */
export const fieldHelp: Record<Item['factType'], string> = {
  occurrence: '发生次数：没有发生则不填（不报送事实）',
  count: '完成个数',
  value: '数值（如 7.5）',
  flag: '是否完成',
  rate: '比率：分子 / 分母',
  judgement: '自评得分（0 到分值之间），须写明理由',
};

/**
 * The facts of one report from the form, in the scheme file format the server validates (the
 * same facts the facts sheet produces: `${unit}:${ref}:${type}` ids). An empty entry reports no
 * fact; a malformed one is a Chinese message naming the field (the server checks again).
 */
export function factsOf(item: Item, fields: FactFields): { facts: Fact[]; error?: { field: keyof FactFields; message: string } } {
  const id = item.factId;
  switch (item.factType) {
    case 'occurrence':
      if (fields.count === null || fields.count === undefined || fields.count === 0) return { facts: [] };
      if (!Number.isInteger(fields.count) || fields.count < 0) return { facts: [], error: { field: 'count', message: '发生次数须为正整数' } };
      return { facts: [{ id, type: 'occurrence', count: fields.count }] };
    case 'count':
      if (fields.done === null || fields.done === undefined) return { facts: [] };
      if (!Number.isInteger(fields.done) || fields.done < 0) return { facts: [], error: { field: 'done', message: '完成个数须为非负整数' } };
      return { facts: [{ id, type: 'count', done: fields.done }] };
    case 'value': {
      const v = fields.value?.trim();
      if (!v) return { facts: [] };
      if (!/^-?\d+(\.\d{1,6})?$/.test(v)) return { facts: [], error: { field: 'value', message: `“${v}”不是数字` } };
      return { facts: [{ id, type: 'value', value: v }] };
    }
    case 'flag':
      if (!fields.flag) return { facts: [] };
      return { facts: [{ id, type: 'flag', value: fields.flag === '是' }] };
    case 'rate': {
      const n = fields.numerator?.trim();
      const d = fields.denominator?.trim();
      if (!n && !d) return { facts: [] };
      if (!n || !decimal.test(n)) return { facts: [], error: { field: 'numerator', message: '分子须为非负数' } };
      if (!d || !decimal.test(d) || /^0+(\.0*)?$/.test(d)) return { facts: [], error: { field: 'denominator', message: '分母须为正数' } };
      return { facts: [{ id, type: 'rate', numerator: n, denominator: d }] };
    }
    case 'judgement': {
      const a = fields.amount?.trim();
      if (!a) return { facts: [] };
      if (!decimal.test(a)) return { facts: [], error: { field: 'amount', message: `“${a}”不是数字` } };
      if (item.points && compareDecimal(a, item.points) > 0) return { facts: [], error: { field: 'amount', message: `自评得分 ${a} 超过分值 ${item.points}` } };
      if (!fields.reason?.trim()) return { facts: [], error: { field: 'reason', message: '自评得分须写明理由' } };
      return { facts: [{ id, type: 'judgement', amount: a, reason: fields.reason.trim() }] };
    }
  }
}

/** The form fields back from a report's facts (resubmitting a returned report starts from what was sent). */
export function fieldsOf(item: Item, facts: readonly Record<string, unknown>[]): FactFields {
  const fact = facts.find((f) => f['id'] === item.factId) ?? facts.find((f) => f['type'] === item.factType);
  if (!fact) return {};
  switch (item.factType) {
    case 'occurrence':
      return { count: Number(fact['count'] ?? 0) };
    case 'count':
      return { done: Number(fact['done'] ?? 0) };
    case 'value':
      return { value: String(fact['value'] ?? '') };
    case 'flag':
      return { flag: fact['value'] === true ? '是' : '否' };
    case 'rate':
      return { numerator: String(fact['numerator'] ?? ''), denominator: String(fact['denominator'] ?? '') };
    case 'judgement':
      return { amount: String(fact['amount'] ?? ''), reason: String(fact['reason'] ?? '') };
  }
}


const typeWords: Record<string, string> = { occurrence: '发生次数', count: '完成个数', value: '数值', flag: '是否完成', rate: '比率', judgement: '得分' };

/** A fact in words for a table cell: 发生次数 2 / 比率 95/100 / 是否完成 是 / 得分 8.5（理由）. */
export function factText(fact: Record<string, unknown>): string {
  const type = String(fact['type'] ?? '');
  const word = typeWords[type] ?? type;
  switch (type) {
    case 'occurrence':
      return `${word} ${String(fact['count'] ?? '')}`;
    case 'count':
      return `${word} ${String(fact['done'] ?? '')}`;
    case 'value':
      return `${word} ${String(fact['value'] ?? '')}`;
    case 'flag':
      return `${word} ${fact['value'] === true ? '是' : fact['value'] === false ? '否' : String(fact['value'])}`;
    case 'rate':
      return `${word} ${String(fact['numerator'] ?? '')}/${String(fact['denominator'] ?? '')}`;
    case 'judgement':
      return `${word} ${String(fact['amount'] ?? '')}${fact['reason'] ? `（${String(fact['reason'])}）` : ''}`;
    default: {
      const rest = Object.entries(fact).filter(([k]) => k !== 'id' && k !== 'type');
      return `${word} ${rest.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('，')}`;
    }
  }
}
