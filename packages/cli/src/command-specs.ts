import { displayWidth } from './text-table';

/**
 * What each `kaohe` command takes: its usage text (shown by `kaohe help CMD`, `kaohe CMD --help` and
 * after a usage mistake), its options and the KAOHE_* variables that may give them.
 * Option `x-y` may also come from the environment variable `KAOHE_X_Y`.
 */
/** `fromEnv: false`: not taken from KAOHE_* (a file name or a unit is per call, never a standing preference). */
export type OptionSpec = { type: 'string' | 'boolean'; short?: string; choices?: readonly string[]; placeholder?: string; help: string; fromEnv?: false; envVar?: string };

export type CommandSpec = {
  name: string;
  summary: string;
  positionals: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Extra lines after the options: examples, notes. */
  notes?: readonly string[];
};

const format = (choices: readonly string[], dflt: string): OptionSpec => ({ type: 'string', choices, placeholder: choices.join('|'), help: `输出格式（默认 ${dflt}）` });

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    summary: '校验方案文件，列出校验提示（有错误时退出码 1）',
    positionals: ['方案文件'],
    options: {},
    notes: ['示例：kaohe validate examples/jiaxian-2020/scheme.yaml', '方案文件为 YAML 或 JSON；Word/Excel 原文请先用 kaohe import 导入。'],
  },
  {
    name: 'score',
    summary: '计算得分，按排名分组输出排名与等次',
    positionals: ['方案文件', '事实文件'],
    options: {
      format: format(['table', 'json', 'csv'], 'table'),
      group: { type: 'string', placeholder: '分组', help: '只输出一个排名分组（编码或名称）' },
    },
    notes: ['示例：kaohe score scheme.yaml facts.yaml --format csv > 结果.csv', 'JSON 输出的字段见 docs/scheme-format.md“输出”一节；分值均为十进制字符串。'],
  },
  {
    name: 'explain',
    summary: '输出一个单位的完整得分明细（每一分的来源与依据）',
    positionals: ['方案文件', '事实文件'],
    options: {
      unit: { type: 'string', placeholder: '单位', help: '单位编码、名称或别名（必填）', fromEnv: false },
      by: { type: 'string', choices: ['division', 'leader'], placeholder: 'division|leader', help: '另按责任处室或牵头领导汇总' },
      format: format(['text', 'json'], 'text'),
    },
    notes: ['示例：kaohe explain scheme.yaml facts.yaml --unit 佳芦镇 --by division'],
  },
  {
    name: 'import',
    summary: '从 Word/Excel/文本导入方案，输出覆盖率',
    positionals: ['文档'],
    options: {
      output: { type: 'string', short: 'o', placeholder: 'scheme.yaml', help: '方案写入此文件（未给出时输出到标准输出）', fromEnv: false },
      report: { type: 'string', placeholder: '报告.html|.md|.json', help: '导入报告写入此文件（格式按扩展名）', fromEnv: false },
      'facts-template': { type: 'string', placeholder: 'facts.xlsx', help: '写出各单位各条款需填写的事实表，填好后可直接用于 kaohe score', fromEnv: false },
      year: { type: 'string', placeholder: '年度', help: '文档没有写明考核年度时指定（四位年份）', fromEnv: false },
    },
    notes: ['示例：kaohe import 2020年考核方案.docx -o scheme.yaml --report 导入报告.html', '支持 .docx、.doc（需 LibreOffice）、.xlsx、.txt；PDF 请先在 Word 中另存为 .docx。'],
  },
  {
    name: 'export',
    summary: '按原文格式导出：任务分解表、责任矩阵、各单位目标表、方案原样',
    positionals: ['方案文件'],
    options: {
      as: { type: 'string', choices: ['docx', 'xlsx'], placeholder: 'docx|xlsx', help: '文件类型（必填）', envVar: 'KAOHE_EXPORT_AS' },
      layout: { type: 'string', choices: ['breakdown', 'responsibility', 'targets', 'scheme', 'tongbao'], placeholder: 'breakdown|responsibility|targets|scheme|tongbao', help: '版式（默认 breakdown；tongbao 为考核结果通报，公文格式）' },
      output: { type: 'string', short: 'o', placeholder: '文件', help: '输出文件（默认 方案名-版式.扩展名）', fromEnv: false },
      codes: { type: 'boolean', help: '责任矩阵中显示条款编码', fromEnv: false },
      label: { type: 'string', choices: ['draft', 'internal', 'public'], placeholder: 'draft|internal|public', help: '标识（草稿/内部/公开），印在页眉和表格首格', fromEnv: false },
      facts: { type: 'string', placeholder: '事实文件', help: '通报：计算结果所用的事实文件', fromEnv: false },
      issuer: { type: 'string', placeholder: '发文机关', help: '通报：发文机关（署名）', fromEnv: false },
      'doc-number': { type: 'string', placeholder: '发文字号', help: '通报：发文字号，如 佳考发〔2021〕3号', fromEnv: false },
      title: { type: 'string', placeholder: '标题', help: '通报：标题（默认 关于＋方案名称＋结果的通报）', fromEnv: false },
      date: { type: 'string', placeholder: '成文日期', help: '通报：成文日期，如 2021-03-01', fromEnv: false },
      recipients: { type: 'string', placeholder: '主送机关', help: '通报：主送机关', fromEnv: false },
      'copy-to': { type: 'string', placeholder: '抄送机关', help: '通报：抄送机关（以顿号或逗号分隔）', fromEnv: false },
      'printed-by': { type: 'string', placeholder: '印发机关', help: '通报：版记的印发机关（默认发文机关）', fromEnv: false },
      'printed-date': { type: 'string', placeholder: '印发日期', help: '通报：版记的印发日期（默认成文日期）', fromEnv: false },
    },
    notes: ['示例：kaohe export scheme.yaml --as xlsx --layout targets -o 各单位目标.xlsx', '通报：kaohe export scheme.yaml --as docx --layout tongbao --facts facts.yaml --issuer 佳县目标责任考核领导小组办公室 --doc-number 佳考发〔2021〕3号 --date 2021-03-01'],
  },
  {
    name: 'calendar',
    summary: '按报送周期生成全年应报事项（节假日顺延、层层报送），或列出某日到期的事项',
    positionals: ['方案文件', '周期文件'],
    options: {
      on: { type: 'string', placeholder: 'YYYY-MM-DD', help: '只列单位截止日为这一天的事项', fromEnv: false },
      unit: { type: 'string', placeholder: '单位', help: '只列一个单位（编码、名称或别名）', fromEnv: false },
      format: format(['table', 'json', 'csv'], 'table'),
    },
    notes: ['示例：kaohe calendar scheme.yaml windows.yaml --on 2026-04-07', '周期文件（YAML/JSON）：windows（ref、window、unitCategory、cascade），可选 holidays（节假日与调休）和 roundsCap（每月报送轮次上限），见 docs/calendar.md。'],
  },
  {
    name: 'whatif',
    summary: '情景试算：把情景文件应用到方案与事实的副本上，列出总分、等次或名次有变化的单位（不改动任何文件）',
    positionals: ['方案文件', '事实文件', '情景文件'],
    options: {
      format: format(['table', 'json'], 'table'),
      all: { type: 'boolean', help: '列出全部单位（默认只列有变化的）', fromEnv: false },
    },
    notes: [
      '示例：kaohe whatif scheme.yaml facts.yaml 申诉成立.yaml --format json',
      '情景文件（YAML/JSON）：name、ops；每项操作有 op 和 reason，op 可为 uphold-judgement、waive-fact、appeal-upheld、replace-rule、set-quota、set-band、waive-late、set-fact（见 docs/whatif.md）。',
    ],
  },
  {
    name: 'publish',
    summary: '在运行中的服务器上开始公示（公示）或发布结果（发布）',
    positionals: ['公示|发布'],
    options: {
      server: { type: 'string', placeholder: '地址', help: '服务器地址，如 http://127.0.0.1:3000（必填）' },
      assessment: { type: 'string', placeholder: '考核编号', help: '考核的编号（UUID，必填）' },
      login: { type: 'string', placeholder: '账户', help: '考评办账户（必填）' },
      password: { type: 'string', placeholder: '密码', help: '密码（建议由环境变量给出，不要写在命令行）' },
      totp: { type: 'string', placeholder: '动态口令', help: '账户启用动态口令时的 6 位口令', fromEnv: false },
      days: { type: 'string', placeholder: '天数', help: '公示天数（默认 5）', fromEnv: false },
      'appeal-days': { type: 'string', placeholder: '天数', help: '发布后可申诉的天数（默认由服务器定为 10）', fromEnv: false },
      recompute: { type: 'boolean', help: '公示前先按最新事实重新计算', fromEnv: false },
      format: format(['text', 'json'], 'text'),
    },
    notes: ['示例：KAOHE_PASSWORD=… kaohe publish 公示 --server http://127.0.0.1:3000 --assessment <编号> --login kpb --recompute', '公示期满且异议均已答复后：kaohe publish 发布 …（发布最近一次进行中的公示）。'],
  },
  { name: 'schema', summary: '输出方案文件的 JSON Schema（供编辑器补全）', positionals: [], options: {}, notes: ['示例：kaohe schema > scheme.schema.json'] },
  {
    name: 'completion',
    summary: '输出 shell 补全脚本',
    positionals: ['bash|zsh'],
    options: {},
    notes: ['bash：在 ~/.bashrc 中加入  eval "$(kaohe completion bash)"', 'zsh：在 ~/.zshrc 中加入  eval "$(kaohe completion zsh)"'],
  },
  { name: 'help', summary: '显示帮助；kaohe help <命令> 显示该命令的用法', positionals: ['[命令]'], options: {} },
];

/** Commands the binary hands to the server's CLI (packages/server/src/cli.ts); listed here for help and completion. */
export const SERVER_COMMANDS: readonly { name: string; summary: string }[] = [
  { name: 'admin', summary: 'admin create：创建管理员账户' },
  { name: 'audit', summary: 'audit verify：校验审计链' },
  { name: 'demo', summary: 'demo reset：清空数据库并载入演示数据' },
  { name: 'backup', summary: '备份数据库与证明材料' },
  { name: 'restore', summary: '从备份恢复' },
];

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', help: '显示此命令的用法' },
  verbose: { type: 'boolean', help: '出错时显示详细信息（错误堆栈）' },
};

export const commandSpec = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);

export const envName = (option: string, spec?: OptionSpec): string => spec?.envVar ?? `KAOHE_${option.toUpperCase().replace(/-/g, '_')}`;

/** `kaohe CMD` usage: one command only, with its options and the KAOHE_* variables. */
export function commandUsage(spec: CommandSpec): string {
  const opts = Object.entries(spec.options);
  const synopsis = [`kaohe ${spec.name}`, ...spec.positionals.map((p) => (p.startsWith('[') ? p : `<${p}>`)), ...opts.map(([n, o]) => `[--${n}${o.type === 'string' ? ` ${o.placeholder ?? ''}` : ''}]`)].join(' ');
  const lines = [`用法：${synopsis}`, '', `  ${spec.summary}`];
  const all = [...opts, ...Object.entries(GLOBAL_OPTIONS)];
  if (all.length) {
    lines.push('', '选项：');
    const left = all.map(([n, o]) => `${o.short ? `-${o.short}, ` : '    '}--${n}${o.type === 'string' ? ` ${o.placeholder ?? ''}` : ''}`);
    const width = Math.max(...left.map(displayWidth));
    all.forEach(([n, o], i) => lines.push(`  ${left[i]!}${' '.repeat(width - displayWidth(left[i]!))}  ${o.help}${o.type === 'string' && o.fromEnv !== false && spec.options[n] ? `；也可由 ${envName(n, o)} 给出` : ''}`));
  }
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return lines.join('\n');
}

/** `kaohe --help`: every command with its summary. */
export function generalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), ...SERVER_COMMANDS.map((c) => c.name.length));
  return [
    '用法：kaohe <命令> [参数] [选项]',
    '',
    '离线命令（读写方案与事实文件）：',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '服务器数据库命令（见 docs/server.md；需在仓库中安装）：',
    ...SERVER_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'kaohe help <命令> 或 kaohe <命令> --help 显示该命令的用法与选项；kaohe --version 显示版本。',
    '方案与事实文件可为 YAML、JSON；事实文件也可为 CSV。选项也可由环境变量给出（--format 即 KAOHE_FORMAT）。',
    '加 --verbose 在出错时显示错误堆栈。',
  ].join('\n');
}
