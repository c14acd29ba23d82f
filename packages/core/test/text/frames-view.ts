/**
 * The frames `scanFrames` reads from a phrase, as plain data for the phrases.ts mutation tests:
 * kind, type and [at, next) always; the named fields when set; amounts as decimal strings; with
 * `detail`, the values of a 分别 list and the token each frame's figure came from.
 */
import * as P from '../../src/points';
import { scanFrames } from '../../src/text/phrases';
import { tokenize } from '../../src/text/rule-tokens';

export type Shown = Record<string, unknown>;

export function framesView(s: string, keys: readonly string[], detail = false): Shown[] {
  return scanFrames(tokenize(s)).map((frame) => {
    const f = frame.f as unknown as Record<string, unknown>;
    const out: Shown = { kind: frame.kind, type: f.type, at: f.at, next: f.next };
    for (const key of keys) if (f[key] !== undefined) out[key] = f[key];
    if (f.value !== undefined) out.value = P.toStr(f.value as P.Dec);
    if (f.min !== undefined) out.range = [P.toStr(f.min as P.Dec), P.toStr(f.max as P.Dec)];
    if (detail && f.values !== undefined) out.values = (f.values as { q: { value: P.Dec } }[]).map((t) => P.toStr(t.q.value));
    if (detail && f.tok !== undefined) out.tok = (f.tok as { raw: string }).raw;
    return out;
  });
}
