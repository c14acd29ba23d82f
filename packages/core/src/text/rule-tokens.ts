import { readQuantity, type Quantity } from './chinese-number';

/**
 * Tokens of rule text. Words of the scoring vocabulary carry a tag; numbers carry their quantity;
 * every other character is its own `char` token, so patterns can match any phrase with `lit`.
 * Whitespace (including the line breaks extraction leaves inside sentences) is skipped; every
 * token keeps its [start, end) offsets in the clause text.
 */
export type WordTag =
  | 'deduct' // 扣 扣除 扣减
  | 'add' // 加
  | 'get' // 得 计 记
  | 'score-by' // 计分 打分 赋分 得分
  | 'every' // 每
  | 'respectively' // 分别
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
  | 'complete'; // 完成

/** Longest entries are tried first. */
const LEXICON: Record<string, WordTag> = {
  扣完为止: 'floor', 扣完即止: 'floor', 减完为止: 'floor', 不计负分: 'floor', 扣至零分为止: 'floor',
  该单项不得分: 'no-score', 该项不得分: 'no-score', 本项不得分: 'no-score', 此项不得分: 'no-score', 不得分: 'no-score', 不计分: 'no-score', 不给分: 'no-score',
  直接计零分: 'zero', 计零分: 'zero', 按零分计: 'zero', 直接归零: 'zero', 分值为0: 'zero', 全额扣分: 'zero', 全部分值: 'zero', 全部分数: 'zero',
  满分: 'full',
  一票否决: 'veto',
  加倍: 'double',
  不重复扣分: 'dedupe', 不重复加分: 'dedupe', 不重复计分: 'dedupe', 不重复: 'dedupe', 不累计加分: 'dedupe', 不累计: 'dedupe',
  酌情: 'discretion', 视情况: 'discretion', 视情: 'discretion',
  折算: 'convert', 换算: 'convert',
  比例: 'proportion',
  排名: 'rank', 名次: 'rank', 位列: 'rank',
  否则: 'otherwise', 其余: 'otherwise',
  计分: 'score-by', 打分: 'score-by', 赋分: 'score-by', 得分: 'score-by', 计算得分: 'score-by',
  按规定执行: 'per-rule', 规定执行: 'per-rule', 按有关规定: 'per-rule', 按相关规定: 'per-rule',
  扣除: 'deduct', 扣减: 'deduct', 扣: 'deduct',
  加: 'add',
  得: 'get', 计: 'get', 记: 'get',
  每: 'every',
  分别: 'respectively',
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
const LEXICON_KEYS = Object.keys(LEXICON).sort((a, b) => b.length - a.length);

export type PunctTag = 'comma' | 'enum' | 'semi' | 'stop' | 'colon' | 'open' | 'close';
const PUNCT: Record<string, PunctTag> = {
  '，': 'comma', ',': 'comma', '、': 'enum', '；': 'semi', ';': 'semi', '。': 'stop', '！': 'stop', '？': 'stop',
  '：': 'colon', ':': 'colon', '（': 'open', '(': 'open', '）': 'close', ')': 'close', '/': 'enum',
};

type Span = { start: number; end: number; raw: string };
export type NumTok = Span & { kind: 'num'; q: Quantity };
export type WordTok = Span & { kind: 'word'; tag: WordTag };
export type PunctTok = Span & { kind: 'punct'; tag: PunctTag };
export type CharTok = Span & { kind: 'char' };
export type Tok = NumTok | WordTok | PunctTok | CharTok;

const NUMBER_START = /[\d零〇一二两三四五六七八九十百]/;

/** Tokenizes text[from, to) of an already normalised clause text. */
export function tokenize(text: string, from = 0, to = text.length): Tok[] {
  const toks: Tok[] = [];
  let i = from;
  const slice = text.slice(0, to);
  while (i < to) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (NUMBER_START.test(c) || slice.startsWith('百分之', i)) {
      const prev = toks[toks.length - 1];
      const gluedToNumber = prev?.kind === 'num' && prev.end === i && /[\d.]$/.test(prev.raw) && /\d/.test(c);
      const q = gluedToNumber ? undefined : readQuantity(slice, i);
      if (q) {
        toks.push({ kind: 'num', q, start: i, end: q.end, raw: text.slice(i, q.end) });
        i = q.end;
        continue;
      }
    }
    const word = LEXICON_KEYS.find((k) => slice.startsWith(k, i));
    if (word) {
      toks.push({ kind: 'word', tag: LEXICON[word]!, start: i, end: i + word.length, raw: word });
      i += word.length;
      continue;
    }
    const p = PUNCT[c];
    if (p) toks.push({ kind: 'punct', tag: p, start: i, end: i + 1, raw: c });
    else toks.push({ kind: 'char', start: i, end: i + 1, raw: c });
    i++;
  }
  return toks;
}

/** The source text covered by tokens [a, b). */
export function textOf(text: string, toks: readonly Tok[], a = 0, b = toks.length): string {
  if (a >= b) return '';
  return text.slice(toks[a]!.start, toks[b - 1]!.end);
}
