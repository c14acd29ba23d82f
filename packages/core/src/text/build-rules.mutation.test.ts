/**
 * Mutation tests of text/build-rules.ts (docs/testing.md, ninth session): what each single-segment
 * reading builds — the rule, and the parameters the import report prints (name, value and the
 * phrase each was read from), the text each rule covers, the review reason and the repair warnings.
 * Every sentence here is written for the test in the style of a 细则; none is from the corpus.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Rule } from '../rules/rule.types';
import { compileRuleText } from './compile-rule';

const d = P.dec;
type Row = [text: string, points: string | undefined, status: 'ok' | 'needs-review', reason: string, rules: [text: string, rule: Rule, params: [string, string, string][], review?: string][], warnings: string[]];

// Each row: the sentence, the item's points, then what it compiles to.
const rows: Row[] = [
  ["发生重大安全事故的，本项不得分。", '5', 'ok', "", [["发生重大安全事故的，本项不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "本项不得分"]]]], []],
  ["发生重大安全事故的，年度考核总分不得分。", '5', 'ok', "", [["发生重大安全事故的，年度考核总分不得分", { kind: "zero", scope: "unit" }, [['scope', "unit", "不得分"]]]], []],
  ["污水处理率达到90%以上，否则不得分。", '5', 'ok', "", [["污水处理率达到90%以上，否则不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"], ['requirement', "90%以上", "污水处理率达到90%以上，"]]]], []],
  ["按时完成全部任务的，得满分。", '5', 'ok', "", [["按时完成全部任务的，得满分", { kind: "completion", points: d('5') }, [['points', "5", "得满分"]]]], []],
  ["工作成效明显的，酌情给分。", '5', 'ok', "", [["工作成效明显的，酌情给分", { kind: "discretionary", effect: "score", min: d('0') }, [['min', "0", "酌情给分"]]]], []],
  ["每有一项工作未落实的，酌情扣分。", '5', 'ok', "", [["每有一项工作未落实的，酌情扣分", { kind: "discretionary", effect: "deduction", min: d('0'), perOccurrence: true }, [['min', "0", "酌情扣分"], ['perOccurrence', "true", "每有一项"]]]], []],
  ["工作成效突出的，视情况加0.5-2分。", '5', 'ok', "", [["工作成效突出的，视情况加0.5-2分", { kind: "discretionary", effect: "bonus", min: d('0.5'), max: d('2') }, [['min', "0.5", "加0.5-2分"], ['max', "2", "加0.5-2分"]]]], []],
  ["每发现一起问题，酌情扣0.5-1分。", '5', 'ok', "", [["每发现一起问题，酌情扣0.5-1分", { kind: "discretionary", effect: "deduction", min: d('0.5'), max: d('1'), perOccurrence: true }, [['min', "0.5", "扣0.5-1分"], ['max', "1", "扣0.5-1分"], ['perOccurrence', "true", "每发现一起"]]]], []],
  ["全年组织培训不少于4次，少一次扣0.5分。", '5', 'ok', "", [["全年组织培训不少于4次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]]], []],
  ["检查台账（制度、记录、档案）缺一项扣1分。", '5', 'ok', "", [["检查台账（制度、记录、档案）缺一项扣1分", { kind: "shortfall", effect: "deduction", required: 3, amount: d('1'), elements: ["制度", "记录", "档案"] }, [['amount', "1", "扣1分"], ['per', "1", "缺一项"], ['elements', "制度、记录、档案", "制度、记录、档案"]]]], []],
  ["每月召开例会，少一次扣0.2分。", '5', 'ok', "", [["每月召开例会，少一次扣0.2分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.2'), perSubject: true }, [['amount', "0.2", "扣0.2分"], ['per', "1", "少一次"], ['required', "target", "少一次"], ['perSubject', "true", "每月召开例会，"]]]], []],
  ["每位班子成员每年下基层调研，少一次扣0.5分。", '5', 'ok', "", [["每位班子成员每年下基层调研，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.5'), perSubject: true }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "target", "少一次"], ['perSubject', "true", "每位班子成员每年下基层调研，"]]]], []],
  ["每季度开展一次督查，少一次扣0.5分，全年未开展的扣2分。", '5', 'needs-review', "未读取的计量单位“每季度开展一次”：已编译的规则未用到它，需人工确认", [["每季度开展一次督查，少一次扣0.5分，全年未开展的扣2分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.5'), noneAmount: d('2') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "target", "少一次"], ['noneAmount', "2", "，全年未开展的扣2分"]]]], []],
  ["材料报送每超一天扣0.1分。", '5', 'ok', "", [["材料报送每超一天扣0.1分", { kind: "lateness", effect: "deduction", amountPerPeriod: d('0.1'), period: "day" }, [['amountPerPeriod', "0.1", "扣0.1分"], ['period', "day", "每超一天"]]]], []],
  ["材料报送每超2天扣0.1分。", '5', 'needs-review', "每超2个期间扣分，规则只支持每个期间计扣，需确认", [["材料报送每超2天扣0.1分", { kind: "lateness", effect: "deduction", amountPerPeriod: d('0.1'), period: "day" }, [['amountPerPeriod', "0.1", "扣0.1分"], ['period', "day", "每超2天"]], "每超2个期间扣分，规则只支持每个期间计扣，需确认"]], []],
  ["合格率达到95%，每低1个百分点扣0.5分。", '5', 'ok', "", [["合格率达到95%，每低1个百分点扣0.5分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('95'), direction: "below", step: d('1'), perStep: d('0.5') }, [['threshold', "95", "95%"], ['step', "1", "每低1个百分点"], ['perStep', "0.5", "扣0.5分"]]]], []],
  ["增长15%，每低2个百分点扣0.2分。", '5', 'ok', "", [["增长15%，每低2个百分点扣0.2分", { kind: "threshold-steps", effect: "deduction", metric: { of: "value" }, threshold: d('15'), direction: "below", step: d('2'), perStep: d('0.2') }, [['threshold', "15", "15%"], ['step', "2", "每低2个百分点"], ['perStep', "0.2", "扣0.2分"]]]], []],
  ["与上年相比每增加1起扣1分。", '5', 'ok', "", [["与上年相比每增加1起扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "change", baseline: "previous" }, threshold: d('0'), direction: "above", step: d('1'), perStep: d('1') }, [['threshold', "0", "上年"], ['step', "1", "每增加1起"], ['perStep', "1", "扣1分"]]]], []],
  ["未完成目标任务的，每低1个百分点扣0.2分。", '5', 'ok', "", [["未完成目标任务的，每低1个百分点扣0.2分", { kind: "threshold-steps", effect: "deduction", metric: { of: "value" }, threshold: "target", direction: "below", step: d('1'), perStep: d('0.2') }, [['threshold', "target", "未完成目标任务的，"], ['step', "1", "每低1个百分点"], ['perStep', "0.2", "扣0.2分"]]]], []],
  ["每发生一起扣2分。", '5', 'ok', "", [["每发生一起扣2分", { kind: "per-occurrence", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"], ['counter', "起", "每发生一起"]]]], []],
  ["每3例扣0.1分。", '5', 'ok', "", [["每3例扣0.1分", { kind: "per-occurrence", effect: "deduction", amount: d('0.1'), per: 3 }, [['amount', "0.1", "扣0.1分"], ['counter', "例", "每3例"], ['per', "3", "每3例"]]]], []],
  ["3日内未整改的，每起扣1分。", '5', 'ok', "", [["3日内未整改的，每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), overLimit: d('3') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['overLimit', "3", "3日内未"]]]], []],
  ["报到率低于95%扣0.05分。", '5', 'ok', "", [["报到率低于95%扣0.05分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('95'), direction: "below", initial: d('0.05') }, [['threshold', "95", "低于95%"], ['initial', "0.05", "扣0.05分"]]]], []],
  ["线上受理率达到80%，未实现的扣0.1分。", '5', 'ok', "", [["线上受理率达到80%，未实现的扣0.1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('80'), direction: "below", initial: d('0.1') }, [['threshold', "80", "达到80%"], ['initial', "0.1", "扣0.1分"], ['direction', "below", "，未实现的"]]]], []],
  ["办理金额10万元以上的，加1分。", '5', 'ok', "", [["办理金额10万元以上的，加1分", { kind: "bands", effect: "bonus", metric: { of: "value" }, bands: [{ min: d('100000'), amount: d('1'), label: "10万元以上（按元计）" }] }, [['band', "100000", "10万元以上"], ['amount', "1", "加1分"]]]], []],
  ["完成年度任务的，得3分。", '5', 'ok', "", [["完成年度任务的，得3分", { kind: "completion", points: d('3') }, [['points', "3", "得3分"]]]], []],
  ["每发表一篇宣传稿件得0.5分。", '5', 'ok', "", [["每发表一篇宣传稿件得0.5分", { kind: "per-occurrence", effect: "bonus", amount: d('0.5') }, [['amount', "0.5", "得0.5分"], ['counter', "篇", "每发表一篇"]]]], []],
  ["工作成效突出的，酌情加分。", '5', 'ok', "", [["工作成效突出的，酌情加分", { kind: "discretionary", effect: "bonus", min: d('0') }, [['min', "0", "酌情加分"]]]], []],
  ["每项工作未落实的，酌情扣分。", '5', 'ok', "", [["每项工作未落实的，酌情扣分", { kind: "discretionary", effect: "deduction", min: d('0'), perOccurrence: true }, [['min', "0", "酌情扣分"], ['perOccurrence', "true", "每项"]]]], []],
  ["每发现一起问题，酌情扣分。", '5', 'ok', "", [["每发现一起问题，酌情扣分", { kind: "discretionary", effect: "deduction", min: d('0'), perOccurrence: true }, [['min', "0", "酌情扣分"], ['perOccurrence', "true", "每发现一起"]]]], []],
  ["每起扣112分。", undefined, 'ok', "", [["每起扣112分", { kind: "per-occurrence", effect: "deduction", amount: d('112') }, [['amount', "112", "扣112分"], ['counter', "起", "每起"]]]], []],
  ["每起扣 11 分。", '20', 'needs-review', "“11 分”疑为录入错误（重复数字，可能应为1分），请核对", [["每起扣 11 分", { kind: "per-occurrence", effect: "deduction", amount: d('11') }, [['amount', "11", "扣 11 分"], ['counter', "起", "每起"]], "“11 分”疑为录入错误（重复数字，可能应为1分），请核对"]], []],
  ["材料报送每超2天扣11分。", '20', 'needs-review', "“11分”疑为录入错误（重复数字，可能应为1分），请核对；每超2个期间扣分，规则只支持每个期间计扣，需确认", [["材料报送每超2天扣11分", { kind: "lateness", effect: "deduction", amountPerPeriod: d('11'), period: "day" }, [['amountPerPeriod', "11", "扣11分"], ['period', "day", "每超2天"]], "“11分”疑为录入错误（重复数字，可能应为1分），请核对；每超2个期间扣分，规则只支持每个期间计扣，需确认"]], []],
  ["污水处理率达到90%以上，否则计0分。", '5', 'needs-review', "未读取的比率“90%”：已编译的规则未用到它，需人工确认", [["污水处理率达到90%以上，否则计0分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "计0分"]]]], []],
  ["按时完成任务的得2分，否则扣1分；污水处理率达到90%以上，否则不得分。", '5', 'ok', "", [["按时完成任务的得2分", { kind: "completion", points: d('2') }, [['points', "2", "得2分"]]], ["否则扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"]]], ["污水处理率达到90%以上，否则不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"], ['requirement', "90%以上", "污水处理率达到90%以上，"]]]], []],
  ["污水处理率达到90%以上，收集率达到80%以上，否则不得分。", '5', 'ok', "", [["污水处理率达到90%以上，收集率达到80%以上，否则不得分", { kind: "zero", scope: "indicator" }, [['scope', "indicator", "不得分"], ['requirement', "90%以上、80%以上", "污水处理率达到90%以上，收集率达到80%以上，"]]]], []],
  ["按时完成全部任务的，得满分。", undefined, 'ok', "", [["按时完成全部任务的，得满分", { kind: "completion" }, [['points', "满分", "得满分"]]]], []],
  ["完成以下任一项的，得满分。", '5', 'needs-review', "“以上完成一项可得满分”未能识别所列选项", [], []],
  ["达到95%以上的为满分。", '5', 'needs-review', "“达到…为满分”需与后续扣分档合并为一条规则，未能合并", [], []],
  ["发生统计造假的，倒扣3分。", '2', 'ok', "", [["发生统计造假的，倒扣3分", { kind: "condition", effect: "deduction", amount: d('3') }, [['amount', "3", "倒扣3分"]]]], []],
  ["报送不及时的扣3分；发生统计造假的，倒扣1分。", '2', 'needs-review', "扣分值3超过本项分值2，请核对", [["报送不及时的扣3分", { kind: "condition", effect: "deduction", amount: d('3') }, [['amount', "3", "扣3分"]], "扣分值3超过本项分值2，请核对"], ["发生统计造假的，倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "倒扣1分"]]]], []],
  ["获得省级表彰的，加1分。", '0', 'needs-review', "加分值1超过本项分值0，请核对", [["获得省级表彰的，加1分", { kind: "condition", effect: "bonus", amount: d('1') }, [['amount', "1", "加1分"]], "加分值1超过本项分值0，请核对"]], []],
  ["每起扣1", '5', 'ok', "", [["每起扣1", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1"], ['counter', "起", "每起"]]]], ["“扣1”缺少“分”字，按分读取"]],
  ["每月报送信息的加1分；召开会议少一次扣0.5分。", '5', 'needs-review', "“每月”是频次要求还是按期计分未写明，需人工确认", [["召开会议少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "target", "少一次"]]]], []],
  ["信息报送每月少报一次扣0.5分。", '5', 'ok', "", [["信息报送每月少报一次扣0.5分", { kind: "shortfall", effect: "deduction", required: "target", amount: d('0.5'), perSubject: true }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少报一次"], ['required', "target", "少报一次"], ['perSubject', "true", "信息报送每月"]]]], []],
  ["全年培训不少于4次，少一次扣0.5分；发现弄虚作假的扣2分。", '5', 'ok', "", [["全年培训不少于4次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]], ["发现弄虚作假的扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], []],
  ["受理后超过3天、办结率低于95%的，每低1个百分点扣0.2分。", '5', 'ok', "", [["受理后超过3天、办结率低于95%的，每低1个百分点扣0.2分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('95'), direction: "below", step: d('1'), perStep: d('0.2') }, [['threshold', "95", "低于95%"], ['step', "1", "每低1个百分点"], ['perStep', "0.2", "扣0.2分"]]]], []],
  ["合格率超过95%的，每高1个百分点加0.2分。", '5', 'ok', "", [["合格率超过95%的，每高1个百分点加0.2分", { kind: "threshold-steps", effect: "bonus", metric: { of: "rate", percent: true }, threshold: d('95'), direction: "above", step: d('1'), perStep: d('0.2') }, [['threshold', "95", "超过95%"], ['step', "1", "每高1个百分点"], ['perStep', "0.2", "加0.2分"]]]], []],
  ["与上年相比每增加1起加0.5分。", '5', 'ok', "", [["与上年相比每增加1起加0.5分", { kind: "threshold-steps", effect: "bonus", metric: { of: "change", baseline: "previous" }, threshold: d('0'), direction: "above", step: d('1'), perStep: d('0.5') }, [['threshold', "0", "上年"], ['step', "1", "每增加1起"], ['perStep', "0.5", "加0.5分"]]]], []],
  ["信息报送每月得1分。", '5', 'needs-review', "“每月”是频次要求还是按期计分未写明，需人工确认", [], []],
  ["每起扣1分；3日内未整改的扣2分。", '5', 'ok', "", [["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]], ["3日内未整改的扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], []],
  ["考核得分低于60分的，扣2分。", '5', 'needs-review', "未读取的门槛“低于60分”：已编译的规则未用到它，需人工确认；未读取的分值“60分”：已编译的规则未用到它，需人工确认", [["考核得分低于60分的，扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], []],
  ["办理时间超过3天的，扣0.5分。", '5', 'ok', "", [["办理时间超过3天的，扣0.5分", { kind: "condition", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"]]]], []],
  ["全年检查低于3次的，扣1分。", '5', 'ok', "", [["全年检查低于3次的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('3'), direction: "below", initial: d('1') }, [['threshold', "3", "低于3次"], ['initial', "1", "扣1分"]]]], []],
  ["受理案件低于5件的，扣1分。", '5', 'ok', "", [["受理案件低于5件的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('5'), direction: "below", initial: d('1') }, [['threshold', "5", "低于5件"], ['initial', "1", "扣1分"]]]], []],
  ["发生事故低于2起的，扣1分。", '5', 'ok', "", [["发生事故低于2起的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('2'), direction: "below", initial: d('1') }, [['threshold', "2", "低于2起"], ['initial', "1", "扣1分"]]]], []],
  ["新建站点低于4个的，扣1分。", '5', 'ok', "", [["新建站点低于4个的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('4'), direction: "below", initial: d('1') }, [['threshold', "4", "低于4个"], ['initial', "1", "扣1分"]]]], []],
  ["完成项目低于3项的，扣1分。", '5', 'ok', "", [["完成项目低于3项的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('3'), direction: "below", initial: d('1') }, [['threshold', "3", "低于3项"], ['initial', "1", "扣1分"]]]], []],
  ["出台制度低于2条的，扣1分。", '5', 'ok', "", [["出台制度低于2条的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('2'), direction: "below", initial: d('1') }, [['threshold', "2", "低于2条"], ['initial', "1", "扣1分"]]]], []],
  ["培训人数低于50人的，扣1分。", '5', 'ok', "", [["培训人数低于50人的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('50'), direction: "below", initial: d('1') }, [['threshold', "50", "低于50人"], ['initial', "1", "扣1分"]]]], []],
  ["入驻企业低于10家的，扣1分。", '5', 'ok', "", [["入驻企业低于10家的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('10'), direction: "below", initial: d('1') }, [['threshold', "10", "低于10家"], ['initial', "1", "扣1分"]]]], []],
  ["报送信息低于12篇的，扣1分。", '5', 'ok', "", [["报送信息低于12篇的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('12'), direction: "below", initial: d('1') }, [['threshold', "12", "低于12篇"], ['initial', "1", "扣1分"]]]], []],
  ["推荐人选低于3名的，扣1分。", '5', 'ok', "", [["推荐人选低于3名的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('3'), direction: "below", initial: d('1') }, [['threshold', "3", "低于3名"], ['initial', "1", "扣1分"]]]], []],
  ["设置网点低于5处的，扣1分。", '5', 'ok', "", [["设置网点低于5处的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('5'), direction: "below", initial: d('1') }, [['threshold', "5", "低于5处"], ['initial', "1", "扣1分"]]]], []],
  ["上报病例低于3例的，扣1分。", '5', 'ok', "", [["上报病例低于3例的，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "count" }, threshold: d('3'), direction: "below", initial: d('1') }, [['threshold', "3", "低于3例"], ['initial', "1", "扣1分"]]]], []],
  ["组长全年参加不少于4次、成员不少于2次，少一次扣0.5分。", '5', 'ok', "", [["组长全年参加不少于4次、成员不少于2次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]], ["成员不少于2次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 2, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "2", "不少于2次"]]]], []],
  ["全年开展宣传活动4次以上，少一次扣0.5分。", '5', 'ok', "", [["全年开展宣传活动4次以上，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "4次以上"]]]], []],
  ["完成以下一项的，得满分。", '5', 'needs-review', "“完成一项可得满分”需与所列选项一起编译", [], []],
  ["完成下列任意一项工作的，得满分。", '5', 'needs-review', "“完成一项可得满分”需与所列选项一起编译", [], []],
  ["每有项工作未落实的，酌情扣分。", '5', 'ok', "", [["每有项工作未落实的，酌情扣分", { kind: "discretionary", effect: "deduction", min: d('0'), perOccurrence: true }, [['min', "0", "酌情扣分"]]]], []],
  ["报送不及时的扣3分，发生统计造假的倒扣1分。", '2', 'needs-review', "扣分值3超过本项分值2，请核对", [["报送不及时的扣3分", { kind: "condition", effect: "deduction", amount: d('3') }, [['amount', "3", "扣3分"]], "扣分值3超过本项分值2，请核对"], ["发生统计造假的倒扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "倒扣1分"]]]], []],
  ["全年培训不少于4次，少一次扣0.5分，发现弄虚作假的扣2分。", '5', 'ok', "", [["全年培训不少于4次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]], ["发现弄虚作假的扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], []],
  ["发现问题的扣1分，全年培训不少于4次，少一次扣0.5分。", '5', 'ok', "", [["发现问题的扣1分", { kind: "condition", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"]]], ["全年培训不少于4次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]]], []],
  ["每起扣1分，3日内未整改的扣2分。", '5', 'ok', "", [["每起扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]], ["3日内未整改的扣2分", { kind: "condition", effect: "deduction", amount: d('2') }, [['amount', "2", "扣2分"]]]], []],
  ["每发现一个问题镇扣1分。", '5', 'ok', "", [["每发现一个问题镇扣1分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), countDistinct: "subject" }, [['amount', "1", "扣1分"], ['counter', "个", "每发现一个"], ['countDistinct', "subject", "问题镇"]]]], []],
  ["全年培训不少于4次，少一次扣0.5分，未组织培训但开展线上学习的加0.5分。", '5', 'ok', "", [["全年培训不少于4次，少一次扣0.5分", { kind: "shortfall", effect: "deduction", required: 4, amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['per', "1", "少一次"], ['required', "4", "不少于4次"]]], ["未组织培训但开展线上学习的加0.5分", { kind: "condition", effect: "bonus", amount: d('0.5') }, [['amount', "0.5", "加0.5分"]]]], []],
  // bands, rank lists, top-k, levels and the modifiers (lines 321– of build-rules.ts)
  ["安全生产检查合格率达到80%以上，加1分。", '5', 'ok', "", [["安全生产检查合格率达到80%以上，加1分", { kind: "bands", effect: "bonus", metric: { of: "rate", percent: true }, bands: [{ min: d('80'), amount: d('1'), label: "80%以上" }] }, [['band', "80", "80%以上"], ['amount', "1", "加1分"]]]], []],
  ["办理金额50万元以上的，加2分。", '5', 'ok', "", [["办理金额50万元以上的，加2分", { kind: "bands", effect: "bonus", metric: { of: "value" }, bands: [{ min: d('500000'), amount: d('2'), label: "50万元以上（按元计）" }] }, [['band', "500000", "50万元以上"], ['amount', "2", "加2分"]]]], []],
  ["项目资金到位率低于90%，扣1分。", '5', 'ok', "", [["项目资金到位率低于90%，扣1分", { kind: "threshold-steps", effect: "deduction", metric: { of: "rate", percent: true }, threshold: d('90'), direction: "below", initial: d('1') }, [['threshold', "90", "低于90%"], ['initial', "1", "扣1分"]]]], []],
  ["排名1-3名的依次得10分、9分、8分。", '10', 'ok', "", [["排名1-3名的依次得10分、9分、8分", { kind: "rank-bands", effect: "score", metric: { of: "value" }, order: "desc", bands: [{ from: 1, to: 1, amount: d('10') }, { from: 2, to: 2, amount: d('9') }, { from: 3, to: 3, amount: d('8') }] }, [['ranks', "1-3", "1-3名"], ['amounts', "10、9、8", "依次得10分、9分、8分"]]]], []],
  ["排名1-3名的依次得10分、9分。", '10', 'needs-review', "第1-3名与所列2个分值个数不一致", [], []],
  ["位列全省前三位的，分别加0.5分、0.4分、0.3分。", '5', 'ok', "", [["位列全省前三位的，分别加0.5分、0.4分、0.3分", { kind: "top-k", metric: { of: "rank" }, order: "desc", amounts: [d('0.5'), d('0.4'), d('0.3')] }, [['amounts', "0.5、0.4、0.3", "分别加0.5分、0.4分、0.3分"]]]], []],
  ["位列全省前三位的，分别加0.5分、0.4分。", '5', 'needs-review', "前3名与所列2个加分值个数不一致", [], []],
  ["在省、市考核中列前3名的，分别奖10分、5分、3分。", '10', 'needs-review', "名次所在排名未写明：“前3名…分别奖10、5、3分”是第1名至第3名分别奖10、5、3分（名次与分值个数一致，层级2个与分值3个不对应），但排名有省、市2级：名次按哪一级排名计、省、市排名是否都按这组分值、都进前3名时是否都计未写明，需人工确认", [], []],
  ["在省、市考核中列前2名的，分别奖10分、5分。", '10', 'needs-review', "“前2名…分别奖10、5分”有两种读法：按名次（第1名至第2名分别奖10、5分，省、市排名都按此计）；或按层级：省级前2名奖10分，市级前2名奖5分。所指排名层级未写明，需人工确认", [], []],
  ["在省、市考核中列前3名的，分别奖10分、5分。", '10', 'needs-review', "“前3名…分别奖10、5分”有两种读法：按名次（第1名至第2名分别奖10、5分，省、市排名都按此计）；或按层级：省级前3名奖10分，市级前3名奖5分。所指排名层级未写明，需人工确认", [], []],
  ["出现比例高于20%、30%、50%的，分别扣0.5分、1分、2分。", '5', 'ok', "", [["出现比例高于20%、30%、50%的，分别扣0.5分、1分、2分", { kind: "bands", effect: "deduction", metric: { of: "rate", percent: true }, bands: [{ min: d('20'), minInclusive: false, max: d('30'), maxInclusive: true, amount: d('0.5') }, { min: d('30'), minInclusive: false, max: d('50'), maxInclusive: true, amount: d('1') }, { min: d('50'), minInclusive: false, amount: d('2') }] }, [['edges', "20、30、50", "高于20%、30%、50%的，"], ['amounts', "0.5、1、2", "分别扣0.5分、1分、2分"]]]], []],
  ["出现比例低于60%、50%的，分别扣1分、2分。", '5', 'ok', "", [["出现比例低于60%、50%的，分别扣1分、2分", { kind: "bands", effect: "deduction", metric: { of: "rate", percent: true }, bands: [{ max: d('60'), maxInclusive: false, min: d('50'), minInclusive: true, amount: d('1') }, { max: d('50'), maxInclusive: false, amount: d('2') }] }, [['edges', "60、50", "低于60%、50%的，"], ['amounts', "1、2", "分别扣1分、2分"]]]], []],
  ["出现比例高于20%、30%的，分别扣0.5分、1分、2分。", '5', 'needs-review', "分别扣的分值个数（3）与所列档次个数（2）不一致", [], []],
  ["排名倒数第1名、第2名的，分别扣2分、1分。", '5', 'needs-review', "按“倒数第”名次计分（名次从末位数起），但不是“倒数第1名、第2名…分别计a、b…分”的写法，需人工确认", [], []],
  ["被中央、省、市通报批评的，每次分别扣1分、0.5分、0.3分。", '5', 'ok', "", [["被中央、省、市通报批评的，每次分别扣1分、0.5分、0.3分", { kind: "per-occurrence", effect: "deduction", tiers: { by: "level", amounts: { "中央": 1000000, "省": 500000, "市": 300000 } } }, [['tiers.中央', "1", "中央、省…1分"], ['tiers.省', "0.5", "省、市通…0.5分"], ['tiers.市', "0.3", "市通报批…0.3分"]]]], []],
  ["被中央、省通报批评的，每次分别扣1分、0.5分、0.3分。", '5', 'needs-review', "分别扣的分值个数（3）与前文层级个数（2：中央、省）不一致", [], []],
  ["被省、市通报批评2次以上的，分别扣1分、0.5分。", '5', 'ok', "", [["被省、市通报批评2次以上的，分别扣1分、0.5分", { kind: "per-occurrence", effect: "deduction", tiers: { by: "level", amounts: { "省": 1000000, "市": 500000 } }, minRepeat: 2 }, [['tiers.省', "1", "省、市通…1分"], ['tiers.市', "0.5", "市通报批…0.5分"], ['minRepeat', "2", "2次以上"]]]], []],
  ["被省、市通报批评三次及以上的，分别扣1分、0.5分。", '5', 'ok', "", [["被省、市通报批评三次及以上的，分别扣1分、0.5分", { kind: "per-occurrence", effect: "deduction", tiers: { by: "level", amounts: { "省": 1000000, "市": 500000 } }, minRepeat: 3 }, [['tiers.省', "1", "省、市通…1分"], ['tiers.市', "0.5", "市通报批…0.5分"], ['minRepeat', "3", "三次及以上"]]]], []],
  ["每起扣0.5分，最多扣2分。", '5', 'ok', "", [["每起扣0.5分，最多扣2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5'), cap: d('2') }, [['amount', "0.5", "扣0.5分"], ['counter', "起", "每起"], ['cap', "2", "最多扣2分"]]]], []],
  ["每起加0.5分，每月最多加1分。", '5', 'ok', "", [["每起加0.5分，每月最多加1分", { kind: "per-occurrence", effect: "bonus", amount: d('0.5'), periodCap: { period: "month", amount: d('1') } }, [['amount', "0.5", "加0.5分"], ['counter', "起", "每起"], ['periodCap', "month 1", "每月最多加1分"]]]], []],
  ["信息被采用的，加1分，每月最多2分。", '5', 'ok', "", [["信息被采用的，加1分，每月最多2分", { kind: "per-occurrence", effect: "bonus", amount: d('1'), periodCap: { period: "month", amount: d('2') } }, [['amount', "1", "加1分"], ['periodCap', "month 2", "每月最多2分"]]]], []],
  ["每起扣0.5分，每季度最多扣1分，全年最多扣3分。", '5', 'ok', "", [["每起扣0.5分，每季度最多扣1分，全年最多扣3分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5'), periodCap: { period: "quarter", amount: d('1') }, cap: d('3') }, [['amount', "0.5", "扣0.5分"], ['counter', "起", "每起"], ['periodCap', "quarter 1", "每季度最多扣1分"], ['cap', "3", "最多扣3分"]]]], []],
  ["每次扣0.5分，最多加2分。", '5', 'needs-review', "修饰语“最多加2分”无法应用于该规则", [["每次扣0.5分，最多加2分", { kind: "per-occurrence", effect: "deduction", amount: d('0.5') }, [['amount', "0.5", "扣0.5分"], ['counter', "次", "每次"]]]], []],
  ["酌情扣分，最多扣2分。", '5', 'ok', "", [["酌情扣分，最多扣2分", { kind: "discretionary", effect: "deduction", min: d('0'), max: d('2') }, [['min', "0", "酌情扣分"], ['cap', "2", "最多扣2分"]]]], []],
  ["每起扣0.1分，最少扣0.5分。", '5', 'ok', "", [["每起扣0.1分，最少扣0.5分", { kind: "per-occurrence", effect: "deduction", amount: d('0.1'), minimum: d('0.5') }, [['amount', "0.1", "扣0.1分"], ['counter', "起", "每起"], ['minimum', "0.5", "最少扣0.5分"]]]], []],
  ["酌情扣分，最少扣0.5分。", '5', 'needs-review', "修饰语“最少扣0.5分”无法应用于该规则", [["酌情扣分，最少扣0.5分", { kind: "discretionary", effect: "deduction", min: d('0') }, [['min', "0", "酌情扣分"]]]], []],
  ["每起扣1分，扣完为止。", '5', 'ok', "", [["每起扣1分，扣完为止", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['floor', "0", "扣完为止"]]]], []],
  ["每起扣1分，未按期整改的加倍扣分。", '5', 'ok', "", [["每起扣1分，未按期整改的加倍扣分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), double: { flag: "not-rectified" } }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['double', "not-rectified", "未按期整改的加倍扣分"]]]], []],
  ["每起扣1分，情节严重的加倍扣分。", '5', 'ok', "", [["每起扣1分，情节严重的加倍扣分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), double: { flag: "情节严重" } }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['double', "情节严重", "情节严重的加倍扣分"]]]], []],
  ["按时报送的得2分，最多加3分。", '5', 'needs-review', "修饰语“最多加3分”无法应用于该规则", [["按时报送的得2分，最多加3分", { kind: "completion", points: d('2') }, [['points', "2", "得2分"]]]], []],
  ["每起扣1分，同一事项不重复扣分。", '5', 'ok', "", [["每起扣1分，同一事项不重复扣分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), dedupe: "event-key" }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['dedupe', "event-key", "不重复扣分"]]]], []],
  ["每起扣1分，同一问题按最高分扣，不重复扣分。", '5', 'ok', "", [["每起扣1分，同一问题按最高分扣，不重复扣分", { kind: "per-occurrence", effect: "deduction", amount: d('1'), dedupe: "event-key" }, [['amount', "1", "扣1分"], ['counter', "起", "每起"], ['dedupe', "event-key", "按最高分"], ['dedupe', "event-key", "不重复扣分"]]]], []],
  ["每起扣1分，累计加减分不超过3分。", '5', 'ok', "", [["每起扣1分，累计加减分不超过3分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], []],
  ["每起扣1分，该项满分5分。", '5', 'needs-review', "修饰语“该项满分5分”无法应用于该规则", [["每起扣1分，该项满分5分", { kind: "per-occurrence", effect: "deduction", amount: d('1') }, [['amount', "1", "扣1分"], ['counter', "起", "每起"]]]], []],
];

describe('single segments: each reading builds its rule and says which phrase gave which parameter', () => {
  it.each(rows)('%s (%s 分)', (text, points, status, reason, rules, warnings) => {
    const r = compileRuleText(text, points === undefined ? {} : { points: d(points) });
    expect([r.status, r.reason ?? '']).toEqual([status, reason]);
    expect(r.rules.map((c) => [c.text, c.rule, c.params.map((p) => [p.name, p.value, p.phrase]), ...(c.review === undefined ? [] : [c.review])])).toStrictEqual(rules);
    expect(r.warnings).toEqual(warnings);
  });
});
