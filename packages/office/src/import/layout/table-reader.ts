import { dec, toStr, type Dec } from '@kaohe/core';
import type { RawTable, SourceRef } from '../../document';
import { divisionsOfClause, parseOwnerCell, type OwnerCell } from '../assignment';
import { joinCell, readMarker, readPointsCell, splitNames, splitTitlePoints, titleOf } from '../cell-text';
import { compileClause } from '../compile-clause';
import type { BuildState, ClauseDraftNode, DraftNode, NodeKind, RowRecord } from '../draft.types';
import { headerRoles, type ColumnRole } from '../header-roles';
import { vocabularyRole } from '../header-vocabulary';
import { parseRuleCell, sharedMethod, type ClauseDraft } from '../rule-cell';
import { applyClausePolicies, cleanText, lineAt, newNode, where, type TableKind } from './layout-common';

/** "+5" / "加5分" → "加5分", "-10" / "扣10分" / "减10" → "扣10分"; undefined for a plain number or anything else. */
export function signedAmount(raw: string): string | undefined {
  const t = joinCell(raw).replace(/\s+/g, '').replace(/＋/g, '+').replace(/[－—–]/g, '-');
  const m = /^(\+|加|-|扣|减)(\d{1,4}(?:\.\d+)?)分?$/.exec(t);
  if (!m) return undefined;
  return `${m[1] === '+' || m[1] === '加' ? '加' : '扣'}${m[2]}分`;
}

/** "降B级" / "直接判级" in a points column: a grade effect instead of points (corpus 10). */
export function gradeEffect(raw: string): string | undefined {
  const t = joinCell(raw).replace(/\s+/g, '');
  return /^(降[A-Ea-e]级|直接判级|降[一二三两]级)$/.test(t) ? t : undefined;
}

/** Words that say how a line is scored; a line without any is a task or a requirement, not a rule. */
const METHOD_WORD = /扣|得\s*[\d.]+\s*分|加\s*[\d.]+\s*分|不得分|(?<!统)计分|得分|加分|减分|给分|赋分|折算|酌情|评分|[×*＊]|比例|为止|满分|零分|0分|倒扣/;

/** "（20分）" anywhere, or a bare "（20）" closing the line (01 县水文站); a leading "（12）" is an ordinal, never points. */
const ALLOC = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]|[（(]\s*(\d+(?:\.\d+)?)\s*[)）](?=\s*[。；;]?\s*$)/g;
/** "（5分）" written as points (with 分). */
const ALLOCATION = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/g;

/** The points of a line's one "（N分）" (not leading), or undefined. */
function ownAllocation(text: string): { points: Dec; before: string } | undefined {
  const flat = joinCell(text);
  const found = [...flat.matchAll(OWN_POINTS)].filter((m) => m.index > 0);
  return found.length === 1 ? { points: dec(found[0]![1]!), before: flat.slice(0, found[0]!.index) } : undefined;
}
/** "（5分）" or "（3分，少一次扣1分）": a line's own points. */
const OWN_POINTS = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*(?:[)）]|[，,])/g;

const SCOPE_NAME = /成员单位|相关责任单位|各部门|各单位|有关部门|各县|市级各/;

type Level = { role: ColumnRole; col: number };

/** Lead units of a 牵头单位 cell ending in "分别负责", and where the cell is. */
type SeparateLeads = { names: string[]; source: SourceRef };

/** Reads the data rows of one table into nodes under `host`. */
export class TableReader {
  private readonly levels: Level[];
  private readonly col: (role: ColumnRole) => number;
  private current: { key: string; node: DraftNode }[] = [];
  private sectionParent: DraftNode | null = null;
  private sections: { level: number; node: DraftNode }[] = [];
  private lastRuleKey = '';
  private leafOfRow: DraftNode | null = null;
  /** 牵头单位 read from this row's cell ending in "分别负责": each leads its own line of the task (004:72). */
  private separateLeads: SeparateLeads | undefined;
  private aliases = new Map<string, string>();
  private lastClause: ClauseDraftNode | undefined;

  constructor(
    private readonly s: BuildState,
    private readonly t: RawTable,
    private readonly roles: (ColumnRole | undefined)[],
    private readonly start: number,
    private readonly kind: TableKind,
    private readonly host: DraftNode[],
    private readonly _nodes: Map<number, DraftNode>,
  ) {
    this.col = (role) => roles.indexOf(role);
    this.levels = (['category', 'item', 'unit', 'indicator'] as const).flatMap((role) => (this.col(role) >= 0 ? [{ role, col: this.col(role) }] : []));
  }

  private row(source: SourceRef, kind: RowRecord['kind'], summary: string): void {
    this.s.rows.push({ source, kind, summary });
  }

  private warn(code: string, message: string, source: SourceRef): void {
    this.s.issues.push({ severity: 'warning', code, message, source });
  }

  /** Row of the master cell covering (r, c). */
  private masterRow(r: number, c: number): number {
    let k = r;
    while (k > 0 && this.t.rows[k]?.[c]?.isMergedContinuation) k--;
    return k;
  }

  /** Column of the master cell covering (r, c) when merged horizontally. */
  private masterCol(r: number, c: number): number {
    let k = c;
    const mr = this.masterRow(r, c);
    while (k > 0 && this.t.rows[mr]?.[k]?.isMergedContinuation && this.t.grid[mr]?.[k - 1] === this.t.grid[mr]?.[k]) k--;
    return k;
  }

  private cell(r: number, c: number): { text: string; key: string; own: boolean; source: SourceRef; span: number } {
    if (c < 0) return { text: '', key: '', own: false, source: this.t.source, span: 0 };
    const mr = this.masterRow(r, c);
    const mc = this.masterCol(r, c);
    const master = this.t.rows[mr]?.[mc];
    return { text: master?.text ?? '', key: `${mr}:${mc}`, own: mr === r, source: master?.source ?? this.t.source, span: master?.colSpan ?? 1 };
  }

  private get base(): DraftNode[] {
    return this.sectionParent ? this.sectionParent.children : this.host;
  }

  read(): void {
    const width = this.t.grid[0]?.length ?? 0;
    for (let r = this.start; r < this.t.grid.length; r++) {
      const g = this.t.grid[r]!;
      const source = this.t.rows[r]?.[0]?.source ?? this.t.source;
      if (g.every((c) => c.trim() === '')) {
        this.row(source, 'ignored', '空行');
        continue;
      }
      if (r > 0 && headerRoles(g)) {
        this.row(source, 'header', '表头（重复）');
        continue;
      }
      const first = this.t.rows[r]?.[0];
      const fullWidth = (first && !first.isMergedContinuation && first.colSpan >= width) || (width > 1 && g.every((c) => c === g[0]));
      if (fullWidth) {
        this.fullWidthRow(joinCell(g[0] ?? ''), source);
        continue;
      }
      if (this.totalRow(r, source) || this.numberedSectionRow(r, source)) continue;
      this.dataRow(r, source);
    }
  }

  /** The first level cell of the row with text, and its text. */
  private firstLevelText(r: number): string {
    for (const level of this.levels) {
      const t = joinCell(this.cell(r, level.col).text);
      if (t !== '') return t;
    }
    return '';
  }

  /** 总分 / 合计 rows: a total to check the points against, not an indicator. */
  private totalRow(r: number, source: SourceRef): boolean {
    const name = this.firstLevelText(r) || joinCell(this.t.grid[r]?.[0] ?? '');
    if (!/^(总分|合计|总计|总分值|分值合计|满分)$/.test(name.replace(/\s+/g, ''))) return false;
    // The points column first; never the 序号 (a text table carries the row above's 序号 down into this row).
    const pc = this.col('points');
    const own = pc >= 0 ? readPointsCell(this.cell(r, pc).text) : undefined;
    const value = own ?? this.t.grid[r]!.map((c, k) => (k === this.col('seq') ? undefined : readPointsCell(c))).find((v) => v !== undefined);
    if (value !== undefined) (this.s.totals ??= []).push({ value, label: name, source, within: this.sectionParent?.title });
    this.row(source, 'total', `${name}行：${value !== undefined ? `${value / 1e6} 分` : '未写分值'}（用于核对各项分值之和，不作为指标）`);
    return true;
  }

  /**
   * A row whose 序号 is 一、/（一） with a name beside it (01: "一、 | 通用考核项目 | 40"): a section of
   * the table, with its points, like a full-width heading row.
   */
  private numberedSectionRow(r: number, source: SourceRef): boolean {
    const seq = this.col('seq');
    if (seq < 0) return false;
    const c = this.cell(r, seq);
    if (!c.own) return false;
    const m = readMarker(`${joinCell(c.text)} `);
    if (!m || (m.level !== 1 && m.level !== 2) || m.rest.trim() !== '') return false;
    const title = this.firstLevelText(r);
    if (title === '') return false;
    const node = newNode('section', splitTitlePoints(title).title || title, source);
    node.n = m.n;
    const pts = readPointsCell(this.cell(r, this.col('points')).text);
    if (pts !== undefined) node.points = pts;
    const note = this.col('note') >= 0 ? joinCell(this.cell(r, this.col('note')).text) : '';
    if (note !== '') node.text = note;
    while (this.sections.length > 0 && this.sections[this.sections.length - 1]!.level >= m.level) this.sections.pop();
    const parent = this.sections[this.sections.length - 1]?.node;
    (parent ? parent.children : this.host).push(node);
    this.sections.push({ level: m.level, node });
    this.sectionParent = node;
    this.current = [];
    if (this.col('unit') >= 0) node.allUnits = true;
    this.row(source, 'heading', `表内标题：${m.raw}${node.title}${pts !== undefined ? `（${pts / 1e6} 分）` : ''}`);
    // The rule cell of a section row (01 三、综合奖扣分项目) is read as the section's own clauses.
    const ruleCell = this.cell(r, this.col('rule'));
    if (this.col('rule') >= 0 && ruleCell.own && ruleCell.text.trim() !== '') {
      this.current = [{ key: `sec${r}`, node }];
      this.fillLeaf(r, node, false, source);
      this.current = [];
    }
    return true;
  }

  private readonly rowSplit = new WeakSet<DraftNode>();

  /**
   * A row under the same merged item with its own points (06: one 目标任务 over rows (1) (2) …, each with
   * its 评分标准 and 分值; 01: 县农粮局 over three rows of 30, 15, 15): each row is an indicator of its own
   * under the item. The first row's content, already on the item, moves to the first such child.
   */
  private splitRow(leaf: DraftNode, r: number, source: SourceRef): DraftNode {
    if (![...leaf.children].some((c) => this.rowSplit.has(c))) {
      const first = newNode('indicator', titleOf(withoutMarker(leaf.text ?? leaf.clauses[0]?.text ?? leaf.title)), leaf.source);
      if (leaf.points !== undefined) first.points = leaf.points;
      first.clauses = leaf.clauses;
      first.children = leaf.children;
      leaf.children = [];
      if (leaf.text) first.text = leaf.text;
      if (leaf.caps) first.caps = leaf.caps;
      if (leaf.pointsByCategory) first.pointsByCategory = leaf.pointsByCategory;
      delete leaf.pointsByCategory;
      if (leaf.isDeductionList) first.isDeductionList = true;
      leaf.clauses = [];
      delete leaf.points;
      delete leaf.text;
      delete leaf.caps;
      leaf.children.unshift(first);
      this.rowSplit.add(first);
    }
    const own = (role: ColumnRole): string => (this.col(role) >= 0 && this.cell(r, this.col(role)).own ? this.cell(r, this.col(role)).text : '');
    const child = newNode('indicator', titleOf(withoutMarker(own('target') || own('rule') || leaf.title)), source);
    if (leaf.isDeductionList) child.isDeductionList = true;
    leaf.children.push(child);
    this.rowSplit.add(child);
    return child;
  }

  private fullWidthRow(text: string, source: SourceRef): void {
    const member = /^(.{2,40}?(成员单位|相关责任单位|责任部门（单位）|部门（单位）))[^：:]*[：:](.+)$/.exec(text);
    if (member) {
      const members = splitNames(member[3]!);
      this.s.groups.push({ name: member[1]!, members, source, kind: 'member-list' });
      this.row(source, 'group', `成员单位名单“${member[1]}”：${members.length} 个单位`);
      return;
    }
    const marker = readMarker(text);
    if (marker && (marker.level === 1 || marker.level === 2)) {
      const node = newNode('section', marker.rest, source);
      node.n = marker.n;
      while (this.sections.length > 0 && this.sections[this.sections.length - 1]!.level >= marker.level) this.sections.pop();
      const parent = this.sections[this.sections.length - 1]?.node;
      (parent ? parent.children : this.host).push(node);
      this.sections.push({ level: marker.level, node });
      this.sectionParent = node;
      this.current = [];
      this.row(source, 'heading', `表内标题：${text}`);
      return;
    }
    if (/^-?\d+(\.\d+)?$/.test(text)) {
      this.warn('row-unrecognised', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：整行只有数字“${text}”，无法判断属于哪一项，未导入，请核对原文`, source);
      this.row(source, 'unrecognised', `孤立的数字：${text}`);
      return;
    }
    this.warn('row-unrecognised', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：整行合并的内容“${text.slice(0, 30)}”不是标题也不是成员名单，未导入，请核对`, source);
    this.row(source, 'unrecognised', `未识别的整行：${text.slice(0, 40)}`);
  }

  private dataRow(r: number, source: SourceRef): void {
    let parentList = this.base;
    let depth = 0;
    let leaf: DraftNode | null = null;
    let created = false;
    const ruleCol = this.col('rule');
    const targetCol = this.col('target');
    const valueCol = ruleCol >= 0 ? ruleCol : targetCol;
    for (const level of this.levels) {
      const c = this.cell(r, level.col);
      const text = c.text.trim();
      // The level cell spans the value column: "完成年度脱贫攻坚任务。" merged over 目标要求 (001:521).
      const spansValue = valueCol > level.col && c.span > 1 && level.col + c.span > valueCol;
      if (spansValue) break;
      if (text === '') {
        // Vertically centred text (000:689-744): the name sits lower down in the rows the value cell spans.
        const later = c.own && this.current[depth]?.key !== c.key ? this.laterText(r, level.col, valueCol) : undefined;
        if (!later) continue;
        const node = this.makeNode(level.role === 'category' ? 'category' : level.role === 'item' ? 'item' : 'indicator', splitTitlePoints(later.text), later.source);
        parentList.push(node);
        this.current = [...this.current.slice(0, depth), { key: later.key, node }];
        this.aliases.set(c.key, later.key);
        leaf = node;
        parentList = node.children;
        depth++;
        created = true;
        continue;
      }
      const existing = this.current[depth];
      if (existing && (existing.key === c.key || existing.key === this.aliases.get(c.key))) {
        leaf = existing.node;
        parentList = leaf.children;
        depth++;
        continue;
      }
      const tp = splitTitlePoints(text);
      // A 类别 cell that reads like an indicator ("自然资源和规划工作5分", 001:590) in a row whose last cell was
      // merged to the right: the extraction lost the merged 类别 cell above; it is an indicator of that category.
      if (level.role === 'category' && depth === 0 && this.current[0] && /工作$/.test(tp.title) && this.lastCellSpans(r)) {
        const parent = this.current[0].node;
        const node = this.makeNode('indicator', tp, c.source);
        parent.children.push(node);
        this.current = [this.current[0], { key: c.key, node }];
        this.warn('category-as-indicator', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(c.source)}：类别列为“${joinCell(text)}”，看似指标名称，已归入上一类别“${parent.title}”（原文缺少合并单元格），请核对`, c.source);
        leaf = node;
        depth = 2;
        created = true;
        break;
      }
      const kind: NodeKind = level.role === 'category' ? 'category' : level.role === 'item' ? 'item' : level.role === 'unit' ? 'unit' : 'indicator';
      // The same 类别 merged again right below its last block (10: 守信信息 over several merges) is that category, continued.
      const same = parentList[parentList.length - 1];
      if (kind === 'category' && same && same.kind === 'category' && same === this.current[depth]?.node && same.title === (tp.title || '（无名称）') && tp.points === undefined) {
        this.current = [...this.current.slice(0, depth), { key: c.key, node: same }];
        leaf = same;
        parentList = same.children;
        depth++;
        continue;
      }
      const node = this.makeNode(kind, tp, c.source);
      if (level.role === 'unit') this.addUnit(node, r, c.source);
      else if (this.col('unit') >= 0 && depth === 0) node.allUnits = true;
      if (level.role === 'item' && this.col('seq') >= 0) {
        const seq = readPointsCell(this.cell(r, this.col('seq')).text);
        if (seq !== undefined) node.n = Number(this.cell(r, this.col('seq')).text.trim());
      }
      parentList.push(node);
      this.current = [...this.current.slice(0, depth), { key: c.key, node }];
      leaf = node;
      parentList = node.children;
      depth++;
      created = true;
    }
    if (!leaf) {
      // No level cell of its own: the row continues the item above (000:689) or names it in the value cell.
      // A table with no name column at all (评价标准 | 加减分, corpus 10): every row is an indicator of its own.
      const above = this.levels.length > 0 ? this.current[this.current.length - 1]?.node : undefined;
      if (above) leaf = above;
      else {
        const sectionTitle = this.sectionParent?.title;
        const v = this.cell(r, valueCol).text;
        const node = this.makeNode('indicator', { title: sectionTitle ?? titleOf(v) }, source);
        this.base.push(node);
        this.current = [{ key: `row${r}`, node }];
        leaf = node;
        created = true;
      }
    }
    this.leafOfRow = leaf;
    this.fillLeaf(r, leaf, created, source);
  }

  /** A unit named in the 被考核单位 column: its own node, scoped to it; its category is the row's group (重点考核部门). */
  private addUnit(node: DraftNode, r: number, source: SourceRef): void {
    const name = node.title;
    node.unit = name;
    const group = this.levels.filter((l) => l.role !== 'unit' && l.col < this.col('unit')).map((l) => joinCell(this.cell(r, l.col).text)).filter((t) => t !== '').pop();
    if (!this.s.units.some((u) => u.name === name)) this.s.units.push({ name, category: group ? splitTitlePoints(group).title : '被考核单位', source });
  }

  private laterText(r: number, col: number, valueCol: number): { text: string; key: string; source: SourceRef } | undefined {
    if (valueCol < 0) return undefined;
    const valueKey = this.cell(r, valueCol).key;
    for (let k = r + 1; k < this.t.grid.length && this.cell(k, valueCol).key === valueKey; k++) {
      const c = this.cell(k, col);
      if (c.own && c.text.trim() !== '') return c;
    }
    return undefined;
  }

  private lastCellSpans(r: number): boolean {
    const row = this.t.rows[r] ?? [];
    const masters = row.filter((c) => !c.isMergedContinuation);
    return masters.length > 0 && masters[masters.length - 1]!.colSpan > 1;
  }

  private makeNode(kind: NodeKind, tp: { title: string; points?: Dec; repaired?: string }, source: SourceRef): DraftNode {
    const long = tp.title.length > 30;
    const node = newNode(kind, long ? titleOf(tp.title) : tp.title || '（无名称）', source);
    if (long) node.text = tp.title;
    if (tp.points !== undefined) node.points = tp.points;
    if (tp.repaired) this.warn('title-repaired', `文件 ${this.s.file} ${where(source)}：${tp.repaired}`, source);
    if (this.kind === 'deduction') node.isDeductionList = true;
    return node;
  }

  private fillLeaf(r: number, leafIn: DraftNode, createdIn: boolean, source: SourceRef): void {
    const notes: string[] = [];
    let leaf = leafIn;
    let created = createdIn;
    if (!created && this.col('points') >= 0) {
      const own = this.cell(r, this.col('points'));
      const splitAlready = leaf.children.some((c) => this.rowSplit.has(c));
      if (own.own && readPointsCell(own.text) !== undefined && (leaf.points !== undefined || splitAlready) && (leaf.clauses.length > 0 || leaf.text !== undefined || leaf.children.length > 0 || splitAlready)) {
        leaf = this.splitRow(leaf, r, source);
        created = true;
      }
    }
    // Points: only a cell that starts in this row's item; one merged down from the item above is not its points (000:1275).
    const pc = this.cell(r, this.col('points'));
    if (this.col('points') >= 0 && pc.text.trim() !== '') {
      const v = readPointsCell(pc.text);
      const itemStart = this.current[this.current.length - 1]?.key.split(':')[0];
      const ownPoints = pc.own || (itemStart !== undefined && Number(pc.key.split(':')[0]) >= Number(itemStart));
      if (signedAmount(pc.text) !== undefined && this.col('rule') >= 0) {
        // "+5" / "-10" / "加5分" beside a 评价标准 (corpus 10): the amount of the rule, not points to allocate.
        notes.push(`分值“${pc.text.trim()}”为加减分数额`);
      } else if (v !== undefined && ownPoints && leaf.points === undefined) {
        leaf.points = v;
        notes.push(`分值 ${pc.text.trim()}`);
      } else if (v !== undefined && !ownPoints && created) {
        this.warn('points-merged', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：“${leaf.title}”的分值单元格与上一项合并（${pc.text.trim()}），视为未写分值，请核对`, source);
      } else if (v === undefined && pc.key !== this.cell(r, this.col('target')).key && pc.key !== this.cell(r, this.col('rule')).key) {
        this.warn('points-unreadable', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(pc.source)}：分值“${joinCell(pc.text).slice(0, 20)}”不是数字，未采用`, pc.source);
      }
    }
    // Who: 考核牵头部门, 牵头单位, 责任单位, 牵头领导/责任处室 (merged cells are inherited on purpose: 001:6 责任单位).
    // "牵头：县水利局；配合：县环保局" in one cell: each name goes to the role its prefix says.
    const byPrefix = (['assessor', 'lead', 'responsible'] as const).map((role) => ({ role, parts: rolePrefixed(this.cell(r, this.col(role)).text) }));
    const prefixed = (want: 'lead' | 'co'): string[] => byPrefix.flatMap((x) => (x.parts ?? []).filter((p) => p.role === want).flatMap((p) => p.names));
    const plain = (role: 'assessor' | 'lead' | 'responsible'): string[] => (byPrefix.find((x) => x.role === role)!.parts ? [] : this.names(r, role));
    if (byPrefix.some((x) => x.parts)) notes.push('按“牵头/配合”前缀拆分单位');
    this.separateLeads = undefined;
    const assessors = [...plain('assessor'), ...plain('lead'), ...prefixed('lead')];
    if (assessors.length > 0) leaf.assessors = [...new Set([...(leaf.assessors ?? []), ...assessors])];
    // set by names() while reading the cells above (TypeScript does not see that call change it)
    const separate = this.separateLeads as SeparateLeads | undefined;
    const responsible = [...plain('responsible'), ...prefixed('co')];
    const ownerText = this.cell(r, this.col('owner')).text;
    const owner = ownerText.trim() !== '' ? parseOwnerCell(ownerText, { clauseCount: 99 }) : undefined;
    if (owner?.unparsed.length) this.warn('owner-unparsed', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：责任处室“${owner.unparsed.join('；')}”未能识别`, source);
    // The value: 评分标准 (clauses) or 目标要求 (text of a target + points item).
    const ruleCell = this.cell(r, this.col('rule'));
    const target = this.cell(r, this.col('target'));
    let spanText: string | undefined;
    const spanning = this.spanningLevelCell(r);
    if (spanning) spanText = spanning;
    let newNodes: DraftNode[] = [leaf];
    let newClauses: ClauseDraftNode[] = [];
    const joined = this.col('rule') >= 0 && ruleCell.own && ruleCell.key !== this.lastRuleKey && this.joinPageSplit(r, ruleCell.text, ruleCell.source);
    if (joined) {
      this.lastRuleKey = ruleCell.key;
      notes.push('接上一行被分页截断的条款');
    } else if (this.col('rule') >= 0 && ruleCell.text.trim() !== '' && ruleCell.key !== this.lastRuleKey) {
      this.lastRuleKey = ruleCell.key;
      const grade = signedAmount(pc.text) === undefined ? gradeEffect(pc.text) : undefined;
      // "降B级" where the document converts it to points (10 第二十四条: 降为B、C、D级的按扣减信用分x、y、z分): that deduction.
      const converted = grade ? this.s.gradeDeductions?.get(grade) : undefined;
      const amount = signedAmount(pc.text) ?? (converted ? `扣${converted.amount}分` : undefined);
      // A cap or period limit in 备注 beside an amount ("每年最多加3分") belongs to the rule: the compiler must read it or flag it.
      const notesWithPoints = this.roles.flatMap((role, c) => {
        const cell = this.cell(r, c);
        return role === 'note' && cell.own && /[\d.]+\s*分/.test(cell.text) ? [joinCell(cell.text)] : [];
      });
      const limit = amount && notesWithPoints.length ? notesWithPoints.join('，') : undefined;
      // "建立保洁队伍，落实保洁经费。发现一处垃圾扣1分" in a 考核内容 column read as the rule column: the leading
      // requirement goes to the item's text, the scoring tail is the clause.
      const split = this.requirementColumn() ? requirementHead(ruleCell.text) : undefined;
      if (split) {
        leaf.text = leaf.text ? `${leaf.text}\n${cleanText(split.head)}` : cleanText(split.head);
        notes.push(`考核内容中的要求“${titleOf(joinCell(split.head), 20)}”作为指标说明，其后的评分句作为条款`);
      }
      const ruleText = split ? split.tail : ruleCell.text;
      const ruleSource = split ? lineAt(ruleCell.source, split.lines) : ruleCell.source;
      const res = this.readRules(leaf, ruleText, ruleSource, amount && limit ? `${amount}，${limit}` : amount);
      newNodes = res.nodes;
      newClauses = res.clauses;
      this.vetoSituations(leaf, newClauses);
      if (grade && converted) {
        const why = `赋分列为“${grade}”：按本文件${where(converted.source)}“${converted.sentence}”读作扣 ${converted.amount} 分`;
        for (const c of res.clauses) c.warnings.push(why);
        notes.push(`“${grade}”按文件规定折为扣 ${converted.amount} 分`);
      } else if (grade) {
        // "降B级" in the 信用赋分 column with no conversion written: a credit level of another body, not points nor a grade here.
        const why = `赋分列为降级效果“${grade}”（不是分值）：本文件未写明${grade}折合扣多少分（如“降为B级的，按扣减信用分50分执行”），降级也不是本方案的等次，需人工处理`;
        for (const c of res.clauses) {
          if (c.status === 'ok') continue;
          c.reason = why;
          c.unread = [{ text: grade, reason: why, suggestion: `按“${grade}”人工处理：符合条件的，评定等级降为${grade.replace(/^降/, '')}` }];
        }
      }
      notes.push(`${res.clauses.length} 条评分条款`);
    } else if (this.col('rule') >= 0 && ruleCell.key === this.lastRuleKey && ruleCell.text.trim() !== '') {
      notes.push('评分标准与上一行合并');
    }
    const targetText = spanText ?? (this.col('target') >= 0 && target.own ? target.text.trim() : '');
    if (targetText !== '' && (this.col('rule') < 0 || spanText !== undefined || target.key !== ruleCell.key)) {
      const flat = cleanText(targetText);
      leaf.text = leaf.text && leaf.text !== flat ? `${leaf.text}\n${flat}` : flat;
      notes.push('目标要求');
    }
    for (const node of newNodes) {
      if (owner) {
        if (owner.leaders.length) node.leaders = owner.leaders;
        if (owner.divisions.length) node.divisions = owner.divisions;
      }
      if (responsible.length) node.divisions = [...new Set([...(node.divisions ?? []), ...responsible])];
    }
    if (owner && owner.assignments.length > 0) this.assign(owner, newClauses, source);
    for (const role of ['deadline', 'note'] as const) {
      const t = this.cell(r, this.col(role)).text.trim();
      if (t !== '' && this.cell(r, this.col(role)).own) {
        leaf.text = `${leaf.text ? `${leaf.text}\n` : ''}${role === 'deadline' ? '完成时限' : '备注'}：${cleanText(t)}`;
        notes.push(role === 'deadline' ? '完成时限' : '备注');
      }
    }
    if (separate) this.splitSeparateLeads(leaf, separate.names, separate.source, notes);
    this.row(source, newClauses.length > 0 ? 'clauses' : 'indicator', `${this.path(leaf)}${notes.length ? `：${notes.join('，')}` : ''}`);
  }

  /**
   * "A、B、C分别负责" (004:72): the task is not led jointly, each unit leads its own part. The task keeps its
   * text and gets one child line per listed unit, that unit alone as its lead, so that one lead cannot verify
   * another's line. Which field is whose is not said in the cell; no pairing is guessed from the text.
   * A task with points or scoring clauses is not split (children without points would score its points
   * as 0): it stays co-led and a person is asked to decide.
   */
  private splitSeparateLeads(leaf: DraftNode, names: string[], source: SourceRef, notes: string[]): void {
    const cell = `${names.join('、')}分别负责`;
    if (names.length < 2) return;
    if (leaf.points !== undefined || leaf.clauses.length > 0 || leaf.children.length > 0) {
      const what = leaf.points !== undefined ? `有分值 ${toStr(leaf.points)} 分` : leaf.clauses.length > 0 ? '有评分条款' : '已有下级指标';
      this.warn('separate-leads-kept', `文件 ${this.s.file} ${where(source)}：牵头单位写“${cell}”，但该任务${what}，未拆分为各单位的子任务（拆分后分值无人计算），暂按共同牵头导入，请人工确定每个牵头单位负责的部分`, source);
      notes.push('“分别负责”未拆分（待人工确定）');
      return;
    }
    leaf.assessors = leaf.assessors?.filter((a) => !names.includes(a));
    if (!leaf.assessors?.length) delete leaf.assessors;
    for (const name of names) {
      const child = newNode('indicator', `${leaf.title}（${name}负责）`, source);
      child.assessors = [name];
      leaf.children.push(child);
    }
    this.warn('separate-leads', `文件 ${this.s.file} ${where(source)}：牵头单位写“${cell}”，已拆为 ${names.length} 条子任务，每个牵头单位只牵头并核定自己的一条；原文未写各单位对应的领域，未作对应，请核对`, source);
    notes.push(`“分别负责”拆为 ${names.length} 条子任务`);
  }

  private path(leaf: DraftNode): string {
    return this.current.map((c) => c.node.title).concat(this.current.some((c) => c.node === leaf) ? [] : [leaf.title]).join(' › ');
  }

  /** Text of a level cell merged over the value column (category = indicator rows, 001:521). */
  private spanningLevelCell(r: number): string | undefined {
    const valueCol = this.col('rule') >= 0 ? this.col('rule') : this.col('target');
    if (valueCol < 0) return undefined;
    for (const level of this.levels) {
      const c = this.cell(r, level.col);
      if (c.own && c.span > 1 && level.col + c.span > valueCol) return c.text;
    }
    return undefined;
  }

  private names(r: number, role: ColumnRole): string[] {
    const c = this.cell(r, this.col(role));
    if (c.text.trim() === '') return [];
    let text = c.text.replace(/\n\s*(?=[（(])/g, '').replace(/\n\s*[）)]\s*/g, '');
    const split = /分别负责/.test(text);
    text = text.replace(/分别负责/g, '');
    const names = splitNames(text);
    const scope = names.filter((n) => SCOPE_NAME.test(n) && role === 'assessor');
    if (scope.length > 0) {
      this.warn('assessor-is-scope', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(c.source)}：考核牵头部门列写的是被考核单位范围“${scope.join('、')}”，不是考核部门，未作为考核牵头部门导入`, c.source);
    }
    const kept = names.filter((n) => !scope.includes(n));
    if (split && (role === 'assessor' || role === 'lead')) this.separateLeads = { names: kept, source: c.source };
    else if (split) this.row(c.source, 'indicator', `“分别负责”：${names.join('、')} 各自负责本领域`);
    return kept;
  }

  /**
   * "2.督促园区企业雨水全部接入市政管网（15分）" (made up) beside "1.…按完成比例得分（40分）" (01): a task with its
   * points and no method, in a cell where another line states one. Whether that method covers this task is not
   * written: the clause says so (and proposes the neighbour's method) instead of "未找到计分规则".
   */
  private bareTask(node: ClauseDraftNode, text: string, drafts: readonly ClauseDraft[]): void {
    if (node.status !== 'needs-review' || node.rules.length > 0 || node.reason !== '未找到计分规则') return;
    const pieces = this.taskPieces(text);
    if (!pieces || pieces.length !== 1) return;
    const points = toStr(pieces[0]!.points);
    const method = drafts.map((d) => (d.text === text ? undefined : /按[^。；;，,\n]*?(计分|折算|得分)/.exec(joinCell(d.text))?.[0])).find((m) => m !== undefined);
    node.reason = method
      ? `只写了任务和分值（${points}分），未写评分方法；同一单元格另一条写有“${method}”，是否同样适用于本条未写明`
      : `只写了任务和分值（${points}分），未写评分方法`;
    node.unread = [{ text: joinCell(text), reason: node.reason, suggestion: method ? `${method}，满分 ${points} 分` : `由考核部门按完成情况评分，满分 ${points} 分` }];
  }

  /** The rule column is a requirement column (考核内容, 考核要求, 考核指标) taken as the rules from its content. */
  private requirementColumn(): boolean {
    const c = this.col('rule');
    if (c < 0) return false;
    for (let k = 0; k < this.start; k++) {
      const role = vocabularyRole(joinCell(this.t.grid[k]?.[c] ?? ''));
      if (role === 'target' || role === 'indicator') return true;
    }
    return false;
  }

  /**
   * Rows under a "一票否优" / "一票否决" item (07, 08) state a situation, not a way of scoring: what happens when it
   * occurs is the heading's word. Under 一票否优 the row is a veto (not 优秀, finalize puts it in `scheme.vetoes`);
   * under 一票否决, whose effect the row does not say, it stays needs-review with that reason, never "未找到计分规则".
   */
  private vetoSituations(leaf: DraftNode, clauses: ClauseDraftNode[]): void {
    const titles = [leaf.title, ...this.current.map((c) => c.node.title), ...this.sections.map((x) => x.node.title)];
    const word = titles.map((t) => /一票否[优决]/.exec(t)?.[0]).find((w) => w !== undefined);
    if (!word) return;
    const effect = word === '一票否优' ? '该单位不得评为优秀等次（不扣分）' : '该单位考核一票否决';
    for (const c of clauses) {
      if (c.status !== 'needs-review' || c.rules.length > 0 || c.reason !== '未找到计分规则') continue;
      if (word === '一票否优') {
        // The heading states the effect (not 优秀) and the row the situation: a veto of the scheme, whose
        // fact (did the situation occur) a person records. 一票否决 names no effect and stays flagged.
        c.status = 'ok';
        c.veto = { heading: [...titles.slice(1), titles[0]!].find((t) => t.includes(word)) ?? word, grade: '优秀' };
        delete c.reason;
        delete c.unread;
        continue;
      }
      c.reason = `${word}情形：成立时${effect}；导入不生成等次否决，需在等次设置中按此配置并人工确认`;
      c.unread = [{ text: c.text, reason: c.reason, suggestion: `情形成立 → ${effect}` }];
    }
  }

  /** Parts (一、…) and clauses (1. …) of a rule cell, compiled. */
  private readRules(leaf: DraftNode, text: string, source: SourceRef, amount?: string): { nodes: DraftNode[]; clauses: ClauseDraftNode[] } {
    const parts = parseRuleCell(text);
    for (const p of parts) p.clauses = p.clauses.flatMap(splitCircled);
    const nodes: DraftNode[] = [];
    const all: ClauseDraftNode[] = [];
    const allDrafts = parts.flatMap((p) => p.clauses);
    // A shared method ("以上均按完成情况计分") covers the clauses before it in the cell.
    const methods = allDrafts.map((c) => sharedMethod(c.text));
    // A cell none of whose lines says how it is scored is a list of tasks with their points (01), not rules.
    const plain = methods.every((m) => m === undefined) && allDrafts.every((d) => !METHOD_WORD.test(joinCell(d.text).replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]/g, '')));
    // A cell mixing tasks with their "（N分）" and scoring lines (01 县水利局: "清查…台账（5分）；…出现1例<未办>扣a分（N分）"):
    // each task is a target + points sub-indicator, and a scoring line with its own "（N分）" is a sub-indicator of
    // those points holding its clause (its deductions come off its own points, not off the tasks' sum).
    const mixed = !plain && methods.every((m) => m === undefined) && allDrafts.length > 1 && this.kind !== 'deduction' && !leaf.isDeductionList
      // A method sentence in a line (…（1分）。按完成情况计分, 000:1190-1192) may be meant for its neighbours: no split then.
      && !allDrafts.some((d) => /按[^。；]*(计分|折算|得分)/.test(d.text))
      && allDrafts.some((d) => this.taskPieces(d.text) !== undefined);
    for (const part of parts) {
      let target = leaf;
      if (part.title !== undefined) {
        const tp = splitTitlePoints(part.title);
        target = newNode('part', tp.title || part.title, lineAt(source, part.lineOffset));
        if (tp.points !== undefined) target.points = tp.points;
        target.n = part.n;
        if (leaf.isDeductionList) target.isDeductionList = true;
        leaf.children.push(target);
        nodes.push(target);
      }
      if (part.preamble.length) target.text = part.preamble.join('\n');
      for (const draft of part.clauses) {
        if ((plain || mixed) && this.allocation(target, draft.text, lineAt(source, draft.lineOffset), mixed)) continue;
        const k = allDrafts.indexOf(draft);
        const method = methods.slice(k).findIndex((m) => m !== undefined);
        const m = method >= 0 ? methods[k + method] : undefined;
        const covered = m && (m.count === undefined || method < m.count) && !/按[^。；]*(计分|折算|得分)/.test(draft.text.replace(m.sentence, '')) ? m : undefined;
        const clauseSource = lineAt(source, draft.lineOffset);
        const withMethod = covered && !draft.text.includes(covered.sentence) ? `${draft.text}${/[。；;]$/.test(draft.text) ? '' : '。'}${covered.sentence}。` : draft.text;
        // The amount from the 加减分 column joins a sentence that states none ("获评…的" + "加5分").
        const compileText = amount && !/[扣加减得]\s*[\d.]+\s*分|不得分/.test(withMethod) ? `${withMethod.replace(/[。；;，,\s]+$/, '')}，${amount}。` : withMethod;
        // The item's own points when this is its only clause: the compiler reads several 得分 situations against
        // them (parts that sum to the points, or graded options whose highest is the points).
        const itemPoints = allDrafts.length === 1 && target === leaf && leaf.points !== undefined ? { points: leaf.points } : {};
        const clause = compileSplit(compileText, covered?.sentence, { source: clauseSource, deduction: this.kind === 'deduction' || !!leaf.isDeductionList, ...itemPoints });
        const node: ClauseDraftNode = {
          text: amount && compileText !== withMethod ? compileText : draft.text,
          compiledFrom: compileText,
          ...(covered && compileText !== draft.text ? { sharedMethod: covered.sentence } : {}),
          status: clause.status,
          rules: clause.rules,
          manualEffect: clause.manualEffect,
          warnings: [...clause.warnings, ...(draft.repaired ? [draft.repaired] : [])],
          source: clauseSource,
          ...(draft.n !== undefined ? { n: draft.n } : {}),
          ...(clause.reason ? { reason: clause.reason } : {}),
          ...(clause.unread.length ? { unread: clause.unread } : {}),
          ...(clause.points !== undefined ? { points: clause.points } : {}),
        };
        this.bareTask(node, draft.text, allDrafts);
        const alloc = mixed ? ownAllocation(draft.text) : undefined;
        const own = alloc && clause.points !== undefined && alloc.points === clause.points ? newNode('indicator', titleOf(withoutMarker(alloc.before.replace(/[。；;，,\s]+$/, ''))) || target.title, clauseSource) : undefined;
        if (own) {
          own.points = clause.points;
          target.children.push(own);
          this.row(clauseSource, 'indicator', `“${target.title}”的分项：${own.title}（${toStr(clause.points!)} 分，按本行评分标准计分）`);
        }
        const home = own ?? target;
        applyClausePolicies(home, node, clause);
        home.clauses.push(node);
        all.push(node);
        this.lastClause = node;
      }
    }
    if (parts.some((p) => p.title === undefined && p.clauses.length > 0)) nodes.unshift(leaf);
    return { nodes, clauses: all };
  }

  /**
   * A line of the rule cell that states no way of scoring: "成立<某>工作领导小组（N分）" is a task with its
   * points (a target + points sub-indicator, scored by the assessor like 001's targets), and a sentence
   * without points or any scoring word is the item's requirement. Neither is a rule lacking an amount.
   * Only used when no line of the cell has a scoring word, so an item never mixes tasks and clauses.
   */
  private allocation(target: DraftNode, text: string, source: SourceRef, mixed = false): boolean {
    // In a 扣分标准 table every line is a deduction item, whatever its words.
    if (this.kind === 'deduction' || target.isDeductionList) return false;
    const flat = joinCell(text);
    const allocs = [...flat.matchAll(ALLOC)].filter((m) => m.index > 0).map((m) => [m[0], m[1] ?? m[2]] as const);
    const rest = flat.replace(ALLOC, (x, _a, _b, at: number) => (at > 0 ? '' : x));
    if (METHOD_WORD.test(rest)) return false;
    if (mixed) {
      // Beside scoring lines only a line with its own points is a task; each "（N分）" closes one task.
      const pieces = this.taskPieces(text);
      if (!pieces) return false;
      for (const piece of pieces) {
        const task = newNode('indicator', titleOf(withoutMarker(piece.title)) || target.title, source);
        task.points = piece.points;
        task.text = cleanText(piece.text);
        target.children.push(task);
        this.row(source, 'indicator', `“${target.title}”的分项：${task.title}（${toStr(piece.points)} 分，原文未写评分方法，由考核部门按完成情况评分）`);
      }
      return true;
    }
    if (allocs.length === 0) {
      // Without points of its own the item would score nothing: such a line stays a clause for review (000:1275).
      if (target.points === undefined) return false;
      target.text = target.text ? `${target.text}\n${cleanText(text)}` : cleanText(text);
      this.row(source, 'indicator', `“${target.title}”的要求（无评分方法）：${titleOf(flat, 30)}`);
      return true;
    }
    if (allocs.length > 1) return false;
    const task = newNode('indicator', titleOf(withoutMarker(rest.replace(/[。；;，,\s]+$/, ''))) || target.title, source);
    task.points = dec(allocs[0]![1]!);
    task.text = cleanText(text);
    if (target.isDeductionList) task.isDeductionList = true;
    target.children.push(task);
    this.row(source, 'indicator', `“${target.title}”的分项：${task.title}（${allocs[0]![1]} 分，原文未写评分方法，由考核部门按完成情况评分）`);
    return true;
  }

  /**
   * The tasks of a line that states no way of scoring, each closed by its "（N分）" ("成立领导小组（1分）；落实联络员，
   * 加入工作群（3分）" → two tasks), or undefined when the line scores, has no points, or has words after its last points.
   */
  private taskPieces(text: string): { title: string; text: string; points: Dec }[] | undefined {
    const flat = joinCell(text);
    const found = [...flat.matchAll(ALLOCATION)].filter((m) => m.index > 0);
    if (found.length === 0) return undefined;
    const pieces: { title: string; text: string; points: Dec }[] = [];
    let from = 0;
    for (const m of found) {
      const piece = flat.slice(from, m.index + m[0].length);
      const words = flat.slice(from, m.index).replace(/^[\s，,；;。、]+/, '').replace(/[。；;，,\s]+$/, '');
      if (words === '' || METHOD_WORD.test(words)) return undefined;
      pieces.push({ title: words, text: piece.replace(/^[\s，,；;。、]+/, ''), points: dec(m[1]!) });
      from = m.index + m[0].length;
    }
    if (flat.slice(from).replace(/[\s。；;，,]/g, '') !== '') return undefined;
    return pieces;
  }

  /**
   * A clause cut by a page break (000:927 → 000:932): the row holds only the rest of the text, in the rule
   * column, without a number, and the clause above does not end a sentence. It is joined to that clause.
   */
  private joinPageSplit(r: number, text: string, source: SourceRef): boolean {
    const last = this.lastClause;
    const t = text.trim();
    if (!last || t === '' || readMarker(t) || /[。；;！？.]\s*$/.test(last.text)) return false;
    const others = this.roles.map((_, c) => c).filter((c) => c !== this.col('rule'));
    if (others.some((c) => { const x = this.cell(r, c); return x.own && x.text.trim() !== ''; })) return false;
    last.text = `${last.text}\n${t}`;
    const again = compileClause(last.sharedMethod ? `${last.text}。${last.sharedMethod}。` : last.text, { source: last.source, deduction: last.manualEffect === 'deduction' });
    last.compiledFrom = last.text;
    last.status = again.status;
    last.rules = again.rules;
    if (again.reason) last.reason = again.reason;
    else delete last.reason;
    if (again.unread.length) last.unread = again.unread;
    else delete last.unread;
    if (again.points !== undefined) last.points = again.points;
    this.warn('page-split', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：“${t.slice(0, 20)}”是上一条款被分页截断的后半部分，已接到上一条款`, source);
    return true;
  }

  private assign(owner: OwnerCell, clauses: ClauseDraftNode[], source: SourceRef): void {
    const numbers = new Set(clauses.flatMap((c) => (c.n !== undefined ? [c.n] : [])));
    for (const a of owner.assignments) {
      const missing = a.clauses.filter((n) => !numbers.has(n));
      if (missing.length) this.warn('assignment-unknown-clause', `文件 ${this.s.file} 第 ${this.t.index} 个表格 ${where(source)}：责任分工“${a.text}”中的第 ${missing.join('、')} 条在评分标准中找不到`, source);
    }
    for (const c of clauses) {
      const own = divisionsOfClause(owner, c.n);
      if (own !== owner.divisions && own.length > 0) c.divisions = own;
    }
  }
}

/**
 * The leading sentences of a requirement cell that state no scoring, and the scoring tail after them, or
 * undefined when the cell is numbered, starts with a scoring sentence, or has nothing scoring after the
 * head. A head with a number in it stays with the tail: it may be the target the tail scores against
 * ("年内完成10例以上。未完成的按比例扣分"), which the compiler must see.
 */
export function requirementHead(text: string): { head: string; tail: string; lines: number } | undefined {
  if (parseRuleCell(text).some((p) => p.title !== undefined || p.clauses.some((c) => c.marker !== undefined))) return undefined;
  let at = 0;
  for (const m of text.matchAll(/[^。]*。/g)) {
    if (METHOD_WORD.test(m[0]) || /[\d０-９一二三四五六七八九十百]+\s*(分|%|％|个|次|例|项|家|人|天|日|月|年)/.test(m[0])) break;
    at = m.index + m[0].length;
  }
  const head = text.slice(0, at);
  const tail = text.slice(at).replace(/^\s+/, '');
  if (at === 0 || head.trim() === '' || !METHOD_WORD.test(tail) || /\d/.test(head)) return undefined;
  return { head: head.trim(), tail, lines: (text.slice(0, text.length - tail.length).match(/\n/g) ?? []).length };
}

/**
 * "①…不低于X%的，得a分。每低1%，扣b分。②…不低于Y%的，得c分。每低1%，扣d分。" (corpus 07): sub-items
 * each with their own points in one numbered clause. When the compiler asks for the split (多个分项各带分值),
 * each ①② piece becomes a clause of its own, with its own points; otherwise the clause stays whole.
 */
function splitCircled(draft: ClauseDraft): ClauseDraft[] {
  const marks = [...draft.text.matchAll(/(?:^|[。；;\n]\s*)([①-⑳])/g)].map((m) => m.index + m[0].length - 1);
  if (marks.length < 2 || !(compileClause(draft.text).reason ?? '').includes('多个分项各带分值')) return [draft];
  const head = draft.text.slice(0, marks[0]).trim();
  return marks.map((at, k) => {
    const piece = draft.text.slice(at + 1, marks[k + 1] ?? draft.text.length).trim();
    return { marker: draft.text[at]!, text: k === 0 && head !== '' ? `${head}${piece}` : piece, lineOffset: draft.lineOffset + (draft.text.slice(0, at).match(/\n/g)?.length ?? 0) };
  });
}

/**
 * "新建智慧书房 20 家（1 分），礼堂书屋 50 家（1 分）。按完成比例计分。" (000:1176): several tasks, each with
 * its points, under one method. Each task is compiled with the method as its own rule (the clause gets
 * codes -a, -b…); anything else is compiled as written.
 */

function compileSplit(text: string, shared: string | undefined, opts: { source: SourceRef; deduction: boolean; points?: Dec }): ReturnType<typeof compileClause> {
  const whole = compileClause(text, opts);
  const method = shared ?? /按完成(比例|情况)[^。；]*(计分|折算|得分)/.exec(text)?.[0];
  const items = [...text.matchAll(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]/g)];
  if (whole.status === 'ok' || !method || items.length < 2) return whole;
  const pieces: string[] = [];
  let from = 0;
  for (const m of items) {
    const end = m.index + m[0].length;
    pieces.push(text.slice(from, end).replace(/^[，,、；;。\s]*(其中)?/, ''));
    from = end;
  }
  const parts = pieces.map((p) => compileClause(`${p}。${method}。`, opts));
  if (parts.some((p) => p.status !== 'ok' || p.rules.length !== 1)) return whole;
  return { ...whole, status: 'ok', rules: parts.map((p) => p.rules[0]!), warnings: [...whole.warnings, `一句中有 ${parts.length} 个分项，已按“${method}”分别编译`], reason: undefined as unknown as string, points: undefined as unknown as Dec };
}

const ROLE_PREFIX = /(牵头|主责|主办|负责|配合|协办|协同|参与)(?:部门|单位|处室)?\s*[：:]/g;

/**
 * "牵头：县河长办 配合：县水利局、县环保局" / "配合部门：…": the names after each prefix, with its role
 * (lead for 牵头/主责/主办/负责, co for 配合/协办/协同/参与). Undefined when the cell has no such prefix.
 */
export function rolePrefixed(text: string): { role: 'lead' | 'co'; names: string[] }[] | undefined {
  const flat = text.replace(/\s+/g, ' ');
  const marks = [...flat.matchAll(ROLE_PREFIX)];
  if (marks.length === 0) return undefined;
  const before = flat.slice(0, marks[0]!.index).trim().replace(/[；;，,]$/, '');
  const parts: { role: 'lead' | 'co'; names: string[] }[] = before ? [{ role: 'lead', names: splitNames(before) }] : [];
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : flat.length;
    const names = splitNames(flat.slice(m.index + m[0].length, end).replace(/[；;。]\s*$/, ''));
    parts.push({ role: /牵头|主责|主办|负责/.test(m[1]!) ? 'lead' : 'co', names });
  });
  return parts;
}

/** "（1）2018年末耕地面积…" → "2018年末耕地面积…": a leading ordinal is not part of a title. */
function withoutMarker(text: string): string {
  const m = readMarker(joinCell(text));
  return m && m.rest.trim() !== '' ? m.rest : text;
}
