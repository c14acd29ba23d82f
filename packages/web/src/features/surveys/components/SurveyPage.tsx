import { InboxOutlined } from '@ant-design/icons';
import type { ApiIssue, ResponseOf } from '@kaohe/contract/api';
import type { surveyApi } from '@kaohe/contract/api/survey';
import { Alert, Breadcrumb, Card, Descriptions, Progress, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points } from '../../../components/ui/Points';
import { ApiError } from '../../../lib/api-client';
import { compareDecimal } from '../../../lib/format';
import { useSchemeClauses, useSurveySummary, useUploadSurvey } from '../api/survey-api';

type Summary = ResponseOf<typeof surveyApi.summary>;
type UnitRow = Summary['units'][number];
export type SurveyIssue = { key: string; sheet: string; row: string; column: string; message: string };

/** `工作表!12.得分` → sheet, row 12, column 得分 (the survey import names each bad cell this way). */
export const surveyIssues = (issues: ApiIssue[]): SurveyIssue[] =>
  issues.map((issue, i) => {
    const m = /^(.*)!(\d+)\.(.+)$/.exec(issue.path);
    return { key: String(i), sheet: m?.[1] ?? '', row: m?.[2] ?? '', column: m?.[3] ?? issue.path, message: issue.message };
  });

/** The rater groups and their weights, as the clause's rule sets them (read off the summary). */
const groupsOf = (summary: Summary) => [...new Map(summary.units.flatMap((u) => u.groups.map((g) => [g.group, g.weight] as const))).entries()];

/** 满意度测评: choose the survey clause, import responses (.xlsx, all rows or none, errors per row), read each unit's group averages, weights and score. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const clauseKey = search.get('clause') ?? undefined;
  const clauses = useSchemeClauses(id);
  const summary = useSurveySummary(id, clauseKey);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useUploadSurvey(id, setProgress);
  const issues = upload.error instanceof ApiError ? surveyIssues(upload.error.issues) : [];
  const data = upload.data ?? summary.data;
  const options = [...clauses.rows].sort((a, b) => Number(b.text.includes('满意')) - Number(a.text.includes('满意'))).map((c) => ({ value: c.clauseCode, label: `${c.clauseCode} ${c.indicatorPath}${c.text.includes('满意') ? '（满意度）' : ''}` }));
  const groups = data ? groupsOf(data) : [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '满意度测评' }]} />
      <Card title="满意度测评">
        <ErrorAlert error={clauses.error} />
        <Space wrap style={{ marginBottom: 16 }}>
          <span>测评条款</span>
          <Select showSearch optionFilterProp="label" style={{ width: 360 }} placeholder="选择满意度测评条款" value={clauseKey} loading={clauses.isLoading} onChange={(clause) => (upload.reset(), setProgress(null), setSearch({ clause }))} options={options} />
        </Space>
        {!clauseKey && <EmptyState title="请先选择满意度测评条款（规则类型为满意度测评的条款），再导入测评结果。" />}
        {clauseKey && (
          <>
            <Upload.Dragger
              accept=".xlsx"
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                setProgress(0);
                upload.mutate({ clauseKey, file });
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖拽测评结果 .xlsx 到此处上传</p>
              <p className="ant-upload-hint">表头：被测评单位、评价群体、得分（可另有 测评人）。任一行有误则全部不导入；导入成功后替换该条款原有的测评数据。</p>
            </Upload.Dragger>
            {progress !== null && upload.isPending && <Progress percent={progress} size="small" />}
            {upload.isSuccess && <Alert type="success" showIcon style={{ marginTop: 12 }} message={`已导入 ${upload.data.responses} 份测评，平均满意度已写为该条款的测评事实。`} />}
            <div style={{ marginTop: 12 }}>
              {upload.error && issues.length === 0 && <ErrorAlert error={upload.error} />}
              {issues.length > 0 && (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Alert type="error" showIcon message={`文件有 ${issues.length} 处错误，未导入任何数据。请修改后重新上传。`} />
                  <Table<SurveyIssue> rowKey="key" size="small" dataSource={issues} pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 条` }} columns={[{ title: '工作表', dataIndex: 'sheet', width: 110 }, { title: '行号', dataIndex: 'row', width: 70, align: 'right' }, { title: '列', dataIndex: 'column', width: 110 }, { title: '原因', dataIndex: 'message' }]} />
                </Space>
              )}
              {summary.error && !upload.data && <ErrorAlert error={summary.error} />}
            </div>
          </>
        )}
      </Card>
      {data && (
        <Card title={`测评汇总：${data.clauseKey}（有效测评 ${data.responses} 份）`}>
          <Descriptions size="small" title="评价群体与权重" column={{ xs: 1, sm: 3 }} items={groups.map(([group, weight]) => ({ key: group, label: group, children: <Points value={weight} /> }))} />
          <ListTable<UnitRow>
            rowKey="unitCode"
            bordered
            dataSource={data.units}
            scroll={{ x: 300 + groups.length * 240 }}
            empty="尚无测评数据。请上传测评结果 .xlsx。"
            columns={[
              { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 140, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
              ...groups.map(([group]) => ({
                title: group,
                key: group,
                children: [
                  { title: '份数', key: `${group}-n`, width: 60, align: 'right' as const, className: 'kh-num', render: (_v: unknown, r: UnitRow) => r.groups.find((g) => g.group === group)?.responses ?? 0 },
                  { title: '平均（%）', key: `${group}-avg`, width: 90, align: 'right' as const, className: 'kh-num', render: (_v: unknown, r: UnitRow) => <Points value={r.groups.find((g) => g.group === group)?.average || null} /> },
                  { title: '折算', key: `${group}-part`, width: 80, align: 'right' as const, className: 'kh-num', render: (_v: unknown, r: UnitRow) => <Points value={r.groups.find((g) => g.group === group)?.part} /> },
                ],
              })),
              { title: '测评得分', dataIndex: 'score', width: 100, align: 'right', className: 'kh-num', sorter: (a, b) => compareDecimal(a.score, b.score), render: (v: string) => <Points value={v} /> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
