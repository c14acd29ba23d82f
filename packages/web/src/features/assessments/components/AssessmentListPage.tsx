import type { AssessmentView } from '@kaohe/contract/api';
import { Button, Card, Input, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { useAuth } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { useAssessments } from '../api/list-assessments';

/** 考核年度: the assessments this account can see, newest year first. */
export function AssessmentListPage() {
  const { data, error, isLoading } = useAssessments();
  const { can } = useAuth();
  const [keyword, setKeyword] = useState('');
  const rows = useMemo(() => (data ?? []).filter((a) => !keyword || a.name.includes(keyword) || String(a.year).includes(keyword)), [data, keyword]);
  return (
    <Card title="考核年度">
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search placeholder="年度或考核名称" allowClear onSearch={setKeyword} style={{ width: 260 }} />
      </Space>
      <ListTable<AssessmentView>
        rowKey="id"
        loading={isLoading}
        dataSource={rows}
        scroll={{ x: 640 }}
        empty={keyword ? '没有符合条件的考核，请修改查询条件' : '尚无考核。考评办可用 kaohe 命令行导入方案新建考核年度。'}
        columns={[
          { title: '年度', dataIndex: 'year', width: 90, sorter: (a, b) => a.year - b.year, defaultSortOrder: 'descend' },
          { title: '考核名称', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: '创建日期', dataIndex: 'createdAt', width: 120, render: formatDate },
          {
            title: '操作',
            key: 'actions',
            width: 330,
            render: (_v, a) => (
              <Space size={0} wrap>
                {can('scheme:write') && (
                  <>
                    <Link to={`/assessments/${a.id}/import`}>
                      <Button type="link" size="small">导入方案</Button>
                    </Link>
                    <Link to={`/assessments/${a.id}/scheme`}>
                      <Button type="link" size="small">方案编辑</Button>
                    </Link>
                  </>
                )}
                {can('unit:from-scheme') && (
                  <Link to={`/assessments/${a.id}/units`}>
                    <Button type="link" size="small">单位</Button>
                  </Link>
                )}
                {can('result:read') && (
                  <Link to={`/assessments/${a.id}/results`}>
                    <Button type="link" size="small">查看结果与排名</Button>
                  </Link>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
