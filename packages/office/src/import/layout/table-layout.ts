import type { RawTable, SourceRef } from '../../document';
import { joinCell, readMarker, splitNames } from '../cell-text';
import type { BuildState, DraftNode, RowRecord } from '../draft.types';
import { roleName } from '../content-roles';
import { findHeader, titleAmong, yearIn } from '../header-find';
import type { ColumnRole } from '../header-roles';
import { inferMerges } from './infer-merges';
import { categoryName, LIST_TITLE, newNode, tableKind, where, type Heading, type TableKind } from './layout-common';
import { readNegativeTable } from './negative-table';
import { TableReader } from './table-reader';


const UNIT_SUFFIX = /(校|协|镇|乡|街道|街道办|办事处|中心|局|委|办|部|院|会|联|社|公司|队|所|站|馆|团县委|行|银行|段|管委会|集团|厂|署|处|室)$/;

export class TableWalker {
  private headings: Heading[] = [];
  private unit: string | undefined;
  private lastRoles: { roles: (ColumnRole | undefined)[]; width: number; kind: TableKind; sheet: string | undefined } | undefined;
  private lastGroup: string | undefined;
  private pendingGroupList: { name: string; source: SourceRef } | undefined;
  private tableNodes = new Map<number, DraftNode>();

  /** Set when several sheets hold scheme tables: each sheet's indicators go under a node named after it. */
  private readonly sheetNodes = new Map<string, DraftNode>();

  constructor(
    private readonly s: BuildState,
    private readonly bySheet = false,
  ) {}

  private row(source: SourceRef, kind: RowRecord['kind'], summary: string): void {
    this.s.rows.push({ source, kind, summary });
  }

  private warn(code: string, message: string, source: SourceRef): void {
    this.s.issues.push({ severity: 'warning', code, message, source });
  }

  paragraph(raw: string, source: SourceRef, beforeTable: boolean): void {
    const text = joinCell(raw);
    if (text === '') return;
    if (this.pendingGroupList && text.split('、').length >= 3) {
      this.s.groups.push({ name: this.pendingGroupList.name, members: splitNames(text), source, kind: 'member-list' });
      this.row(source, 'group', `“${this.pendingGroupList.name}”名单：${splitNames(text).length} 个单位`);
      this.pendingGroupList = undefined;
      return;
    }
    this.pendingGroupList = undefined;
    if (!this.s.docNo) {
      const no = /[\p{Script=Han}]+〔\d{4}〕\d+号/u.exec(text);
      if (no) this.s.docNo = no[0];
    }
    const listMatch = /^(.{2,30})(名单)$/.exec(text);
    if (listMatch && !/考核指标|清单$/.test(text)) {
      this.pendingGroupList = { name: listMatch[1]!, source };
      this.row(source, 'heading', `单位名单标题：${text}`);
      return;
    }
    // "1.县税务局           2.县环保局": a list of units on one line (001:5309-5322).
    const many = raw.split(/\s{2,}/).map((p) => p.trim()).filter((p) => p !== '');
    if (many.length >= 2 && many.every((p) => this.unitHeading(p) !== undefined)) {
      for (const p of many) this.addUnit(this.unitHeading(p)!, source);
      this.row(source, 'unit', `被考核单位：${many.map((p) => this.unitHeading(p)).join('、')}`);
      return;
    }
    const unitName = this.unitHeading(text, beforeTable);
    if (unitName !== undefined) {
      this.addUnit(unitName, source);
      this.unit = unitName;
      this.row(source, 'unit', `被考核单位：${unitName}`);
      return;
    }
    const marker = readMarker(text);
    const short = text.length <= 45 && !/[。；;]$/.test(text) && !/[，,]/.test(text.slice(0, -1));
    if (marker && marker.level === 1 && short && LIST_TITLE.test(text)) {
      // "二、县直部门目标责任考核指标" (001:2705): a numbered part that is itself a list of its own.
      this.push({ level: 0, title: marker.rest, source, kind: 'list' });
      this.unit = undefined;
      this.row(source, 'heading', `清单标题：${text}`);
      return;
    }
    if (marker && (marker.level === 1 || marker.level === 2) && short) {
      this.push({ level: marker.level, title: marker.rest || text, source, kind: marker.level === 2 ? 'group' : 'section' });
      if (marker.level === 2) this.lastGroup = marker.rest;
      this.unit = undefined;
      this.row(source, 'heading', `${marker.level === 1 ? '一级' : '二级'}标题：${text}`);
      return;
    }
    if (!marker && short && LIST_TITLE.test(text)) {
      if (!this.s.title) this.s.title = text;
      this.push({ level: 0, title: text, source, kind: 'list' });
      this.unit = undefined;
      this.row(source, 'heading', `清单标题：${text}`);
      return;
    }
    if (/^[（(].*[)）]$/.test(text)) {
      this.row(source, 'ignored', `说明：${text}`);
      return;
    }
    if (!this.s.year) {
      const y = /(20\d{2})\s*年度?/.exec(text);
      if (y) this.s.year = Number(y[1]);
    }
    this.row(source, 'ignored', `正文：${text.slice(0, 40)}${text.length > 40 ? '…' : ''}`);
  }

  /** "1．螅镇", "2.县委办公室", "县自然资源和规划局" (right before its table, 001:4737). */
  private unitHeading(text: string, beforeTable = false): string | undefined {
    const m = readMarker(text);
    const name = (m && m.level === 3 ? m.rest : beforeTable ? text : '').replace(/\s+/g, '');
    if (name === '' || name.length > 20 || /[，。；：:、]/.test(name)) return undefined;
    if (!UNIT_SUFFIX.test(name) || /考核|指标|清单|工作$/.test(name)) return undefined;
    return name;
  }

  private addUnit(name: string, source: SourceRef): void {
    if (this.s.units.some((u) => u.name === name)) return;
    const list = [...this.headings].reverse().find((h) => h.level <= 1);
    const category = categoryName(list?.title ?? '被考核单位');
    const group = this.headings.some((h) => h.kind === 'group') ? this.lastGroup : undefined;
    this.s.units.push({ name, category, source, ...(group ? { group } : {}) });
    if (group) {
      const g = this.s.groups.find((x) => x.name === group && x.kind === 'ranking');
      if (g) g.members.push(name);
      else this.s.groups.push({ name: group, members: [name], source, kind: 'ranking' });
    }
  }

  private push(h: Heading): void {
    while (this.headings.length > 0 && this.headings[this.headings.length - 1]!.level >= h.level) this.headings.pop();
    this.headings.push(h);
  }

  /** The node tables go under: headings become nodes when a table first needs them. */
  private contextNode(): { parent: DraftNode | null; siblings: DraftNode[] } {
    let siblings = this.s.roots;
    let parent: DraftNode | null = null;
    for (const h of this.headings) {
      if (!h.node) {
        const same = siblings.find((n) => n.title === h.title && n.kind === h.kind);
        h.node = same ?? newNode(h.kind, h.title, h.source);
        if (!same) siblings.push(h.node);
      }
      parent = h.node;
      siblings = h.node.children;
    }
    return { parent, siblings };
  }

  table(input: RawTable): void {
    let table = input;
    const width = table.grid[0]?.length ?? 0;
    const found = findHeader(table);
    let roles: (ColumnRole | undefined)[];
    let start: number;
    if (!found) {
      if (this.lastRoles && this.lastRoles.width === width && this.lastRoles.sheet === table.sheet) {
        roles = this.lastRoles.roles;
        start = 0;
        this.row(table.source, 'merged', `第 ${table.index} 个表格没有表头，与上一个表格列数相同，按上一个表格的续表读取`);
      } else {
        this.warn('table-unrecognised', `文件 ${this.s.file} 第 ${table.index} 个表格（${where(table.source)}）没有可识别的表头（如“项目名称”“评分标准”“分值”），其 ${table.grid.length} 行未导入`, table.source);
        table.rows.forEach((r, i) => this.row(r[0]?.source ?? table.source, 'unrecognised', `未识别的表格行：${(table.grid[i] ?? []).map((c) => joinCell(c).slice(0, 20)).join(' | ')}`));
        return;
      }
    } else {
      roles = found.roles;
      start = found.row + 1;
      for (const a of found.above) this.aboveHeader(a.text, a.source);
      const headerSource = table.rows[found.row]?.[0]?.source ?? table.source;
      this.row(headerSource, 'header', `表头${found.inferred ? '（按内容推断）' : ''}：${(table.grid[found.row] ?? []).map((c, i) => `${joinCell(c) || '（空）'}=${roles[i] ? roleName(roles[i]!) : '未用'}`).join(' | ')}`);
      for (const note of found.notes) this.row(headerSource, 'header', note);
      if (found.inferred) this.warn('header-inferred', `文件 ${this.s.file} 第 ${table.index} 个表格（${where(headerSource)}）的表头“${(table.grid[found.row] ?? []).map((c) => joinCell(c)).join(' | ')}”不是常见的表头用语，已按各列内容识别列的含义，请核对`, headerSource);
    }
    if (table.mergesUnknown) table = inferMerges(table, roles, start - 1);
    const kind: TableKind = start === 0 && this.lastRoles ? this.lastRoles.kind : tableKind(table.grid[start - 1] ?? [], roles, this.headings);
    this.lastRoles = { roles, width, kind, sheet: table.sheet };
    if (kind === 'negative') return readNegativeTable(this.s, table, roles, start);
    let { siblings } = this.contextNode();
    if (this.bySheet && table.sheet) {
      let sheetNode = this.sheetNodes.get(table.sheet);
      if (!sheetNode) {
        sheetNode = newNode('section', table.sheet, table.source);
        this.sheetNodes.set(table.sheet, sheetNode);
        siblings.push(sheetNode);
        this.row(table.source, 'heading', `工作表“${table.sheet}”：其指标归入同名的一级指标`);
      }
      siblings = sheetNode.children;
    }
    const heading = this.headings[this.headings.length - 1];
    let host: DraftNode[] = siblings;
    if (this.unit) {
      const unitNode = siblings.find((n) => n.kind === 'unit' && n.unit === this.unit) ?? newNode('unit', this.unit, table.source);
      unitNode.unit = this.unit;
      if (!siblings.includes(unitNode)) siblings.push(unitNode);
      host = unitNode.children;
    } else if (heading && /共性/.test(heading.title)) {
      const common = siblings.find((n) => n.commonFor !== undefined) ?? { ...newNode('section', '共性考核指标', table.source), commonFor: heading.title };
      if (!siblings.includes(common)) siblings.push(common);
      host = common.children;
    } else if (heading && heading.level <= 1 && /目标责任考核指标$/.test(heading.title) && siblings.length === 0 && !this.s.units.some((u) => u.category === categoryName(heading.title))) {
      // A table right under the heading of a unit section, before its units (001:2705): their common block.
      const common = { ...newNode('section', '共性考核指标', table.source), commonFor: heading.title };
      siblings.push(common);
      host = common.children;
    }
    new TableReader(this.s, table, roles, start, kind, host, this.tableNodes).read();
  }

  /** A row above the header: the title (the scheme's title and year), 文号, a date, 附件N. */
  private aboveHeader(text: string, source: SourceRef): void {
    const no = /[\p{Script=Han}]+〔\d{4}〕\d+号/u.exec(text);
    if (no && !this.s.docNo) this.s.docNo = no[0];
    const title = titleAmong([{ text }]);
    if (title && !this.s.title) {
      this.s.title = title;
      this.row(source, 'heading', `方案标题：${title}`);
    } else this.row(source, 'ignored', `表头上方：${text.slice(0, 40)}`);
    const year = yearIn(text);
    if (year !== undefined && this.s.year === undefined) this.s.year = year;
  }
}
