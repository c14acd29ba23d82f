import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../src/text/compile-rule';
import { show } from './show-rule';

/** Extraction defects of catalogue §8.3: read where one reading is safe, always said out loud. */
describe('compileRuleText on extraction defects', () => {
  it('flags 扣11分 as a suspicious doubled digit (003:1004)', () => {
    const r = compileRuleText('未按要求开展工作的，扣11分');
    expect(r.status).toBe('needs-review');
    expect(r.reason).toBe('“11分”疑为录入错误（重复数字，可能应为1分），请核对');
    expect(r.rules.map((c) => show(c.rule))).toEqual([{ kind: 'condition', effect: 'deduction', amount: '11' }]);
  });

  it('flags an amount above the clause points', () => {
    const r = compileRuleText('未建立制度的，扣3分', { points: 2_000_000 as never });
    expect(r.reason).toBe('扣分值3超过本项分值2，请核对');
  });

  it('reads 口 as 扣 before an amount, with a warning (003:593)', () => {
    const r = compileRuleText('未及时上报的，口0.5分');
    expect(r.status).toBe('ok');
    expect(r.warnings).toEqual(['“口”按“扣”读取（疑为录入错误）']);
    expect(r.rules.map((c) => show(c.rule))).toEqual([{ kind: 'condition', effect: 'deduction', amount: '0.5' }]);
  });

  it('keeps 口 inside words (排污口, 人口)', () => {
    const r = compileRuleText('排污口1处未整治的扣1分');
    expect(r.warnings).toEqual([]);
  });

  it('reads O as 0 (003:860) and l. as 1. (000:1033)', () => {
    const o = compileRuleText('技术认为无用的，本项分值为O');
    expect(o.warnings).toEqual(['“O”按数字“0”读取（疑为录入错误）']);
    expect(o.rules.map((c) => show(c.rule))).toEqual([{ kind: 'zero', scope: 'indicator' }]);
    const l = compileRuleText('l. 未报送的扣0.1分');
    expect(l.warnings).toEqual(['条目序号“l.”按“1.”读取']);
    expect(l.rules[0]!.text).toBe('未报送的扣0.1分');
  });

  it('reads a missing 扣 after a percent gap (002:586, 002:410)', () => {
    const r = compileRuleText('报到率低于95%0.05分');
    expect(r.warnings).toEqual(['“0.05分”前缺少“扣”字，按扣分读取']);
    expect(r.rules.map((c) => show(c.rule))).toEqual([
      { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '95', direction: 'below', initial: '0.05' },
    ]);
  });

  it('repairs a 分 displaced behind the semicolon (000:221)', () => {
    const r = compileRuleText('未组织党员开展日常学习的，扣 0.1；分党员先锋指数考评管理不到位的，扣 0.1 分。');
    expect(r.warnings).toEqual(['“；分”按“分；”读取（分号错位）']);
    expect(r.rules).toHaveLength(2);
    expect(r.rules[1]!.text).toBe('党员先锋指数考评管理不到位的，扣 0.1 分');
  });

  it('keeps a sentence broken across lines together (000:272)', () => {
    const r = compileRuleText('6. 围绕机关文化节等工作，主动领办志愿服务项目。组织不力的扣\n\n0.1 分。');
    expect(r.rules.map((c) => show(c.rule))).toEqual([{ kind: 'condition', effect: 'deduction', amount: '0.1' }]);
  });
});

/** Found by the mutation runs of text/ (2026-12-03, docs/testing-text-mutation.md): two wrong readings marked ok and a crash. */
describe('compileRuleText on malformed numerals and 此项计0分', () => {
  it('a digit before 零 (扣五零分) is no amount: review, not a deduction of 0', () => {
    const r = compileRuleText('迟报的，扣五零分');
    expect(r.status).toBe('needs-review');
    expect(r.rules.every((c) => (show(c.rule) as { amount?: string }).amount !== '0')).toBe(true);
    // 一百零五 keeps its 零 (after a unit)
    expect(show(compileRuleText('迟报的，扣一百零五分').rules[0]!.rule)).toMatchObject({ amount: '105' });
  });

  it('此项计0分 zeroes the item, as 该项计0分 and 此项得0分 do — never a completion worth 0', () => {
    for (const head of ['此项计', '该项计', '此项得']) {
      const r = compileRuleText(`未按时完成的，${head}0分`, { points: 2_000_000 as never });
      expect(r.rules.map((c) => c.rule.kind), head).toEqual(['zero']);
    }
  });

  it('a Chinese numeral beyond exact points (一万亿) does not throw; in a condition it reads as the Arabic 10000亿 does', () => {
    const cn = compileRuleText('地区生产总值突破一万亿的，加1分');
    const ar = compileRuleText('地区生产总值突破10000亿的，加1分');
    expect([cn.status, cn.rules.map((c) => show(c.rule))]).toEqual([ar.status, ar.rules.map((c) => show(c.rule))]);
    // as an amount it is no amount: review, never a crash
    expect(() => compileRuleText('违规的，扣一百亿分')).not.toThrow();
    expect(compileRuleText('违规的，扣一百亿分').status).toBe('needs-review');
  });
});

/** 计0分 in Arabic figures: the same as 计零分 (the item zeroed); a completion worth 0 is never ok alone. */
describe('compileRuleText on 计0分 / 得0分 (a completion worth 0 scores 0 whatever the facts say)', () => {
  it('计0分, 计为0分, 记0分, 按0分计, 按0分计算 zero the item, as 计零分 does', () => {
    for (const text of ['未按时完成的，计0分', '未按时完成的，计为0分', '未按时完成的，记0分', '未按时完成的，按0分计', '未按时完成的，按0分计算', '未按时完成的，计零分']) {
      const r = compileRuleText(text, { points: 2_000_000 as never });
      expect(r.status, text).toBe('ok');
      expect(r.rules.map((c) => show(c.rule)), text).toEqual([{ kind: 'zero', scope: 'indicator' }]);
    }
  });
  it('得0分 alone goes to review with the reason; beside another situation it is one of them', () => {
    for (const text of ['未完成的，得0分', '未完成的再得0分', '未完成的得零分']) {
      const r = compileRuleText(text, { points: 2_000_000 as never });
      expect(r.status, text).toBe('needs-review');
      expect(r.reason, text).toContain('只写了得0分的情形');
    }
    const pair = compileRuleText('完成的得1分，未完成的得0分', { points: 1_000_000 as never });
    expect(pair.status).toBe('needs-review');
    expect(pair.reason).toContain('本项有2个得分情形（1分、0分）');
  });
  it('a 0 in a range or in another counter is no zero', () => {
    expect(compileRuleText('未完成的，计0-1分').rules.map((c) => c.rule.kind)).not.toContain('zero');
    expect(compileRuleText('未完成的，计0次').rules.map((c) => c.rule.kind)).not.toContain('zero');
  });
});

/** The floor at 0 written with figures (the 0 分 are number tokens a literal cannot span). */
describe('compileRuleText on 小于0分的以0分计算 / 最低为0分', () => {
  it('read as 不计负分 is: the same rules and indicator settings, ok', () => {
    const seen = (tail: string) => {
      const r = compileRuleText(`每次扣1分，${tail}`, { points: 3_000_000 as never });
      return { status: r.status, rules: r.rules.map((c) => show(c.rule)), indicator: r.indicator };
    };
    const expected = seen('不计负分');
    expect(expected.status).toBe('ok');
    for (const tail of ['小于0分的以0分计算', '低于0分的按0分计', '小于0分以0分计', '最低为0分']) expect(seen(tail), tail).toEqual(expected);
    // 最低扣2分 stays the minimum deduction; 最低为1分 is no floor at 0 (review)
    expect(compileRuleText('每次扣1分，最低扣2分', { points: 3_000_000 as never }).rules.map((c) => show(c.rule))).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: '1', minimum: '2' }]);
    expect(compileRuleText('每次扣1分，最低为1分', { points: 3_000_000 as never }).status).toBe('needs-review');
  });
});
