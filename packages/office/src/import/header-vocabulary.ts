/**
 * The words scheme tables use in their header row, as data: for each column role, the header texts
 * that name it. `exact` must be the whole header (spaces and brackets of the points unit removed),
 * `contains` may appear inside it. Roles are tried in the order of this list, so a more specific
 * role (考核牵头部门 → assessor) comes before a more general one (牵头部门 → lead).
 * Adding a word here is all it takes to recognise a new header; content checks (content-roles.ts)
 * decide the columns no word names.
 */
export type ColumnRole =
  | 'seq' // 序号
  | 'category' // 类别
  | 'item' // 项目名称 / 考核项目 / 重点工作
  | 'indicator' // 指标 / 考核指标 / 指标及分值 / 考核内容 (under a 类别)
  | 'rule' // 评分标准 / 评分方法 / 计分办法 / 自查标准
  | 'target' // 目标要求 / 考核内容 / 考核要求 / 考核依据
  | 'points' // 分值 / 各项分值 / 权重 / 标准分
  | 'assessor' // 考核牵头部门 / 负责考核部门
  | 'lead' // 牵头单位 / 牵头部门
  | 'responsible' // 责任单位 / 配合部门
  | 'owner' // 牵头领导 / 责任处室
  | 'deadline' // 完成时限
  | 'note' // 备注 / 说明
  | 'unit' // 被考核单位: the unit a row's indicators apply to (a names column among the item columns, corpus 01)
  | 'data'; // 指标数据 / 平均值 / 排名 / 得分: a filled-in sheet's results, never part of the scheme

export type VocabularyEntry = { role: ColumnRole; exact?: readonly string[]; contains?: readonly string[]; pattern?: RegExp };

export const headerVocabulary: readonly VocabularyEntry[] = [
  { role: 'seq', exact: ['序号', '编号', '序', '项次', '条目'] },
  { role: 'unit', exact: ['被考核单位', '考核对象', '被考核部门', '被考核对象', '单位名称', '部门名称', '乡镇名称'] },
  { role: 'data', exact: ['指标数据', '平均值', '排名', '得分', '实际得分', '自评分', '自评得分', '考核得分', '同比去年', '同比', '完成情况', '完成值', '实际完成'] },
  { role: 'assessor', contains: ['考核牵头部门', '考核牵头单位', '负责考核部门', '负责考核单位', '考核责任单位', '考核责任部门', '考评部门', '考评单位'], exact: ['考核部门', '考核单位'] },
  { role: 'owner', contains: ['牵头领导', '责任处室', '分管领导', '责任领导'] },
  {
    role: 'rule',
    contains: ['评分标准', '评分办法', '评分方法', '评分细则', '评分依据', '计分办法', '计分标准', '计分方法', '计分方式', '考核办法', '考核方法', '考核方式', '考核标准', '考核细则', '扣分标准', '扣分办法', '扣分细则', '加扣分', '自查标准', '评价办法', '评价标准', '考评标准', '考评办法', '赋分标准', '评定标准', '评分'],
    exact: ['赋分', '评价', '考评细则'],
  },
  {
    role: 'points',
    exact: ['分值', '各项分值', '组分值', '分值项', '分值条', '分值（项）', '分值（条）', '分值(项)', '分值(条)', '扣分分值', '分数', '满分', '标准分', '标准分值', '标准分数', '标准分数分', '权重', '权重分', '权重分值', '信用赋分', '加减分', '分值分', '基本分', '基础分', '应得分'],
    pattern: /^(大项|小项|项目)?[（(]?\d*分[)）]?$|^权重|^分值/,
  },
  { role: 'category', exact: ['类别', '类型', '考核类别', '一级指标', '指标类别', '信息属性', '大项', '考核类型', '指标类型', '项目类别'] },
  { role: 'indicator', contains: ['指标'], exact: ['内容', '考核内容', '二级指标', '三级指标', '信息类别', '评价内容', '信息层级', '层级'] },
  { role: 'item', contains: ['项目名称', '考核项目', '考评项目', '重点工作', '工作任务', '任务名称', '评估项目', '工作项目'], exact: ['项目', '名称', '事项', '考核事项'] },
  { role: 'target', exact: ['任务'], contains: ['目标要求', '目标任务', '目标值', '考核要求', '考核依据', '考评内容', '工作要求', '工作目标', '任务要求', '具体要求', '工作内容', '考核目标'] },
  { role: 'lead', contains: ['牵头单位', '牵头部门', '主办单位', '主责单位', '主责部门'] },
  { role: 'responsible', contains: ['责任单位', '责任部门', '承办单位', '配合单位', '配合部门', '协办单位', '协同单位', '参与单位', '实施单位'] },
  { role: 'deadline', contains: ['时限', '完成时间', '进度安排', '时间节点'] },
  { role: 'note', exact: ['备注', '说明', '附注', '适用范围'] },
];

/** Header text as compared with the vocabulary: no spaces or line breaks, half-width brackets. */
export function headerKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

export function vocabularyRole(header: string): ColumnRole | undefined {
  const h = headerKey(header);
  if (h === '') return undefined;
  const bare = h.replace(/[（）]/g, '');
  for (const entry of headerVocabulary) {
    if (entry.exact?.some((w) => headerKey(w) === h || headerKey(w).replace(/[（）]/g, '') === bare)) return entry.role;
    if (entry.contains?.some((w) => h.includes(w))) return entry.role;
    if (entry.pattern?.test(bare)) return entry.role;
  }
  return undefined;
}
