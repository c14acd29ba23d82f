/**
 * The vocabulary of scoring sentences, as data: every word list the rule-text compiler knows lives
 * here (the tokenizer's lexicon, counters, units of measure, time units, authority levels,
 * severities, roles, unit categories, baselines, subjects). The phrase families read these lists;
 * none of them carries a word list of its own. Adding a word a real document uses is a one-line
 * change here, with a golden row that cites it.
 */

/** Tags of the words the tokenizer recognises (longest entry first). */
export type WordTag =
  | 'deduct' // 扣 扣除 扣减
  | 'add' // 加 奖
  | 'get' // 得 计 记
  | 'score-by' // 计分 打分 赋分 得分
  | 'every' // 每
  | 'respectively' // 分别 依次
  | 'each' // 各
  | 'again' // 再
  | 'cap' // 最高 最多 不超过
  | 'minimum' // 最少 最低
  | 'floor' // 扣完为止 不计负分
  | 'no-score' // 不得分 该项不得分
  | 'zero' // 直接计零分 本项分值为0 全额扣分
  | 'full' // 满分
  | 'veto' // 一票否决
  | 'double' // 加倍
  | 'dedupe' // 不重复扣分
  | 'discretion' // 酌情 视情
  | 'convert' // 折算
  | 'proportion' // 比例
  | 'rank' // 排名 名次
  | 'otherwise' // 否则 其余
  | 'less' // 少 缺
  | 'below' // 低于 未达到 不足 以下
  | 'above' // 高于 超过 以上
  | 'fall' // 下降 降
  | 'rise' // 增加 增长 提高
  | 'inclusive' // 含
  | 'per-rule' // 按规定执行
  | 'complete' // 完成
  | 'reverse'; // 倒扣 (a deduction below zero, 06)

export const LEXICON: Record<string, WordTag> = {
  扣完为止: 'floor', 扣完即止: 'floor', 减完为止: 'floor', 不计负分: 'floor', 扣至零分为止: 'floor',
  该单项不得分: 'no-score', 该项不得分: 'no-score', 本项不得分: 'no-score', 此项不得分: 'no-score', 不得分: 'no-score', 不计分: 'no-score', 不给分: 'no-score',
  直接计零分: 'zero', 计零分: 'zero', 按零分计: 'zero', 直接归零: 'zero', 分值为0: 'zero', 全额扣分: 'zero', 全部分值: 'zero', 全部分数: 'zero',
  满分: 'full',
  一票否决: 'veto',
  加倍: 'double',
  不重复扣分: 'dedupe', 不重复加分: 'dedupe', 不重复计分: 'dedupe', 不重复: 'dedupe', 不累计加分: 'dedupe', 不累计: 'dedupe',
  酌情: 'discretion', 视情况: 'discretion', 视情: 'discretion',
  折算: 'convert', 换算: 'convert',
  比例: 'proportion', 占比: 'proportion',
  排名: 'rank', 名次: 'rank', 位列: 'rank',
  否则: 'otherwise', 其余: 'otherwise',
  计分: 'score-by', 打分: 'score-by', 赋分: 'score-by', 得分: 'score-by', 计算得分: 'score-by',
  按规定执行: 'per-rule', 规定执行: 'per-rule', 按有关规定: 'per-rule', 按相关规定: 'per-rule',
  倒扣: 'reverse',
  扣除: 'deduct', 扣减: 'deduct', 扣: 'deduct',
  加: 'add', 奖励: 'add', 奖: 'add',
  得: 'get', 计: 'get', 记: 'get', 赋予: 'get',
  每: 'every',
  分别: 'respectively', 依次: 'respectively',
  各: 'each',
  再: 'again',
  最高: 'cap', 最多: 'cap', 不超过: 'cap', 不得超过: 'cap', 不高于: 'cap', 封顶: 'cap', 上限为: 'cap',
  最少: 'minimum', 最低: 'minimum',
  缺少: 'less', 少于: 'below', 少: 'less', 缺: 'less',
  低于: 'below', 未达到: 'below', 没有达到: 'below', 达不到: 'below', 未达: 'below', 不足: 'below', 不到: 'below', 以下: 'below', 不达标: 'below',
  高于: 'above', 超过: 'above', 超出: 'above', 以上: 'above', 大于: 'above', 多于: 'above',
  下降: 'fall', 降低: 'fall', 降: 'fall',
  增加: 'rise', 增长: 'rise', 提高: 'rise',
  含: 'inclusive',
  完成: 'complete',
};

/** Counters of occurrences and subjects (每起 / 3 人次 / 每个). */
export const COUNTERS = ['人次', '批次', '起', '件', '次', '例', '项', '条', '人', '处', '个', '篇', '家', '宗', '户', '名', '位', '样', '单', '所', '月', '期', '场', '票'];

/** Counters that are periods: 每月 / 每期 states a cadence, never an amount per occurrence. */
export const PERIOD_COUNTERS = ['月', '期'];
/** "…整个项得0分": the words before a 0 分 that make it the whole item zeroed (a zero rule), not a completion of 0. */
export const WHOLE_ITEM_ZERO_HEADS = ['整个项得', '整项得', '该项得', '本项得', '此项得', '整个项计', '整项计', '该项计', '本项计', '此项计'];
/** "…全部达标得N分" before deductions for each one that does not (full-then-each.ts): the words of the all-met state. */
export const ALL_MET_WORDS = ['全部达标', '均达标', '全部合格', '均合格', '全部完成', '均完成'];
/** The failures those deductions are for (有一个不达标扣2分). */
export const NOT_MET_WORDS = ['不达标', '不合格', '未完成', '未达标'];
/** The cadence of a task (按要求每月上报…): how often it is due, not a per-period amount (families/part-points.ts). */
export const CADENCE_WORDS = ['每月', '每季度', '每季', '每周', '每半年', '每年', '每旬'];

/** Counters whose count is a measured count (metric of: count) when a threshold or step reads it. */
export const COUNT_METRIC_COUNTERS = ['次', '件', '起', '个', '项', '条', '人', '家', '篇', '名', '处', '例'];

/** Periods of lateness (每超一天 / 每逾期1个工作日 / 每延迟一个月). */
export const TIME_UNITS: Record<string, 'day' | 'workday' | 'month'> = { 天: 'day', 日: 'day', 个自然日: 'day', 工作日: 'workday', 个工作日: 'workday', 月: 'month', 个月: 'month' };

/** Units that state a duration or a date, never a threshold of the scored quantity. */
export const DURATION_UNITS = ['天', '日', '工作日', '个工作日', '小时', '分钟', '个月', '个自然日', '年', '周'];

/** Ranking counters (前3名 / 第6位). */
export const RANK_COUNTERS = ['名', '位'];

/** Roles an amount can name (扣牵头单位1分，扣相关配合单位0.5分). The leading 相关 is not part of the key. */
export const ROLES = ['相关配合单位', '配合单位', '牵头单位', '责任单位', '主办单位', '协办单位', '一类责任单位', '二类责任单位'];
export const ROLE_PREFIX = '相关';

/**
 * Authority levels. Each level lists the words that name it; the tier key is the word as the
 * document writes it (国家 or 中央, 县 or 区). `notAfter`/`notBefore` rule out compounds in which
 * the character is not a level (省略, 市场, 城市, 区域).
 */
export type LevelWord = { word: string; notBefore?: string[]; notAfter?: string[] };
export const LEVELS: { level: string; words: LevelWord[] }[] = [
  { level: 'national', words: [{ word: '中央' }, { word: '国家' }, { word: '国务院' }, { word: '部委' }, { word: '全国' }] },
  { level: 'province', words: [{ word: '省', notAfter: ['略', '份'] }] },
  { level: 'city', words: [{ word: '市', notBefore: ['城', '全', '超', '门', '都'], notAfter: ['场', '民', '管'] }] },
  { level: 'county', words: [{ word: '县', notAfter: ['城'] }, { word: '区', notBefore: ['社', '地', '园', '景', '城', '校', '街', '产', '湾', '新', '辖'], notAfter: ['域', '别', '分'] }] },
];

/** Words that name a severity or a sanction (tier keys are the condition as written around them). */
export const SEVERITY_WORDS = ['诫勉', '谈话', '处分', '刑事', '一般', '较大', '重大', '特别重大', '特大', '严重', '警告', '记过', '撤职', '开除', '通报批评', '约谈'];

/** Words that make a run of amounts a ladder by authority level (通报 by 省/市/县). */
export const LEVEL_LADDER_WORDS = ['通报', '批评', '约谈', '督查', '检查', '表彰', '表扬', '报道', '媒体', '问责', '奖', '推广', '用稿', '肯定'];

/**
 * Unit categories a document scores differently in one sentence ("产区得a分，非产区得b分", corpus 06).
 * Longest first, so 非产区 is never read as 产区.
 */
export const UNIT_CATEGORY_WORDS = ['非产区', '产区', '主产区', '主销区', '产销平衡区'];

/** Words that say a stated requirement was not met (达到60%以上，未实现的扣…). */
export const FAILURE_WORDS = ['未实现', '未达标', '未达到', '未完成', '达不到', '没有达到'];

/** Words that open the otherwise of an allocation (否则不得分 / 未完成的不得分 / 其余不得分). */
export const OTHERWISE_WORDS = ['否则', '未完成', '其余'];

/** Words that name a rate in a condition: a percentage there is a rate, otherwise a value. */
export const RATE_WORDS = ['率', '度', '比例', '比重', '占比'];

/** Words that make a sentence a ranking (排名1-3名得10分). */
export const RANKING_WORDS = ['排名', '名次', '位列', '排序'];

/** Scoring handed to another document: 依据《…办法》相应给予减分 / 根据…方案确定的评分标准执行 (corpus 11, 06). */
export const DELEGATE_OPENERS = ['依据', '根据', '按照', '参照'];
export const DELEGATE_DOCUMENTS = ['》', '办法', '细则', '方案', '评分标准', '责任书'];
/** What the other document decides: the score (评分标准执行) or the deduction (相应给予减分). */
export const DELEGATE_VERBS = ['评分', '计分', '扣分', '减分', '执行'];
/** A deduction whose amount another document sets (相应给予减分), and the words that open its stated ceilings (扣分上限：A N分，B M分). */
export const DELEGATED_DEDUCTION_WORDS = ['给予减分', '给予扣分', '相应减分', '相应扣分'];
export const DEDUCTION_CEILING_WORDS = ['扣分上限', '减分上限'];

/** The other document a sentence hands its scoring to (《name》 when written, else the words), or undefined. */
export function delegatedTo(text: string): string | undefined {
  const opener = DELEGATE_OPENERS.map((word) => ({ word, at: text.indexOf(word) })).filter((hit) => hit.at >= 0).sort((a, b) => a.at - b.at)[0];
  if (!opener) return undefined;
  const rest = text.slice(opener.at);
  if (!containsAny(rest, DELEGATE_DOCUMENTS)) return undefined;
  const open = rest.indexOf('《');
  const close = rest.indexOf('》', open);
  if (open >= 0 && close > open) return rest.slice(open, close + 1);
  const end = Math.max(...DELEGATE_DOCUMENTS.map((word) => (rest.indexOf(word) >= 0 ? rest.indexOf(word) + word.length : -1)));
  return rest.slice(opener.word.length, end).trim() || undefined;
}

/** Money units and their size in 元: a band on an amount is kept in 元 whatever unit the sentence writes it in. */
export const MONEY_UNITS: Readonly<Record<string, number>> = { 元: 1, 万元: 10000, 亿元: 100000000 };

/** The others score by their ratio to the leader (第1名得N分，第2-k名按第1名的比例得分, corpus 07). */
export const LEADER_RATIO_WORDS = ['按第1名的比例', '按第一名的比例', '按第1名比例', '按第一名比例', '与第1名的比例', '与第一名的比例'];

/** The rest of a ranking (其余得2分). */
export const REST_WORDS = ['其余', '其他', '其它'];

/** Words that say the threshold is the unit's target (每低…: 低于目标/计划/任务/指标). */
export const TARGET_WORDS = ['目标', '计划', '任务', '指标'];

/** Multiplication signs of a formula (事件处理率*15分, 完成率×10分). */
export const TIMES_SIGNS = ['*', '×', '＊', 'x', 'X'];

/** Proper names that contain scoring words but score nothing (“最多跑一次”改革): read as plain text. */
export const NAMES = ['最多跑一次'];

/** The one-character numerals of a repeat count (两次以上, 三次及以上). */
export const REPEAT_NUMERALS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** Periods shorter than the assessment year that a cap can be stated per (每月最多1分, 10). */
export const PERIOD_CAP_WORDS = ['每月', '每季度', '每季', '每周', '每次', '每半年'];
/** The period caps a per-occurrence rule holds (PerOccurrenceRule.periodCap, 加1分，每月最多2分); the others stay unread. */
export const PERIOD_CAP_KINDS: Record<string, 'month' | 'quarter'> = { 每月: 'month', 每季度: 'quarter', 每季: 'quarter' };
/**
 * Headings that say which kind of unit a situation is for (corpus 06: "试点省份：…得1分；其他省份：…得1分"):
 * situations under different headings are alternatives by unit, never parts that add up.
 */
export const APPLICABILITY_HEADS = ['省份：', '省份:', '地区：', '地区:', '市县：', '县（市、区）：', '乡镇：', '单位：', '部门：'];
/** A cap over bonuses and deductions together (累计加减分不超过N分): the item's net adjustment, not its deductions. */
export const NET_CAP_WORDS = ['加减分', '加扣分', '加分和扣分', '扣分和加分', '加分与扣分', '扣分与加分', '加分、扣分', '加、减分'];

/** Verbs that, right after a category word (产区扣0.5分), make an amount depend on the unit's category. */
export const CATEGORY_AMOUNT_VERBS = ['扣', '加', '倒扣', '最多扣'];

/** Baselines of a change ("与上年相比", "较上一年", "前三年平均", "全省平均"). */
export const BASELINE_PREVIOUS = ['较上一年', '较上年', '上年度', '上一年度', '上一年', '去年', '上年'];
export const BASELINE_AVERAGE = ['前三年平均', '前五年平均', '平均水平', '全省平均', '各地区平均', '平均值', '平均'];

/** Subjects a shortfall or requirement is counted per (每人 / 每位 / 每个 / 每村 / 每月). */
export const SUBJECT_COUNTERS = ['位', '名', '个', '月', '村', '人', '镇'];

/** Subjects counted once however many problems they have (每发现1个问题镇). */
export const DISTINCT_SUBJECTS = ['问题镇', '问题乡', '问题村', '问题单位'];

/** Verbs of "nothing was done at all" (未开展专题学习扣 0.5 分): the none amount of a shortfall. */
export const NONE_DONE_WORDS = ['未开展', '未组织', '未召开', '未举办', '未安排', '没有开展', '没有组织', '全年未'];

/** Words that say a clause adds to the one before it ("在此基础上…得0.2分", 06). */
export const STACKING_WORDS = ['在此基础上', '在此基础上，', '另外', '此外'];

/** Words that scope a 不得分 to the unit total instead of the item. */
export const UNIT_SCOPE_WORDS = ['总分', '总成绩', '年度考核中', '年度目标考核中', '全部得分'];

/** Words of an option list ("完成以下一项即得满分"). */
export const ANY_OF_WORDS = ['完成一项', '任一项', '其中一项', '之一', '以下一项', '任意一项'];

/** Sentence-level readings (compile-rule detectSentenceLevel): the words that name each. */
export const PROPORTION_VERBS = ['计分', '扣分', '得分', '折算', '量化', '计算'];
/** 完成一项即得满分 as a sentence of its own (the narrower list: 以下一项 waits for its options). */
export const SENTENCE_ANY_OF_WORDS = ['完成一项', '任一项', '其中一项', '之一'];
/** 按完成情况计分 / 工作情况打分: completion judged by the assessor. */
export const COMPLETION_JUDGED_PHRASES = ['按完成情况', ...['完成', '落实', '推进', '争取', '工作'].flatMap((what) => ['计分', '得分', '打分', '赋分'].map((how) => `${what}情况${how}`))];
/** A proportion that deducts (按比例扣分) rather than scores. */
export const PROPORTION_DEDUCT_WORDS = ['扣分', '扣减', '扣除'];
/** 基本分 / 基本参评分: the proportion applies to a sub-score, not to the item's points. */
export const SUB_SCORE_WORDS = ['基本分', '基本参评分'];
/** 否则不得分: full or nothing, no partial judgement. */
export const OTHERWISE_ZERO = ['否则不得分'];
/** Every way a text says a not-done item scores 0 (否则不得分, 否则计0分, …). */
export const OTHERWISE_ZERO_FORMS = [...OTHERWISE_ZERO, '否则不计分', '否则计0分', '否则得0分'];

/** Words after which "（N分）" or a number are the item's own points, not an amount. */
export const ORDINAL_OPENERS = ['（', '('];

/** Compounds in which 口 is a real word, not a mistyped 扣 (出口, 排污口…): used by the normaliser. */
export const KOU_WORDS = ['出口', '入口', '人口', '窗口', '路口', '港口', '接口', '端口', '关口', '门口', '道口', '河口', '污口', '排口', '缺口', '借口', '进口', '户口', '口岸'];

/** True when `text` contains one of `words`. */
export const containsAny = (text: string, words: readonly string[]): boolean => words.some((word) => text.includes(word));

/** The first of `words` found in `text` (in list order), or undefined. */
export const firstOf = (text: string, words: readonly string[]): string | undefined => words.find((word) => text.includes(word));

// ---- compilerB (issue 15 part 2: corpus 01 02 03 07 08, seed 000; families/named-threshold, families/full-or-proportional) ----

/** "占比超 50%，未达标部门扣 0.1 分" (000:591): a requirement that the value exceeds the figure (the figure itself misses). */
export const EXCEED_REQUIREMENT_WORDS = ['超'];
/** "每例扣0.5分,共1分" (corpus 07): the points of the sub-item the deductions come from, the most they take. */
export const SUB_ITEM_TOTAL_WORDS = ['共'];
/** "…达80%以上，…，否则不得分": the word after which 不得分 is the failure of the requirements before it (corpus 01). */
export const ZERO_OTHERWISE_WORDS = ['否则'];
/**
 * A case exempted from a deduction (corpus 03 "如果…群众满意，此事件可以不扣分"): on a per-occurrence deduction whose
 * words name the occurrence (`EXEMPT_OCCURRENCE_REFS`), the rule's `exempt`; anywhere else flagged, never read as a rule.
 */
export const EXEMPTION_WORDS = ['可以不扣分', '可不扣分', '不予扣分', '免于扣分', '不作扣分'];
/** The occurrence an exemption is about (此事件可以不扣分): the exemption is per occurrence. */
export const EXEMPT_OCCURRENCE_REFS = ['此事件', '该事件', '此次', '该次', '此起', '该起'];
/** Words that open a condition and are not part of it (如果…, 但…, 若…). Longest first. */
export const CONDITION_OPENERS = ['如果', '但是', '若', '如', '但'];
/** The fact flag that marks an occurrence as the exempt case (PerOccurrenceRule.exempt.flag). */
export const EXEMPT_FLAG = 'exempt';
/** Places counted from the bottom (排名倒数第1名…分别计2分、1.9分, corpus 08): external-rank `fromBottom` (families/reverse-rank.family.ts). */
export const REVERSE_RANK_WORDS = ['倒数第', '倒数'];
/** One place up a ranking counted from the bottom (倒数第n+1名及以上的，每进1名扣s分, corpus 08). */
export const RANK_UP_WORDS = ['每进', '每前进', '每上升'];
/** A score taken from other units' scores (corpus 08, in the shape of the made-up "其余站所得分为一线站所得分的平均分"): flagged, never a rule. */
export const PEER_AVERAGE_WORDS = ['得分的平均分', '平均分得分', '平均分计分', '按平均分计'];

/**
 * What may stand between a unit category and its amount in a category pair (families/category-rules):
 * "产区得2分" "产区扣0.5分" "产区最多扣2分", or nothing after the verb ("倒扣产区4分", "在产区2.4分…的基础上").
 */
export const CATEGORY_AMOUNT_FILLERS = ['', '得', '扣', '加', '减', '扣减', '最多扣', '最高扣', '最多加', '最高加'];
/** What joins the amounts of a category pair ("产区扣a分，非产区扣b分", "产区得a分、非产区得b分"). */
export const CATEGORY_PAIR_SEPARATORS = ['，', ',', '、'];
/**
 * "此项不得分，同时倒扣4分": what may stand before a 倒扣 that has no condition of its own, so it shares the 此项不得分's
 * (the two become one clause with `afterZero`, compile-rule.ts).
 */
export const SAME_CONDITION_WORDS = ['同时', '并且', '并', '且'];
/** A list whose amounts follow the order of the categories just named ("…的基础上分别加x分、y分"). */
export const RESPECTIVELY_WORDS = ['分别'];
/** "其余站所得分为一线站所得分的平均分": the indicator's N/A policy average-of-others (families/peer-average.ts). */
export const OTHERS_WORDS = ['其他', '其余'];
export const PEER_SCORE_IS = '得分为';
export const PEER_AVERAGE_TAIL = '得分的平均分';
