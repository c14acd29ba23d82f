import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { pagination as clerkPagination } from './table';

export type ListTableProps<T> = Omit<TableProps<T>, 'locale'> & {
  /** What the empty list says, and what to do next (house rule: an empty list is never blank). */
  empty: string;
  emptyAction?: ReactNode;
};

/**
 * The list every page shows: a compact antd table with the clerks' pagination (共 N 条, 10/20/50 per
 * page, the size remembered) and an empty state that says what to do. Props pass through to antd;
 * `size` and `pagination` can still be given.
 */
export function ListTable<T extends object>({ empty, emptyAction, size = 'small', pagination, ...rest }: ListTableProps<T>) {
  return (
    <Table<T>
      size={size}
      pagination={pagination === undefined ? clerkPagination() : pagination}
      locale={{ emptyText: <EmptyState title={empty} action={emptyAction} /> }}
      {...rest}
    />
  );
}
