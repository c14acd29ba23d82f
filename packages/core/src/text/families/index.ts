import type { Built, Failed, Segment, SentenceCtx } from '../build-rules';
import { buildBands } from './bands.family';
import { buildCompletionOtherwise } from './completion-otherwise.family';
import { buildFullThenSteps } from './full-then-steps.family';
import { buildRanking } from './rank-bands.family';
import { buildThresholdPair } from './threshold-pair.family';
import { buildTierRun } from './tier-ladder.family';

import { readCategoryPoints } from './category-points.family';
import { readThresholdScoreSteps } from './threshold-score-steps.family';
import { readRatioToLeader } from './ratio-to-leader.family';
// compilerB (issue 15 part 2)
import { readNamedThreshold } from './named-threshold.family';
import { readFullOrProportional } from './full-or-proportional.family';
// cmp (issue 15 part 3)
import { readReverseRank } from './reverse-rank.family';

/** What a family may know about the whole sentence besides its segments. */
export type SentenceInfo = { hasQizhong: boolean };

/**
 * A phrase family reads a run of amount segments starting at `i` into one rule (or says why it
 * cannot), or returns null when the words are not its kind of sentence.
 */
export type Family = { name: string; read: (ctx: SentenceCtx, segs: Segment[], i: number, sentence: SentenceInfo) => Built | Failed | null };

/**
 * The families, in the order their readings are listed. Every family is tried on every run of
 * segments: when two of them read the same words differently, the clause goes to review with both
 * readings (never first-match-wins). A segment no family claims is read on its own
 * (build-rules.ts buildSingle: per occurrence, shortfall, lateness, steps, threshold, condition).
 */
export const FAMILIES: Family[] = [
  { name: 'category-points', read: (ctx, segs, i) => readCategoryPoints(ctx, segs, i) },
  { name: 'reverse-rank', read: (ctx, segs, i) => readReverseRank(ctx, segs, i) },
  { name: 'rank-bands', read: (ctx, segs, i) => buildRanking(ctx, segs, i) },
  { name: 'ratio-to-leader', read: (ctx, segs, i) => readRatioToLeader(ctx, segs, i) },
  { name: 'threshold-score-steps', read: (ctx, segs, i) => readThresholdScoreSteps(ctx, segs, i) },
  { name: 'named-threshold', read: (ctx, segs, i) => readNamedThreshold(ctx, segs, i) },
  { name: 'full-then-steps', read: (ctx, segs, i) => buildFullThenSteps(ctx, segs, i) },
  { name: 'threshold-pair', read: (ctx, segs, i) => buildThresholdPair(ctx, segs, i) },
  { name: 'bands', read: (ctx, segs, i) => buildBands(ctx, segs, i) },
  { name: 'completion-otherwise', read: (ctx, segs, i) => buildCompletionOtherwise(ctx, segs, i) },
  { name: 'tier-ladder', read: (ctx, segs, i, sentence) => buildTierRun(ctx, segs, i, sentence.hasQizhong) },
  { name: 'full-or-proportional', read: (ctx, segs, i) => readFullOrProportional(ctx, segs, i) },
];

export const FAMILY_NAMES_ZH: Record<string, string> = {
  'category-points': '按单位类别的分值',
  'reverse-rank': '按倒数名次计分',
  'rank-bands': '按排名计分',
  'ratio-to-leader': '第1名得满分、其余按与第1名的比例',
  'threshold-score-steps': '达标得分、每低一档扣分',
  'full-then-steps': '达标满分、逐档扣分',
  'threshold-pair': '未达标扣分并逐档扣分',
  bands: '分档计分',
  'completion-otherwise': '完成得分、否则不得分',
  'tier-ladder': '按层级/情节分档',
  'named-threshold': '不低于另一项占比得分、每低一档扣分',
  'full-or-proportional': '完成得满分、未完成按完成比例计分',
  'graded-options': '按情形择一计分（取符合的最高一档，item-checks.ts）',
  'stacked-options': '“在此基础上”的情形与其前一情形合为一档，与另一情形择一计分（item-checks.ts）',
  'complementary-situations': '同一数值两侧的两种情形各得本项分值：按单位所在一侧计一项完成（item-checks.ts）',
};

/** Readings that differ in what they build or how many segments they take (identical ones merge). */
export function distinctReadings(readings: { family: string; built: Built | Failed }[]): { family: string; built: Built | Failed }[] {
  const out: { family: string; built: Built | Failed; key: string }[] = [];
  for (const reading of readings) {
    const key = JSON.stringify(['rule' in reading.built ? reading.built.rule : reading.built.reason, reading.built.segs.length]);
    if (!out.some((option) => option.key === key)) out.push({ ...reading, key });
  }
  return out.map(({ key: _key, ...rest }) => rest);
}
