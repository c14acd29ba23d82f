import { HyperFormula } from 'hyperformula';
import type { Fact } from '@kaohe/core';
import { familyOf, type Size } from './province';

/**
 * The spreadsheet a clerk would otherwise use: the province scheme's arithmetic in HyperFormula
 * (a dev dependency, used only here). One row per unit; per clause two input cells (the facts
 * summed per unit and clause, as a clerk would tally them) and one formula cell with the clause's
 * rule; per indicator a formula clamping its clauses to [0, 2.7]; one total with the negative list
 * and rounding; the rank within the unit's ranking group (COUNTIF over the group's rows, which are
 * kept together) and the grade by score band. No explanations and no grade quota: a simpler job
 * than Kaohe's.
 * Checks that every total equals Kaohe's (the bench passes the expected totals).
 */
export type SpreadsheetRun = { tallyMs: number; buildMs: number; changeMs: number; formulas: number; mismatches: number; examples: string[] };

const col = (n: number): string => {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** Inputs per unit and clause (points, not millionths): x, y as each clause's formula reads them. */
function tally(size: Size, facts: readonly Fact[]): { x: Float64Array; y: Float64Array; neg: Uint8Array } {
  const C = size.indicators * size.clausesPerIndicator;
  const x = new Float64Array(size.units * C);
  const y = new Float64Array(size.units * C);
  const neg = new Uint8Array(size.units);
  const TIER: Record<string, number> = { 省: 0.3, 市: 0.2, 县: 0.1 };
  for (const f of facts) {
    const u = Number(f.unit.slice(1));
    if (f.ref === 'n1') {
      if (f.type === 'flag' && f.value) neg[u] = 1;
      continue;
    }
    const i = u * C + Number(f.ref.slice(1));
    switch (f.type) {
      case 'occurrence':
        if (f.level !== undefined) x[i]! += TIER[f.level]!;
        else x[i]! += f.count ?? 1;
        break;
      case 'flag':
        if (f.value) x[i] = 1;
        break;
      case 'count':
        x[i] = f.done;
        break;
      case 'rate':
        x[i] = f.numerator / 1e6;
        y[i] = f.denominator / 1e6;
        break;
      case 'value':
        x[i] = f.value / 1e6;
        break;
      case 'judgement':
        x[i] = familyOf(i % C) === 'discretionary' ? 1 : x[i]!;
        y[i] = f.amount / 1e6;
        break;
      default:
        break;
    }
  }
  return { x, y, neg };
}

function clauseFormula(c: number, X: string, Y: string): { text: string; positive: boolean } {
  switch (familyOf(c)) {
    case 'per-occurrence':
      return { text: `MIN(${X}*0.05,0.3)`, positive: false };
    case 'tiered':
      return { text: `MIN(${X},0.5)`, positive: false };
    case 'condition':
      return { text: `IF(${X}>0,0.1,0)`, positive: false };
    case 'shortfall':
      return { text: `IF(${X}=0,0.25,IF(${X}<4,(4-${X})*0.05,0))`, positive: false };
    case 'threshold':
      return { text: `IF(95-${X}*100/${Y}>0,MIN(0.05+INT((95-${X}*100/${Y})/5)*0.05,0.25),0)`, positive: false };
    case 'bands':
      return { text: `IF(${X}<50,0.2,IF(${X}<80,0.1,0))`, positive: false };
    case 'proportional':
      return { text: `0.9*MIN(${X},200)/200`, positive: true };
    case 'rate':
      return { text: `ROUND(${X}*0.3/${Y},3)`, positive: true };
    case 'completion':
      return { text: `IF(${X}=1,0.9,MIN(${Y},0.9))`, positive: true };
    case 'discretionary':
      return { text: `IF(${X}=1,MIN(MAX(${Y},0.05),0.2),0)`, positive: false };
  }
}

export function spreadsheetRun(size: Size, facts: readonly Fact[], expected: (unit: number) => number): SpreadsheetRun {
  const C = size.indicators * size.clausesPerIndicator;
  const t0 = performance.now();
  const { x, y, neg } = tally(size, facts);
  const tallyMs = performance.now() - t0;
  // Columns: [x0 y0 f0] [x1 y1 f1] … per clause, then one per indicator, then the negative flag and the total.
  const indCol = 3 * C;
  const negCol = indCol + size.indicators;
  const totalCol = negCol + 1;
  const rankCol = totalCol + 1;
  // Rows grouped by ranking group (unit u is in group u mod groups), so a group is one range.
  const order = Array.from({ length: size.units }, (_, u) => u).sort((a, b) => (a % size.groups) - (b % size.groups) || a - b);
  const rowOf = new Int32Array(size.units);
  order.forEach((u, i) => (rowOf[u] = i));
  const groupRange = new Map<number, string>();
  for (let g = 0; g < size.groups; g++) {
    const rowsOfG = order.map((u, i) => (u % size.groups === g ? i + 1 : -1)).filter((i) => i > 0);
    groupRange.set(g, `$${col(totalCol)}$${rowsOfG[0]}:$${col(totalCol)}$${rowsOfG[rowsOfG.length - 1]}`);
  }
  const rows: (number | string)[][] = [];
  let formulas = 0;
  for (const u of order) {
    const r = rowOf[u]! + 1;
    const row: (number | string)[] = [];
    const plus: string[][] = Array.from({ length: size.indicators }, () => []);
    const minus: string[][] = Array.from({ length: size.indicators }, () => []);
    for (let c = 0; c < C; c++) {
      const X = `${col(3 * c)}${r}`;
      const Y = `${col(3 * c + 1)}${r}`;
      const f = clauseFormula(c, X, Y);
      row.push(x[u * C + c]!, y[u * C + c]!, `=${f.text}`);
      (f.positive ? plus : minus)[Math.floor(c / size.clausesPerIndicator)]!.push(`${col(3 * c + 2)}${r}`);
      formulas++;
    }
    for (let i = 0; i < size.indicators; i++) {
      row.push(`=MIN(MAX(${plus[i]!.length ? plus[i]!.join('+') : '0'}-(${minus[i]!.length ? minus[i]!.join('+') : '0'}),0),2.7)`);
      formulas++;
    }
    row.push(neg[u]!);
    row.push(`=ROUND(SUM(${col(indCol)}${r}:${col(negCol - 1)}${r})-${col(negCol)}${r}*0.5,2)`);
    const T = `${col(totalCol)}${r}`;
    row.push(`=COUNTIF(${groupRange.get(u % size.groups)},">"&${T})+1`);
    row.push(`=IF(${T}>=90,"A",IF(${T}>=80,"B",IF(${T}>=60,"C","D")))`);
    formulas += 3;
    rows.push(row);
  }
  const t1 = performance.now();
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: 'gpl-v3', useColumnIndex: true });
  const buildMs = performance.now() - t1;
  let mismatches = 0;
  const examples: string[] = [];
  for (let u = 0; u < size.units; u++) {
    const v = hf.getCellValue({ sheet: 0, row: rowOf[u]!, col: totalCol });
    if (typeof v !== 'number' || Math.round(v * 100) !== Math.round(expected(u) / 10000)) {
      mismatches++;
      if (examples.length < 3) examples.push(`u${u}: ${String(v)} vs ${expected(u) / 1e6}`);
    }
  }
  // One change, like the Kaohe re-score: unit 7's value for clause k5 (new total and group ranks);
  // 5 untimed changes first, then the median of 50 (as on Kaohe's side).
  const changes: number[] = [];
  for (let i = 0; i < 5; i++) {
    hf.setCellContents({ sheet: 0, row: rowOf[7]!, col: 3 * 5 }, [[((i * 13) % 100) + 0.25]]);
    hf.getCellValue({ sheet: 0, row: rowOf[7]!, col: rankCol });
  }
  for (let i = 0; i < 50; i++) {
    const t2 = performance.now();
    hf.setCellContents({ sheet: 0, row: rowOf[7]!, col: 3 * 5 }, [[((i * 7) % 100) + 0.5]]);
    hf.getCellValue({ sheet: 0, row: rowOf[7]!, col: rankCol });
    changes.push(performance.now() - t2);
  }
  changes.sort((a, b) => a - b);
  hf.destroy();
  return { tallyMs, buildMs, changeMs: changes[changes.length >> 1]!, formulas, mismatches, examples };
}
