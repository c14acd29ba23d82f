/**
 * One golden row: a real rule sentence cited by address (golden-source.ts: "000:49", "06:20#1"),
 * with what it must compile to, checked by reading the sentence (never copied from the compiler):
 *  - `ok`: the rules (decimals as strings, show-rule.ts), status ok; `indicator` and `alloc` the item
 *    policies and "（N分）" allocations it must report alongside (absent = none);
 *  - `flag`: it must go to review, and the reason must contain this text;
 *  - `points`: the item's own points from the document's points column, passed as the importer does.
 * A corpus row stores only the address and the expectation, never the sentence.
 */
export type GoldenRow = {
  at: string;
  ok?: unknown[];
  indicator?: Record<string, unknown>;
  alloc?: string[];
  flag?: string;
  /** The item's points as its points column states them (the importer passes them to the compiler). */
  points?: string;
};
