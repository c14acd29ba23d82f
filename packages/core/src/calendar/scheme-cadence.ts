import { CoreError } from '../errors';
import type { Cadence as SchemeCadence, Code, Scheme } from '../scheme/scheme.types';
import { indexScheme } from '../scheme/scheme-index';
import { type Cadence as ReportCadence, type ReportWindow, validateWindow } from './windows';

/**
 * One notion of "how often": the scheme format states a clause's or indicator's `cadence`
 * (weekly … yearly, event) and the calendar plans report windows (`ReportCadence`). This is the one
 * mapping between them, and the one place that decides which cadence a ref has:
 *
 * 1. the `cadence` field stated on the clause, else on the nearest indicator above it (the same rule
 *    the burden meter counts periods by);
 * 2. else the clause's (or indicator's) own text when it ties a cadence word to a report in one phrase
 *    (每月5日前报送…, 季度工作总结…, 按季度向社会公开…, 年度报告) and names no other cadence;
 * 3. else nothing: the 考评办's window decides (`resolveWindow`).
 *
 * The text is read only for report phrases: "每月进行一次矛盾纠纷排查" states how often work is done,
 * not when anything is reported, and gives nothing. Two different cadences in one text give nothing
 * either, with the reason, rather than a guess.
 */
export const reportCadenceOfScheme: Record<SchemeCadence, ReportCadence | null> = {
  weekly: null,
  monthly: 'monthly',
  bimonthly: 'bimonthly',
  quarterly: 'quarterly',
  'half-yearly': 'half-yearly',
  yearly: 'annual',
  event: null,
};
export const reportCadenceNames: Record<ReportCadence, string> = { monthly: '每月', bimonthly: '每两个月', quarterly: '每季度', 'half-yearly': '每半年', annual: '每年', 'one-off': '一次性' };
const schemeCadenceNames: Record<SchemeCadence, string> = { weekly: '每周', monthly: '每月', bimonthly: '每两个月', quarterly: '每季度', 'half-yearly': '每半年', yearly: '每年', event: '按事件' };

export type StatedCadence =
  | { from: 'scheme'; at: Code; cadence: ReportCadence; words: string }
  | { from: 'text'; at: Code; cadence: ReportCadence; words: string; text: string }
  | { from: 'unsupported'; at: Code; words: string; reason: string };

// A cadence word, longest first so 每两个月 is not read as 每月 … 两个月.
const cadenceWords: [RegExp, ReportCadence][] = [
  [/每两个月|每两月|双月/, 'bimonthly'],
  [/每半年|半年度|上半年|下半年|半年/, 'half-yearly'],
  [/每季度|每季|按季度|按季|季度/, 'quarterly'],
  [/每月|按月|月度|每个月/, 'monthly'],
  [/每年|按年|年度/, 'annual'],
];
const reportWords = /报送|上报|报告|报表|总结|自评|自查报告|公开/;

/**
 * The cadence a text states for a report: every phrase (split at ，。；) holding both a cadence word and
 * a report word gives its cadence; one cadence overall is the answer, two are ambiguous.
 */
export function cadenceInText(text: string): { cadence: ReportCadence; words: string } | { ambiguous: string[] } | null {
  const found = new Map<ReportCadence, string>();
  for (const phrase of text.split(/[，,。；;：:！!？?\n]/)) {
    if (!reportWords.test(phrase)) continue;
    let rest = phrase;
    for (const [re, cadence] of cadenceWords) {
      const m = re.exec(rest);
      if (!m) continue;
      if (!found.has(cadence)) found.set(cadence, phrase.trim());
      rest = rest.replace(new RegExp(re.source, 'g'), '');
    }
  }
  if (found.size === 0) return null;
  if (found.size > 1) return { ambiguous: [...found.values()] };
  const [[cadence, words]] = [...found.entries()] as [[ReportCadence, string]];
  return { cadence, words };
}

/** The cadence a clause or indicator states (field first, nearest first; then its text), or null. */
export function statedCadence(scheme: Scheme, ref: Code, index = indexScheme(scheme)): StatedCadence | null {
  const site = index.clauses.get(ref);
  const node = site ? index.indicators.get(site.indicator.code) : index.indicators.get(ref);
  if (!node) return null;
  const chain: { code: Code; cadence?: SchemeCadence; text?: string }[] = [];
  if (site) chain.push({ code: site.clause.code, ...(site.clause.cadence ? { cadence: site.clause.cadence } : {}), text: site.clause.text });
  for (const code of [...node.path].reverse()) {
    const ind = index.indicators.get(code)!.indicator;
    chain.push({ code, ...(ind.cadence ? { cadence: ind.cadence } : {}), ...(ind.text ? { text: ind.text } : {}) });
  }
  for (const c of chain) {
    if (!c.cadence) continue;
    const mapped = reportCadenceOfScheme[c.cadence];
    const words = schemeCadenceNames[c.cadence];
    if (mapped === null) return { from: 'unsupported', at: c.code, words, reason: c.cadence === 'weekly' ? '按周报送，日历尚不支持按周的报送周期' : '按事件报送，没有固定的截止日' };
    return { from: 'scheme', at: c.code, cadence: mapped, words };
  }
  // the text of the ref itself only: a parent's text speaks of its own reports
  const own = chain[0];
  if (own?.text) {
    const read = cadenceInText(own.text);
    if (read && 'ambiguous' in read) return { from: 'unsupported', at: own.code, words: read.ambiguous.join('；'), reason: `原文写有不同的报送周期（${read.ambiguous.map((p) => `“${p}”`).join('、')}），请在方案中为该条款标明报送周期` };
    if (read) return { from: 'text', at: own.code, cadence: read.cadence, words: read.words, text: own.text };
  }
  return null;
}

/** A window as the 考评办 enters it: the cadence may be left to the scheme. */
export type WindowInput = Omit<ReportWindow, 'cadence'> & { cadence?: ReportCadence | undefined };

function describe(s: Exclude<StatedCadence, { from: 'unsupported' }>, ref: Code): string {
  return s.from === 'scheme' ? `方案为“${s.at}”${s.at === ref ? '' : `（“${ref}”所属指标）`}规定${s.words}报送（cadence）` : `“${s.at}”原文“${s.words}”为${reportCadenceNames[s.cadence]}报送`;
}

/**
 * The window of a ref: the scheme's stated cadence, the 考评办's only when the scheme says nothing.
 * A cadence the 考评办 gives that differs from the stated one is refused naming both (a one-off
 * deadline is always allowed: 自查报告 beside a monthly report). Throws CoreError with the reason in Chinese.
 */
export function resolveWindow(scheme: Scheme, ref: Code, input: WindowInput, path = 'window', index = indexScheme(scheme)): { window: ReportWindow; stated: StatedCadence | null } {
  const stated = statedCadence(scheme, ref, index);
  if (stated?.from === 'unsupported' && input.cadence !== 'one-off') {
    throw new CoreError('calendar-invalid', `“${ref}”的报送周期无法按方案设定：${stated.reason}${input.cadence ? '' : '；可设一次性报送（one-off）'}`, `${path}.cadence`);
  }
  let cadence: ReportCadence;
  if (stated && stated.from !== 'unsupported' && input.cadence !== 'one-off') {
    if (input.cadence && input.cadence !== stated.cadence) {
      throw new CoreError('calendar-invalid', `${describe(stated, ref)}，与设定的${reportCadenceNames[input.cadence]}报送（${input.cadence}）不一致；请按方案设定，或先修改方案`, `${path}.cadence`);
    }
    cadence = stated.cadence;
  } else if (input.cadence) {
    cadence = input.cadence;
  } else {
    throw new CoreError('calendar-invalid', `方案没有规定“${ref}”的报送周期，请设定 cadence（monthly、bimonthly、quarterly、half-yearly、annual 或 one-off）`, `${path}.cadence`);
  }
  const window = { ...input, cadence } as ReportWindow;
  validateWindow(window, path);
  return { window, stated };
}
