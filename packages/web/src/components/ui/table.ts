import type { TablePaginationConfig } from 'antd';
import { readSetting, storageKeys, writeSetting } from '../../lib/storage';

/** Pagination as clerks know it: 共 N 条, 10/20/50 per page, the chosen size remembered. */
export function pagination(): TablePaginationConfig {
  const stored = Number(readSetting(storageKeys.pageSize));
  return {
    defaultPageSize: [10, 20, 50].includes(stored) ? stored : 20,
    pageSizeOptions: [10, 20, 50],
    showSizeChanger: true,
    showTotal: (total) => `共 ${total} 条`,
    onShowSizeChange: (_page, size) => writeSetting(storageKeys.pageSize, String(size)),
  };
}
