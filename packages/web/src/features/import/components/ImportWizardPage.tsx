import type { SchemeTreeClause } from '@kaohe/contract/api/scheme-editor';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, List, Popconfirm, Progress, Result, Row, Space, Steps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSchemeTree } from '../../../components/scheme/scheme-queries';
import { SchemeTreeEditor } from '../../../components/scheme/SchemeTreeEditor';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { useAuth } from '../../../lib/auth';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { usePublishScheme, useSchemeUpload } from '../api/import-api';
import { ReviewStep } from './ReviewStep';
import { UploadStep } from './UploadStep';

const stepTitles = ['上传', '导入', '识别结果', '待复核', '方案检查', '发布'];

/**
 * 方案导入向导: upload → the import job's progress (the upload is in the address, so the page can be
 * left and opened again) → the recognised tree beside each clause's sentence → the needs-review
 * clauses to correct or confirm → the lint findings → publishing the version.
 */
export function ImportWizardPage() {
  const { id = '' } = useParams();
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const [search, setSearch] = useSearchParams();
  const uploadId = search.get('upload');
  const upload = useSchemeUpload(uploadId);
  const view = upload.data;
  const done = view?.job.status === 'succeeded';
  const tree = useSchemeTree(done ? (view?.schemeId ?? undefined) : undefined);
  const publish = usePublishScheme(id);
  const { can } = useAuth();
  const [chosen, setChosen] = useState<number | null>(null);
  const [clause, setClause] = useState<SchemeTreeClause | null>(null);
  const step = !uploadId ? 0 : !done ? 1 : (chosen ?? (view!.needsReview.length > 0 ? 3 : 2));
  const open = (next: string | null) => {
    setChosen(null);
    setClause(null);
    setSearch(next ? { upload: next } : {});
  };
  const lintErrors = tree.data?.lint.filter((l) => l.severity === 'error').length ?? 0;
  const published = tree.data?.status === 'published';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '方案导入' }]} />
      <Card title="方案导入" extra={uploadId && <Button onClick={() => open(null)}>上传其他文件</Button>}>
        <Steps
          size="small"
          current={step}
          onChange={done ? (n) => n >= 2 && setChosen(n) : undefined}
          items={stepTitles.map((title, i) => ({ title: i === 3 && view ? `${title}（${view.needsReview.length}）` : title, disabled: !done || i < 2 }))}
          style={{ marginBottom: 16 }}
        />
        <ErrorAlert error={upload.error} />
        {step === 0 && <UploadStep assessmentId={id} onOpen={open} />}
        {step === 1 && view && (
          <div data-testid="import-progress">
            <p>
              {view.originalName}：{view.job.statusName}
              {view.job.stage ? `（${view.job.stage}）` : ''}
            </p>
            <Progress percent={view.job.progress} status={view.job.status === 'failed' ? 'exception' : 'active'} />
            {view.job.status === 'failed' && <Alert type="error" showIcon message={`导入失败：${view.job.error ?? '原因不明'}`} description="请按提示修改文件后重新上传。" action={<Button onClick={() => open(null)}>重新上传</Button>} />}
            {view.job.status !== 'failed' && <p className="kh-muted">导入在后台进行，可以离开本页，稍后从“上传记录”打开查看。</p>}
          </div>
        )}
        {step === 2 && view && (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="文件">{view.originalName}</Descriptions.Item>
              <Descriptions.Item label="方案版本">第 {view.schemeVersion} 版（草稿）</Descriptions.Item>
              <Descriptions.Item label="编译情况" span={2}>
                <span data-testid="coverage">{view.coverage}</span>
              </Descriptions.Item>
              <Descriptions.Item label="识别出的单位" span={2}>
                {view.units.length ? view.units.join('、') : '方案中没有列出被考核单位'}
              </Descriptions.Item>
            </Descriptions>
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                {tree.data ? <SchemeTreeEditor nodes={tree.data.nodes} selectedClause={clause?.code ?? null} onSelectClause={(c) => setClause(c)} /> : <ErrorAlert error={tree.error} />}
              </Col>
              <Col xs={24} xl={10}>
                {clause ? (
                  <Card size="small" title={`条款 ${clause.code}`}>
                    <div className="kh-source">{clause.text}</div>
                    {clause.source && <p className="kh-muted">出处：{clause.source}</p>}
                    <p>
                      <b>识别为：</b>
                      {clause.ruleText}
                    </p>
                    {clause.status === 'needs-review' && <Tag color="orange">待复核：{clause.reviewReason}</Tag>}
                  </Card>
                ) : (
                  <EmptyState title="点左侧条款编码，对照原文查看识别出的规则。" />
                )}
              </Col>
            </Row>
          </>
        )}
        {step === 3 && view && <ReviewStep upload={view} tree={tree.data} />}
        {step === 4 && view && (
          <>
            <List
              size="small"
              header={`方案检查（${tree.data?.lint.length ?? 0} 项）`}
              dataSource={tree.data?.lint ?? []}
              locale={{ emptyText: '方案检查未发现问题。' }}
              renderItem={(i) => <List.Item><Tag color={i.severity === 'error' ? 'red' : 'orange'}>{i.severity === 'error' ? '错误' : '提示'}</Tag>{i.message}</List.Item>}
            />
            <List size="small" header={`导入报告中的问题（${view.issues.length} 项）`} dataSource={view.issues} locale={{ emptyText: '导入报告没有问题。' }} renderItem={(i) => <List.Item><Tag>{i.severity}</Tag>{i.message}</List.Item>} />
          </>
        )}
        {step === 5 && view && (
          <div data-testid="publish-step">
            {published || publish.isSuccess ? (
              <Result status="success" title={`方案第 ${view.schemeVersion} 版已发布`} subTitle="计算结果将使用这一版本。" extra={<Link to={`/assessments/${id}/scheme`}><Button>查看方案</Button></Link>} />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <ErrorAlert error={publish.error} />
                {view.needsReview.length > 0 && <Alert type="warning" showIcon message={`还有 ${view.needsReview.length} 条条款待复核，复核后才能发布。`} action={<Button onClick={() => setChosen(3)}>去复核</Button>} />}
                {lintErrors > 0 && <Alert type="error" showIcon message={`方案检查有 ${lintErrors} 项错误，请先修正。`} />}
                <Alert type="info" showIcon message="发布前，方案中的单位须已在系统中建立。" action={<Link to={`/assessments/${id}/units?scheme=${view.schemeId}`}><Button>从方案建立单位</Button></Link>} />
                {can('scheme:publish') && (
                  <Popconfirm title="确定要发布此方案版本吗？发布后不可修改。" okText="发布" cancelText="取消" onConfirm={() => publish.mutate(view.schemeId!)}>
                    <Button type="primary" disabled={view.needsReview.length > 0} loading={publish.isPending}>
                      发布方案
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
          </div>
        )}
      </Card>
    </Space>
  );
}
