import type { HolidayList } from './business-days';
import cn2026 from './holidays/cn-2026.json';

/** The State Council's 2026 list (国务院办公厅 2025-11-04): the default an administrator copies and edits. */
export const holidaysCn2026: HolidayList = cn2026;
