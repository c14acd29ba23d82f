import * as P from '../points';
import type { Dec } from '../points';
import type { Code, GradeCondition, Grading, Quota } from '../scheme/scheme.types';
import type { StepRounding } from '../points';
import type { Fact } from '../scheme/fact.types';

export type Gradable = {
  unit: Code;
  total: Dec;
  /** Rank within its grading group (for rank-percentile grading). */
  groupRank?: { group: Code; rank: number; of: number };
  vetoed: boolean;
  deductionTotal: Dec;
  negativeTotal: Dec;
  maxGrade?: Code;
  forcedGrade?: Code;
  flags: readonly string[];
};

/**
 * `grade` is absent when the scheme's grading cannot apply to the unit: rank-percentile grading of a
 * unit that is in no ranking group (001's 本级, assessed by the city, not ranked among the towns).
 * Such a unit is not given the lowest grade by default; the note `grade.unranked` says why.
 */
export type GradeOutcome = { unit: Code; grade?: Code; notes: string[] };

const countFor = (n: number, percent: Dec, rounding: StepRounding): number => {
  const exact = P.mulInt(percent, n); // percent × n, still in hundredths of a unit
  if (rounding === 'ceil') return P.steps(exact, P.HUNDRED, 'ceil');
  if (rounding === 'exact') return P.steps(exact, P.HUNDRED, 'half-up');
  return P.steps(exact, P.HUNDRED, 'floor');
};

function matches(c: GradeCondition, u: Gradable): boolean {
  if (c.vetoed !== undefined && c.vetoed !== u.vetoed) return false;
  if (c.deductionAtLeast !== undefined && !(u.deductionTotal >= c.deductionAtLeast)) return false;
  if (c.negativeListAtLeast !== undefined && !(u.negativeTotal >= c.negativeListAtLeast)) return false;
  if (c.flag !== undefined && !u.flags.includes(c.flag)) return false;
  if (c.scoreBelow !== undefined && !(u.total < c.scoreBelow)) return false;
  return true;
}

/**
 * 一票否优 (veto effect 'bar-grade'): the best grade a unit barred from `barred` (a grade's code or its
 * name as written, 优秀) may still get — the grade after it — made stricter by `current` when that is
 * already lower. Undefined when the scheme has no grading or names no such grade (nothing to cap);
 * the last grade barred leaves nothing below it, so the cap stays at the last grade.
 */
export function barredGradeCap(grading: Grading | undefined, barred: string, current?: Code): Code | undefined {
  if (!grading) return current;
  const order = grading.grades.map((g) => g.code);
  const at = grading.grades.findIndex((g) => g.code === barred || g.name === barred);
  if (at < 0) return current;
  const cap = order[Math.min(at + 1, order.length - 1)]!;
  return current !== undefined && order.indexOf(current) > order.indexOf(cap) ? current : cap;
}

/** Flags entered on the 'grading' ref (存在突出问题, 弄虚作假) for grade exceptions. */
export function gradingFlags(facts: readonly Fact[]): string[] {
  const out: string[] = [];
  for (const f of facts) if (f.type === 'flag' && f.value && f.variant) out.push(f.variant);
  return out;
}

/**
 * Grades all units: base grade (score bands or rank percentile within the group), then exceptions
 * and veto effects (force / not better than), then quotas best grade first with the scheme's tie policy.
 */
export function gradeUnits(grading: Grading, units: readonly Gradable[], groupOf: (unit: Code) => Code): GradeOutcome[] {
  const order = grading.grades.map((g) => g.code);
  const idx = (g: Code): number => order.indexOf(g);
  const worst = grading.otherwise ?? order[order.length - 1]!;
  const res = new Map<Code, GradeOutcome>();

  for (const u of units) {
    const notes: string[] = [];
    let grade: Code | undefined = worst;
    if (grading.method === 'score-bands') {
      for (const b of grading.bands ?? []) {
        if (b.minInclusive === false ? u.total > b.min : u.total >= b.min) {
          grade = b.grade;
          break;
        }
      }
    } else if (!u.groupRank) {
      grade = undefined;
      notes.push('grade.unranked');
    } else {
      for (const p of grading.percentiles ?? []) {
        const cutoff = countFor(u.groupRank.of, p.upToPercent, grading.percentileRounding ?? 'exact');
        if (u.groupRank.rank <= cutoff) {
          grade = p.grade;
          notes.push(`grade.percentile|${p.grade}|${P.toStr(p.upToPercent)}|${cutoff}|${u.groupRank.rank}|${u.groupRank.of}`);
          break;
        }
      }
    }
    const capTo = (g: Code, why: string): void => {
      if (grade !== undefined && idx(grade) < idx(g)) {
        notes.push(`grade.capped|${grade}|${g}|${why}`);
        grade = g;
      }
    };
    for (const e of grading.exceptions ?? []) {
      if (!matches(e.when, u)) continue;
      if (e.forceGrade) {
        notes.push(`grade.forced|${e.forceGrade}|${e.label ?? ''}`);
        grade = e.forceGrade;
      } else if (e.maxGrade) capTo(e.maxGrade, e.label ?? '');
    }
    if (u.maxGrade) capTo(u.maxGrade, 'veto');
    if (u.forcedGrade) {
      notes.push(`grade.forced|${u.forcedGrade}|veto`);
      grade = u.forcedGrade;
    }
    res.set(u.unit, grade === undefined ? { unit: u.unit, notes } : { unit: u.unit, grade, notes });
  }

  // Quotas, best grade first: overflow moves to the next grade (which may have its own quota).
  const quotas = [...(grading.quotas ?? [])].sort((a, b) => idx(a.grade) - idx(b.grade));
  for (const q of quotas) applyQuota(q, grading, units, res, order, groupOf);
  return units.map((u) => res.get(u.unit)!);
}

function applyQuota(q: Quota, grading: Grading, units: readonly Gradable[], res: Map<Code, GradeOutcome>, order: Code[], groupOf: (unit: Code) => Code): void {
  const scopes = new Map<Code, Gradable[]>();
  for (const u of units) {
    if (res.get(u.unit)!.grade === undefined) continue; // not graded: not in any quota's base either
    const key = q.scope === 'group' ? groupOf(u.unit) : '*';
    const list = scopes.get(key);
    if (list) list.push(u);
    else scopes.set(key, [u]);
  }
  const next = order[order.indexOf(q.grade) + 1] ?? q.grade;
  for (const members of scopes.values()) {
    const limit = Math.min(q.max ?? Infinity, q.maxPercent !== undefined ? countFor(members.length, q.maxPercent, q.rounding ?? 'floor') : Infinity);
    const holders = members.filter((u) => res.get(u.unit)!.grade === q.grade).sort((a, b) => b.total - a.total);
    if (holders.length <= limit) continue;
    const edge = holders[limit - 1]?.total;
    const firstOut = holders[limit]!.total;
    const policy = grading.tiePolicy ?? 'exclude-tied';
    for (let i = 0; i < holders.length; i++) {
      const u = holders[i]!;
      const o = res.get(u.unit)!;
      const tiedAtEdge = edge !== undefined && u.total === firstOut && u.total === edge;
      let keep = i < limit;
      if (tiedAtEdge) keep = policy === 'include-tied';
      if (keep) continue;
      o.grade = next;
      o.notes.push(tiedAtEdge ? `grade.quota-tie|${q.grade}|${limit}|${policy}` : `grade.quota|${q.grade}|${limit}`);
    }
  }
}
