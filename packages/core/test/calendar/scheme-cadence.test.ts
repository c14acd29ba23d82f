import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cadenceInText, resolveWindow, statedCadence } from '../../src/calendar/scheme-cadence';
import type { Rule } from '../../src/rules/rule.types';
import type { Scheme } from '../../src/scheme/scheme.types';
import { buildScheme, clause } from '../test-scheme';

/** Report cadences read from a scheme: the stated `cadence` field first, then report phrases in the text (seed sentences by file and line). */
const seeds = join(import.meta.dirname, '..', '..', '..', 'office', 'test', 'fixtures', 'seeds');
const line = (file: string, n: number) => readFileSync(join(seeds, file), 'utf8').split('\n')[n - 1]!.trim();
const s000 = '000_a59af3f7f36b9ebf.txt';
const s001 = '001_c9fa6fd301574412.txt';
const s004 = '004_011aa5988ef2c423.txt';

describe('cadence words in seed text', () => {
  it('reads a cadence tied to a report in one phrase', () => {
    // 004:199 对照政府工作报告，按季度向社会公开政府工作报告重点任务…的执行情况
    expect(cadenceInText(line(s004, 199))).toEqual({ cadence: 'quarterly', words: expect.stringContaining('按季度向社会公开') });
    // 004:393 …纳入政府信息公开工作年度报告并向社会公布
    expect(cadenceInText(line(s004, 393))).toMatchObject({ cadence: 'annual' });
    // 000:833 行政执法部门未在 1 月 31 日前公开上年度行政执法统计年报的，扣 0.1 分；…
    expect(cadenceInText(line(s000, 833))).toMatchObject({ cadence: 'annual' });
  });

  it('reads nothing from how often work is done, or a count of reports', () => {
    // 001:4268 每月进行一次矛盾纠纷排查，对排查出的问题，建立工作台账…
    expect(cadenceInText(line(s001, 4268))).toBeNull();
    // 001:4272 县级主要领导每月至少1天、乡镇主要领导干部每周至少1天定点接访…
    expect(cadenceInText(line(s001, 4272))).toBeNull();
    // 001:2930 …部内干部每月开展集中学习不少于1次…全年向市上报送5篇以上理论文章
    expect(cadenceInText(line(s001, 2930))).toBeNull();
  });

  it('gives no answer when a text names two report cadences', () => {
    expect(cadenceInText('每月5日前报送进度情况，每季度结束后报送工作总结')).toEqual({ ambiguous: ['每月5日前报送进度情况', '每季度结束后报送工作总结'] });
    // one cadence word inside another is one cadence: 半年度 is not also 年度, 每月…上月 one month
    expect(cadenceInText('半年度工作总结于7月15日前报送')).toMatchObject({ cadence: 'half-yearly' });
    expect(cadenceInText('每月5日前报送上月工作进展情况，迟报一次扣0.2分')).toMatchObject({ cadence: 'monthly' });
  });
});

const dec = (rule: Record<string, string>) => rule as unknown as Rule;
const scheme: Scheme = buildScheme({
  indicators: [
    {
      code: 'I1',
      title: '信息报送',
      cadence: 'half-yearly',
      clauses: [
        clause('C1', dec({ kind: 'per-occurrence', effect: 'deduction', amount: '0.2' }), { text: '迟报一次扣0.2分' }),
        clause('C2', dec({ kind: 'per-occurrence', effect: 'deduction', amount: '0.2' }), { text: '每月5日前报送上月情况，迟报一次扣0.2分', cadence: 'monthly' }),
        clause('C3', dec({ kind: 'per-occurrence', effect: 'deduction', amount: '0.2' }), { text: '发生突发事件及时报送', cadence: 'event' }),
      ],
    },
    { code: 'I2', title: '季度工作总结', clauses: [clause('C4', dec({ kind: 'per-occurrence', effect: 'deduction', amount: '0.1' }), { text: '季度工作总结每逾期1个工作日扣0.1分' })] },
    { code: 'I3', title: '其他', clauses: [clause('C5', dec({ kind: 'per-occurrence', effect: 'deduction', amount: '0.1' }), { text: '工作推进不力的酌情扣分' })] },
  ],
});

describe('the cadence of a ref and its window', () => {
  it('takes the nearest stated field, then the text, else nothing', () => {
    expect(statedCadence(scheme, 'C2')).toEqual({ from: 'scheme', at: 'C2', cadence: 'monthly', words: '每月' });
    expect(statedCadence(scheme, 'C1')).toEqual({ from: 'scheme', at: 'I1', cadence: 'half-yearly', words: '每半年' });
    expect(statedCadence(scheme, 'C4')).toMatchObject({ from: 'text', at: 'C4', cadence: 'quarterly' });
    expect(statedCadence(scheme, 'C3')).toMatchObject({ from: 'unsupported', reason: '按事件报送，没有固定的截止日' });
    expect(statedCadence(scheme, 'C5')).toBeNull();
  });

  it('uses the stated cadence, the 考评办’s only when the scheme says nothing, and refuses a contradiction', () => {
    expect(resolveWindow(scheme, 'C4', { dueDay: 10 }).window).toEqual({ cadence: 'quarterly', dueDay: 10 });
    expect(resolveWindow(scheme, 'C1', { cadence: 'half-yearly', dueDay: 15 }).window.cadence).toBe('half-yearly');
    expect(resolveWindow(scheme, 'C5', { cadence: 'monthly', dueDay: 5 }).window.cadence).toBe('monthly');
    expect(() => resolveWindow(scheme, 'C5', { dueDay: 5 })).toThrow('window.cadence: 方案没有规定“C5”的报送周期，请设定 cadence');
    expect(() => resolveWindow(scheme, 'C2', { cadence: 'quarterly', dueDay: 10 })).toThrow('window.cadence: 方案为“C2”规定每月报送（cadence），与设定的每季度报送（quarterly）不一致');
    expect(() => resolveWindow(scheme, 'C4', { cadence: 'monthly', dueDay: 5 })).toThrow('“C4”原文“季度工作总结每逾期1个工作日扣0.1分”为每季度报送，与设定的每月报送（monthly）不一致');
    expect(() => resolveWindow(scheme, 'C3', { dueDay: 5 })).toThrow('“C3”的报送周期无法按方案设定：按事件报送，没有固定的截止日；可设一次性报送（one-off）');
    // a one-off deadline beside any stated cadence (自查报告)
    expect(resolveWindow(scheme, 'C3', { cadence: 'one-off', dueDate: '2026-06-30', period: '自查报告' }).window.cadence).toBe('one-off');
    // the stated cadence still needs its due rule
    expect(() => resolveWindow(scheme, 'C2', {})).toThrow('window.dueDay');
  });
});
