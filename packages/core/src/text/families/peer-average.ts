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

/** Which indicators take the average, for which units, and whose scores are averaged, as the document words them. */
export type AverageForIndicators = { when: string; subject: string; of: string };

/**
 * corpus 08 (3.7), made up here as "未新设窗口，涉及新设窗口指标按县直部门平均分得分": a unit
 * without the subject (未X) scores, on the indicators about that subject (涉及X指标), the average of the named units —
 * the N/A policy 'average-of-others' of those other indicators, set by the importer on the indicators whose text names
 * the subject. Read only when the sentence is exactly "未X，涉及X指标按Y平均分得分", X the same word twice, as a row of its own
 * (no rule of its item before it); otherwise null (the sentence stays flagged).
 */
export function readAverageForIndicators(words: string): AverageForIndicators | null {
  const text = words.replace(/^[\s，,；;。]+|[\s，,；;。]+$/gu, '');
  const m = /^未(?:有)?([\p{Script=Han}]{2,12}?)(?:的(?:单位|部门)?)?[，,]涉及(?:到)?\1(?:的)?(?:相关)?指标[，,]?按([\p{Script=Han}]{2,12}?)(?:的)?平均分(?:得分|计分|计)$/u.exec(text);
  if (!m) return null;
  return { when: `未${m[1]!}`, subject: m[1]!, of: m[2]! };
}
