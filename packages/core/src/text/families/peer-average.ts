import { OTHERS_WORDS, PEER_AVERAGE_TAIL, PEER_SCORE_IS } from '../vocabulary';

/** Who takes the average, and whose scores are averaged, as the document words them. */
export type PeerAverage = { who: string; of: string };

/**
 * "其余站所得分为一线站所得分的平均分" (corpus 08 (3.8)), made up after the rule that scores the named units: the units the rule is not
 * about take the average of the scores of the units it is about — the indicator's N/A policy 'average-of-others'
 * (a unit marked not applicable gets the mean of the group's units that are not). Read only when the sentence is
 * exactly "其他/其余<who>得分为<whom>得分的平均分" and a rule of the same item came before it; any other peer-average
 * wording (按市级部门平均分得分 about other indicators, corpus 08 (3.7)) stays flagged.
 */
export function readPeerAverage(words: string): PeerAverage | null {
  const text = words.replace(/^[\s，,；;。]+|[\s，,；;。]+$/gu, '');
  const opener = OTHERS_WORDS.find((word) => text.startsWith(word));
  if (!opener || !text.endsWith(PEER_AVERAGE_TAIL)) return null;
  const at = text.indexOf(PEER_SCORE_IS);
  if (at <= opener.length) return null;
  const who = text.slice(0, at);
  const of = text.slice(at + PEER_SCORE_IS.length, text.length - PEER_AVERAGE_TAIL.length);
  // Only names on either side: no figure, no punctuation, no second clause.
  if (of === '' || /[\d，,；;。、（）()]/u.test(who + of)) return null;
  return { who, of };
}
