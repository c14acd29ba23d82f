/**
 * 基层减负 lint (gov-it-requirements §5): clauses that score what the 2019 notice and the 2024 rules on
 * reducing burdens at the grassroots discourage. A flag informs the 考评办; the clause still compiles
 * and scores exactly as written.
 */
export type BurdenKind = 'leader-instruction' | 'media' | 'meetings-documents' | 'trace-evidence' | 'app-usage' | 'veto-without-basis' | 'frequent-reporting';

export type BurdenFlag = { kind: BurdenKind; phrase: string; reason: string };

type Check = { kind: BurdenKind; test: (text: string) => string | undefined; reason: string };

const first = (re: RegExp) => (text: string): string | undefined => re.exec(text)?.[0];

const CHECKS: Check[] = [
  {
    kind: 'leader-instruction',
    // Obtaining an instruction is scored, not carrying one out: "被省领导批示的每次加10分", "获得领导肯定性批示".
    test: first(/(获得|得到|被)[^，。；]{0,12}批示|批示[^，。；]{0,6}(加|计|得)\s*[\d.]+\s*分|肯定性批示/),
    reason: '以获得领导批示作为考核内容：2024 年《整治形式主义为基层减负若干规定》规定不得将获得领导同志批示作为督查检查考核内容',
  },
  {
    kind: 'media',
    test: first(/(媒体|报刊|刊物|报纸|电视台?|电台|网站|新闻|简报|信息专报)[^，。；]{0,10}(报道|刊发|刊登|采用|录用|转载)|(报道|刊发|刊登)[^，。；]{0,8}(加|计|得)\s*[\d.]+\s*分/),
    reason: '以媒体报道、刊物刊发作为考核内容：2024 年规定不得将在刊物和媒体刊发文章信息、经验做法等作为督查检查考核内容',
  },
  {
    kind: 'meetings-documents',
    test: first(/(未|没有|少)[^，。；]{0,10}(召开|开会|会议|集中学习|学习研讨|专题学习|传达学习|学习传达)|(召开|会议|集中学习|学习研讨)[^，。；]{0,12}(未达到|少于|不少于|少一次|每少)|(未|没有)[^，。；]{0,6}(印发|发文|出台文件)|发文(数|数量|件数)/),
    reason: '以是否开会、发文作为评判标准：2019 年通知和 2024 年规定都要求不把是否开会发文作为评判工作落实、优劣的标准',
  },
  {
    kind: 'trace-evidence',
    test: first(/照片|截图|截屏|留痕|台账|影像资料|视频资料|签到表|工作笔记|学习笔记/),
    reason: '以照片、截图、台账留痕作为证明：2019 年通知不得简单将台账记录、工作笔记作为落实标准，2024 年规定不把拍照留痕、制作学习笔记作为评判标准',
  },
  {
    kind: 'app-usage',
    test: first(/打卡|签到率|注册率|安装率|使用率|登录率|在线时长|学习时长|点赞|转发量|积分排名|下载安装|(APP|App|app|客户端|小程序)[^，。；]{0,10}(使用|注册|登录|上传)/),
    reason: '以 App 使用、注册、打卡作为考核依据：2026 年《政务移动互联网应用程序规范化管理办法》禁止考核通报安装使用率、强制打卡签到、以学习时长点赞转发为考评依据',
  },
  {
    kind: 'veto-without-basis',
    test: (text) => (/一票否决/.test(text) && !/(依据|根据|按照|按)《[^》]+》|法律|法规|条例/.test(text) ? '一票否决' : undefined),
    reason: '一票否决未写明依据：2019 年通知要求严格控制“一票否决”事项，需写明设定依据',
  },
  {
    kind: 'frequent-reporting',
    test: first(/每(周|日|天)[^，。；]{0,8}(报送|上报|报告|填报|报)|(报送|上报|填报)[^，。；]{0,6}每(周|日|天)/),
    reason: '要求每周或每日报送：2024 年规定不得频繁要求基层填表格报材料',
  },
];

export function burdenFlags(text: string): BurdenFlag[] {
  const out: BurdenFlag[] = [];
  for (const c of CHECKS) {
    const phrase = c.test(text);
    if (phrase) out.push({ kind: c.kind, phrase, reason: c.reason });
  }
  return out;
}

export const burdenKindNames: Record<BurdenKind, string> = {
  'leader-instruction': '领导批示',
  media: '媒体报道',
  'meetings-documents': '开会发文',
  'trace-evidence': '照片截图台账留痕',
  'app-usage': 'App 使用打卡',
  'veto-without-basis': '一票否决无依据',
  'frequent-reporting': '频繁报送',
};
