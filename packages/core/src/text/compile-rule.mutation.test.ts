/**
 * Mutation tests of text/compile-rule.ts (docs/testing.md, tenth session): what a whole clause text compiles to —
 * status and reason, each rule with the parameters the import report prints, the "（N分）" allocations (text, span,
 * points) and the item policies. Every sentence is written for the test in the style of a 细则; none is from the corpus.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Rule } from '../rules/rule.types';
import { compileRuleText } from './compile-rule';

const d = P.dec;
type Row = [text: string, points: string | undefined, status: 'ok' | 'needs-review', reason: string, rules: [text: string, rule: Rule, params: [string, string, string][], review?: string][], allocations: [string, number[], string][], indicator: Record<string, unknown> | undefined, afterZero: boolean[]];

const rows: Row[] = [
  // allocations (a task with its "（N分）" and nothing else that scores), 占比 opened by 按, rate × points
  ["建立工作台账2分（2分）。", '2', 'needs-review', "未识别扣分数值", [], [], { points: d('2') }, []],
  ["建立工作台账，扣1分（2分）。", '2', 'ok', "", [["建立工作台账，扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"]]]], [], { points: d('2') }, [false]],
  ["建立工作台账，不得分（2分）。", '2', 'ok', "", [["建立工作台账，不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"]]]], [], { points: d('2') }, [false]],
  ["按完成比例计分（2分）。", '2', 'ok', "", [["按完成比例计分（2分）。", { kind: "proportional", effect: "score", points: d('2') }, [['effect', "score", "按完成比例计分（2分）"], ['points', "2", "2分"]]]], [], { points: d('2') }, [false]],
  ["建立工作台账（2分）。", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,11],"2"]], { points: d('2') }, []],
  ["  建立工作台账（2分）。  ", '2', 'ok', "", [], [["建立工作台账（2分）。",[0,15],"2"]], { points: d('2') }, []],
  ["1.建立工作台账（2分）2.每起扣1分。", '3', 'needs-review', "未读取的分值“2分”：已编译的规则未用到它，需人工确认", [["建立工作台账（2分）2.每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["按未完成项目的占比扣分。", '5', 'ok', "", [["按未完成项目的占比扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比扣分。"]]]], [], undefined, [false]],
  ["未完成项目占比高于10%的，扣1分。", '5', 'ok', "", [["未完成项目占比高于10%的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('10'), direction: "above", initial: d('1') }, [['threshold', "10", "高于10%"], ['initial', "1", "扣1分"]]]], [], undefined, [false]],
  ["按，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按比例扣分。", '5', 'ok', "", [["按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined, [false]],
  ["未完成项目的占比按比例扣分。", '5', 'ok', "", [["未完成项目的占比按比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按比例扣分"]]]], [], undefined, [false]],
  ["按时报送，未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按未完成项目占比扣分，每起扣1分。", '5', 'needs-review', "未读取的计分用语“占比”：已编译的规则未用到它，需人工确认", [["按未完成项目占比扣分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["任务完成率×10分。", '10', 'ok', "", [["任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "任务完成率×10分"]]]], [], undefined, [false]],
  ["按任务完成率×10分计分。", '10', 'ok', "", [["按任务完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "按任务完成率×10分"]]]], [], undefined, [false]],
  ["完成率*10分，每起扣1分。", '10', 'needs-review', "未读取的分值“10分”：已编译的规则未用到它，需人工确认", [["完成率*10分，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [], undefined, [false]],
  ["1.建立工作台账（2分）。2.每起扣1分。", '3', 'needs-review', "“（2分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], [["建立工作台账（2分）。",[2,13],"2"]], undefined, [false]],
  ["按未完成项目的占比，扣分。", '5', 'ok', "", [["按未完成项目的占比，扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按未完成项目的占比，扣分。"]]]], [], undefined, [false]],
  ["未完成项目的占比扣分。", '5', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["按完成比例扣分。", '5', 'ok', "", [["按完成比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成比例扣分"]]]], [], undefined, [false]],
  ["按完成情况的比例扣分。", '5', 'ok', "", [["按完成情况的比例扣分。", { kind: "proportional", effect: "deduction" }, [['effect', "deduction", "按完成情况的比例扣分"]]]], [], undefined, [false]],
  // 倒扣 after the item's zeroing: one rule when only 同时 stands before it, afterZero when in the zero's sentence
  ["发现弄虚作假的，此项不得分，同时倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [true]],
  ["发现弄虚作假的，此项不得分；情节严重的，倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分。情节严重的，倒扣2分。", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["出现问题的，倒扣1分。", '5', 'ok', "", [["出现问题的，倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "倒扣1分"]]]], [], { allowNegative: true }, [false]],
  ["发现弄虚作假的，此项不得分，每起倒扣0.5分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["每起倒扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "倒扣0.5分"], ['counter', "起", "每起"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分，同时加2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["同时加2分", { kind: "condition", effect: "bonus", amount: d('2') }, [['amount', "2", "加2分"]]]], [], undefined, [false,false]],
  ["发现弄虚作假的，此项不得分，同时扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["同时扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], [], undefined, [false,false]],
  ["倒扣2分，发现弄虚作假的，此项不得分。", '5', 'needs-review', "“倒扣2分”前没有扣分条件", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]]], [], undefined, [false]],
  ["发现弄虚作假的，总分不得分，同时倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，总分不得分", { kind: "zero", scope: "unit" }, [['scope', "unit", "不得分"]]], ["同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["发现弄虚作假的，此项不得分，同时，倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [true]],
  ["发现弄虚作假的，此项不得分，另外倒扣2分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["另外倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,true]],
  ["发现弄虚作假的，此项不得分，每起扣1分，同时倒扣2分。", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]], ["同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false,true]],
  ["发现弄虚作假的，此项不得分，倒扣2分。", '5', 'needs-review', "“倒扣2分”前没有扣分条件", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]]], [], undefined, [false]],
  ["发现弄虚作假的，此项不得分。（情节严重的，倒扣2分）", '5', 'needs-review', "本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认", [["发现弄虚作假的，此项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "此项不得分"]]], ["情节严重的，倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "倒扣2分"]]]], [], { allowNegative: true }, [false,false]],
  ["发现弄虚作假的，此项不得分，同时倒扣2分；发现重大失误的，此项不得分，同时倒扣1分。", '5', 'ok', "", [["发现弄虚作假的，此项不得分，同时倒扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['scope', "indicator", "此项不得分"], ['amount', "2", "倒扣2分"]]], ["发现重大失误的，此项不得分，同时倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['scope', "indicator", "此项不得分"], ['amount', "1", "倒扣1分"]]]], [], { allowNegative: true }, [true,true]],
  // a sub-item's own （N分） capping its deductions (one of several numbered items that score), rate × points
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），未完成的每项扣0.2分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），未完成的每项扣0.2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2'), cap: d('1') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），每项扣0.2分，最多扣2分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），每项扣0.2分，最多扣2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2'), cap: d('1') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"], ['cap', "2", "最多扣2分"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），每项扣0.2分，最多扣0.5分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），每项扣0.2分，最多扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2'), cap: d('0.5') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"], ['cap', "0.5", "最多扣0.5分"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分）。", '3', 'needs-review', "“（1分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]]], [["资料收集情况（1分）。",[15,26],"1"]], undefined, [false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），完成的得1分。", '3', 'needs-review', "“（1分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），完成的得1分", { kind: "completion", points: d('1') }, [['points', "1", "得1分"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），每项加0.2分。", '3', 'needs-review', "“（1分）”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），每项加0.2分", { kind: "per-occurrence", effect: "bonus", amount: d('0.2') }, [['amount', "0.2", "加0.2分"], ['counter', "项", "每项"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.资料收集情况（1分），未完成的每项扣0.2分。", '1', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["资料收集情况（1分），未完成的每项扣0.2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"]]]], [], { points: d('1') }, [false,false]],
  ["1.资料收集。2.资料收集情况（1分），每项扣0.2分。", '3', 'needs-review', "未读取的分值“1分”：已编译的规则未用到它，需人工确认", [["资料收集情况（1分），每项扣0.2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"]]]], [], undefined, [false]],
  ["1.每发现一例扣0.5分。2.培训情况（1分），少一次扣0.2分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["培训情况（1分），少一次扣0.2分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.2'), cap: d('1') }, [['amount', "0.2", "扣0.2分"], ['per', "1", "少一次"], ['required', "target", "少一次"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.报送情况（1分），每超一天扣0.1分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["报送情况（1分），每超一天扣0.1分", { kind: "lateness", effect: "deduction", amountPerPeriod: d('0.1'), period: "day", cap: d('1') }, [['amountPerPeriod', "0.1", "扣0.1分"], ['period', "day", "每超一天"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.每发现一例扣0.5分。2.报送情况（1分），未报送的扣0.5分。", '3', 'ok', "", [["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]], ["报送情况（1分），未报送的扣0.5分", { kind: "condition", effect: "deduction", amount: d('0.5'), cap: d('1') }, [['amount', "0.5", "扣0.5分"], ['cap', "1", "（1分）"]]]], [], undefined, [false,false]],
  ["1.资料收集情况（1分），每项扣0.2分。2.每发现一例扣0.5分。", '3', 'ok', "", [["资料收集情况（1分），每项扣0.2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.2'), cap: d('1') }, [['amount', "0.2", "扣0.2分"], ['counter', "项", "每项"], ['cap', "1", "（1分）"]]], ["每发现一例扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "例", "每发现一例"]]]], [], undefined, [false,false]],
  ["任务完成率×10分，另加2分。", '10', 'needs-review', "未读取的分值“10分”：已编译的规则未用到它，需人工确认", [["任务完成率×10分，另加2分", { kind: "condition", effect: "bonus", amount: d('2') }, [['amount', "2", "加2分"]]]], [], undefined, [false]],
  ["任务完成率×0.5-1分。", '10', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["得分＝完成率×10分。", '10', 'ok', "", [["得分＝完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "得分＝完成率×10分"]]]], [], undefined, [false]],
  ["3项任务的完成率×10分。", '10', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["完成效率×10分。", '10', 'ok', "", [["完成效率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "完成效率×10分"]]]], [], undefined, [false]],
  ["完成率乘以10分。", '10', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["完成数×10分。", '10', 'needs-review', "未识别扣分数值", [], [], undefined, []],
  ["完成率×10。", '10', 'needs-review', "未找到计分规则", [], [], undefined, []],
  ["任务，完成率×10分。", '10', 'ok', "", [["完成率×10分", { kind: "rate-formula", effect: "score", weight: d('10') }, [['weight', "10", "完成率×10分"]]]], [], undefined, [false]],
];

describe('whole clauses: rules, allocations and item policies', () => {
  it.each(rows)('%s (%s 分)', (text, points, status, reason, rules, allocations, indicator, afterZero) => {
    const r = compileRuleText(text, points === undefined ? {} : { points: d(points) });
    expect([r.status, r.reason ?? '']).toEqual([status, reason]);
    expect(r.rules.map((c) => [c.text, c.rule, c.params.map((p) => [p.name, p.value, p.phrase]), ...(c.review === undefined ? [] : [c.review])])).toStrictEqual(rules);
    expect((r.allocations ?? []).map((a) => [a.text, a.span, P.toStr(a.points)])).toEqual(allocations);
    expect(r.indicator).toEqual(indicator);
    expect(r.rules.map((c) => c.afterZero === true)).toEqual(afterZero);
  });
});
