import { halfWidth, splitNames } from './cell-text';

/**
 * The 牵头领导/责任处室 cell of a task-breakdown table (catalogue §1.1), e.g.
 *   牵头领导：钱永忠
 *   责任处室：
 *   1-3，6，8-10：办公室
 *   4：艺术处、公共服务处、文物处、执法队
 *   5、7：机关党委
 * Grammar: optional labelled parts (牵头领导：… / 责任处室：… / 责任单位：…; unlabelled lines continue the
 * part above), then assignment statements separated by ；; or line breaks. A statement is
 *   CLAUSES (：|:|.) DIVISIONS  — CLAUSES = ranges "1-3" and numbers joined by ，、, or a digit run "1234"
 *   DIVISIONS                   — the whole item
 * and DIVISIONS = names joined by 、 with an optional role: "X统筹，相关处室落实", "X牵头，相关处室配合".
 * Phrases that postpone the choice ("根据扣分项确定责任处室", "按具体任务落实") are kept as `deferred`.
 */
export type ClauseAssignment = {
  clauses: number[];
  divisions: string[];
  /** "X统筹/牵头": the first division coordinates; `others` says who carries it out. */
  coordinates?: boolean;
  others?: string;
  /** The statement as written. */
  text: string;
};

export type OwnerCell = {
  leaders: string[];
  /** Divisions of the whole item (statements without clause numbers). */
  divisions: string[];
  coordinates?: boolean;
  others?: string;
  assignments: ClauseAssignment[];
  deferred?: string;
  /** Pieces that could not be read (reported, never dropped). */
  unparsed: string[];
};

const LABEL = /(牵头领导|责任处室|责任单位|责任部门|参与处室)\s*[:：]/g;
const DEFERRED = /^(根据|按照?)[^，。；]*(确定|落实|分配|负责)|^按具体(任务|扣分项)|^根据(扣分项|改革任务)/;
const RANGE = '\\d+\\s*(?:[-－—~～至]\\s*\\d+)?';
const CLAUSE_LIST = `${RANGE}(?:\\s*[，,、]\\s*${RANGE})*`;
/** A statement starting with clause numbers: "1-3，6：办公室", "3.资源开发处", "4:办公室". */
const NUMBERED = new RegExp(`^(${CLAUSE_LIST})\\s*[:：.]\\s*(.+)$`, 's');
/** Where the next numbered statement starts inside one line: "1:办公室 2、3：人事处". */
const NEXT_NUMBERED = new RegExp(`\\s+(?=${CLAUSE_LIST}\\s*[:：])`, 'g');

export function parseOwnerCell(raw: string, opts: { clauseCount?: number } = {}): OwnerCell {
  const text = halfWidth(raw).replace(/\r/g, '');
  const out: OwnerCell = { leaders: [], divisions: [], assignments: [], unparsed: [] };
  const parts = labelledParts(text);
  for (const part of parts) {
    if (part.label === '牵头领导') {
      out.leaders.push(...splitNames(part.body));
      continue;
    }
    readDivisionPart(part.body, out, opts.clauseCount);
  }
  out.leaders = [...new Set(out.leaders)];
  out.divisions = [...new Set(out.divisions)];
  return out;
}

type Part = { label: string | null; body: string };

function labelledParts(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  let label: string | null = null;
  for (const m of text.matchAll(LABEL)) {
    const body = text.slice(last, m.index);
    if (body.trim() !== '' || label !== null) parts.push({ label, body });
    label = m[1]!;
    last = m.index + m[0].length;
  }
  parts.push({ label, body: text.slice(last) });
  return parts.filter((p) => p.body.trim() !== '');
}

function readDivisionPart(body: string, out: OwnerCell, clauseCount: number | undefined): void {
  // "资源处、⏎文物处": a line ending in 、 continues on the next line.
  const joined = body.replace(/[、，,]\s*\n\s*/g, (m) => m.trim()).replace(/\n[ \t]+(?=\S)/g, '\n');
  const statements = joined
    .split(/[；;\n]+/)
    .flatMap((s) => s.split(NEXT_NUMBERED))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const statement of statements) {
    const numbered = NUMBERED.exec(statement);
    if (numbered) {
      const clauses = readClauseList(numbered[1]!, clauseCount);
      const who = readDivisions(numbered[2]!);
      if (clauses.length > 0 && who.divisions.length > 0) {
        out.assignments.push({ clauses, divisions: who.divisions, text: statement, ...(who.coordinates ? { coordinates: true } : {}), ...(who.others ? { others: who.others } : {}) });
        continue;
      }
    }
    // A digit run alone on its line ("1234", 002:448) assigns those clauses to the divisions that follow.
    if (/^\d{2,}$/.test(statement) && clauseCount !== undefined && Number(statement) > clauseCount) {
      out.assignments.push({ clauses: readClauseList(statement, clauseCount), divisions: [], text: statement });
      continue;
    }
    if (DEFERRED.test(statement)) {
      out.deferred = out.deferred ? `${out.deferred}；${statement}` : statement;
      continue;
    }
    const who = readDivisions(statement);
    if (who.divisions.length === 0) {
      if (who.others) out.others = who.others;
      else out.unparsed.push(statement);
      continue;
    }
    const pending = out.assignments.find((a) => a.divisions.length === 0);
    if (pending) {
      pending.divisions = who.divisions;
      continue;
    }
    out.divisions.push(...who.divisions);
    if (who.coordinates) out.coordinates = true;
    if (who.others) out.others = who.others;
  }
}

/** "1-3，6，8-10" → 1,2,3,6,8,9,10; "1234" → 1,2,3,4 when there are fewer clauses than the number. */
export function readClauseList(text: string, clauseCount?: number): number[] {
  const out: number[] = [];
  for (const piece of halfWidth(text).split(/[，,、]/)) {
    const p = piece.trim();
    const range = /^(\d+)\s*[-－—~～至]\s*(\d+)$/.exec(p);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b >= a && b - a < 200) for (let k = a; k <= b; k++) out.push(k);
      continue;
    }
    if (!/^\d+$/.test(p)) continue;
    if (p.length > 1 && clauseCount !== undefined && Number(p) > clauseCount && isDigitRun(p)) {
      for (const d of p) out.push(Number(d));
      continue;
    }
    out.push(Number(p));
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Ascending distinct non-zero digits: 1234, 24, 135 — a run of clause numbers, not a number. */
function isDigitRun(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '0') return false;
    if (i > 0 && p[i]! <= p[i - 1]!) return false;
  }
  return true;
}

const COORDINATION = /^(.+?)(统筹|牵头)$/;
const OTHERS = /^(相关处室|各处室|其他处室|相关单位|各相关处室|相关部门)/;

/** "办公室统筹，相关处室落实" → [办公室] coordinating; "艺术处、公共服务处" → both. */
function readDivisions(text: string): { divisions: string[]; coordinates?: boolean; others?: string } {
  const [head = '', ...rest] = text.split(/[，,]/).map((s) => s.trim());
  const others = rest.join('，') || undefined;
  if (OTHERS.test(head)) return { divisions: [], others: text };
  const coord = COORDINATION.exec(head);
  const names = splitNames(coord ? coord[1]! : head).filter((n) => !DEFERRED.test(n));
  return { divisions: names, ...(coord ? { coordinates: true } : {}), ...(others ? { others } : {}) };
}

/** Divisions answering for clause n: its own assignment, else the item's. */
export function divisionsOfClause(cell: OwnerCell, n: number | undefined): string[] {
  if (n !== undefined) {
    const own = cell.assignments.filter((a) => a.clauses.includes(n)).flatMap((a) => a.divisions);
    if (own.length > 0) return [...new Set(own)];
  }
  return cell.divisions;
}
