import type { ResponseOf } from '@kaohe/contract/api';
import type { calendarApi } from '@kaohe/contract/api';

type Window = ResponseOf<typeof calendarApi.windows>[number]['window'];
export const cadenceNames: Record<Window['cadence'], string> = { monthly: '每月', bimonthly: '每两月', quarterly: '每季度', 'half-yearly': '每半年', annual: '每年', 'one-off': '一次性' };

/**
 * A window's due rule in the words of a notice: 每季度，次月第 5 个工作日前（遇节假日顺延）. A window being
 * written may leave the cadence out: the server then takes the one the scheme states for the clause.
 */
export function describeWindow(w: Omit<Window, 'cadence'> & { cadence?: Window['cadence'] }): string {
  if (w.cadence === undefined) return `按方案写明的报送周期，${w.dueDay === undefined ? '截止日未定' : w.dayKind === 'business' ? `第 ${w.dueDay} 个工作日前` : `${w.dueDay} 日前`}${w.roll === 'none' ? '（遇节假日不顺延）' : '（遇节假日顺延）'}`;
  const roll = w.roll === 'none' ? '（遇节假日不顺延）' : '（遇节假日顺延）';
  if (w.cadence === 'annual' || w.cadence === 'one-off') {
    const name = w.cadence === 'one-off' && w.period ? `${w.period}，` : '';
    return `${cadenceNames[w.cadence]}，${name}${w.dueDate ? `${w.dueDate} 前` : '截止日未定'}${roll}`;
  }
  const month = w.dueIn === 'last-month' ? '当期最后一月' : '次月';
  const day = w.dueDay === undefined ? '截止日未定' : w.dayKind === 'business' ? `第 ${w.dueDay} 个工作日前` : ` ${w.dueDay} 日前`;
  return `${cadenceNames[w.cadence]}，${month}${day}${roll}`;
}
