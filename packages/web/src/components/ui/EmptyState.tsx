import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** An empty list that says what to do next. */
export function EmptyState({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={title}>
      {action}
    </Empty>
  );
}
