import type { SchemeTreeClause } from '@kaohe/contract/api/scheme-editor';
import { Alert, Breadcrumb, Button, Card, Col, List, Row, Select, Space, Spin, Tabs, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ClauseCalculator } from '../../../components/scheme/ClauseCalculator';
import { RuleEditor } from '../../../components/scheme/RuleEditor';
import { SchemeTreeEditor } from '../../../components/scheme/SchemeTreeEditor';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { useAuth } from '../../../lib/auth';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { isDecimal } from '../../../lib/decimal';
import { tryClause, useReviewClause, useSavePoints, useSchemeTree, useSchemeVersions } from '../api/scheme-editor-api';
import { SensitivityLabel } from '../../../components/labels/SensitivityLabel';

/**
 * 方案编辑: the indicator tree of one version with its points (editable on a draft, the sums checked
 * as one types), and for the clause picked: its sentence, its rule in Chinese, the rule to correct
 * or confirm, and a calculator that scores it on typed facts through the engine.
 */
export function SchemeEditorPage() {
  const { id = '' } = useParams();
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const [search, setSearch] = useSearchParams();
  const { can } = useAuth();
  const versions = useSchemeVersions(id);
  const latest = versions.data?.[versions.data.length - 1];
  const schemeId = search.get('scheme') ?? latest?.id;
  const tree = useSchemeTree(schemeId);
  const review = useReviewClause(schemeId);
  const save = useSavePoints(schemeId);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => setEdits({}), [schemeId]);
  const clause = useMemo<SchemeTreeClause | undefined>(() => tree.data?.nodes.flatMap((n) => n.clauses).find((c) => c.code === selected), [tree.data, selected]);
  const isDraft = tree.data?.status === 'draft';
  const canEdit = isDraft && can('scheme:write');
  const pending = Object.keys(edits).length;
  const badEdit = Object.values(edits).some((v) => !isDecimal(v));

  if (versions.isLoading) return <Spin />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '方案编辑' }]} />
      <ErrorAlert error={versions.error ?? tree.error ?? save.error} />
      {versions.data?.length === 0 ? (
        <Card title="方案编辑">
          <EmptyState title="尚无方案。请先上传方案文件（Word/Excel）导入。" action={<Link to={`/assessments/${id}/import`}><Button type="primary">导入方案</Button></Link>} />
        </Card>
      ) : (
        <>
          <Card size="small">
            <Space wrap>
              <span>方案版本</span>
              <Select
                style={{ width: 220 }}
                value={schemeId}
                onChange={(value) => setSearch({ scheme: value })}
                options={(versions.data ?? []).map((v) => ({ value: v.id, label: `第 ${v.version} 版（${v.status === 'published' ? '已发布' : '草稿'}）` }))}
              />
              {tree.data && <Tag color={isDraft ? 'blue' : 'green'}>{isDraft ? '草稿：可修改' : '已发布：不可修改，请新建版本'}</Tag>}
              {canEdit && (
                <Button type="primary" disabled={pending === 0 || badEdit} loading={save.isPending} onClick={() => save.mutate(edits, { onSuccess: () => setEdits({}) })}>
                  保存分值{pending > 0 ? `（${pending} 处）` : ''}
                </Button>
              )}
              {pending > 0 && <Button onClick={() => setEdits({})}>放弃修改</Button>}
              <Link to={`/assessments/${id}/import`}>导入新版本</Link>
            </Space>
            {save.isSuccess && pending === 0 && <Alert style={{ marginTop: 8 }} type="success" showIcon message="分值已保存。" />}
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card title={tree.data ? `${tree.data.title}（第 ${tree.data.version} 版）` : '指标树'} size="small" extra={schemeId && <SensitivityLabel objectType="scheme" objectId={schemeId} />}>
                {tree.isLoading ? <Spin /> : tree.data && <SchemeTreeEditor nodes={tree.data.nodes} edits={edits} onPointsChange={canEdit ? (code, points) => setEdits((e) => ({ ...e, [code]: points })) : undefined} selectedClause={selected} onSelectClause={(c) => setSelected(c.code)} />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title="条款" size="small">
                {!clause ? (
                  <EmptyState title="在左侧指标树中点一条条款编码，查看原文、规则说明并试算。" />
                ) : (
                  <Tabs
                    items={[
                      {
                        key: 'rule',
                        label: '规则',
                        children: (
                          <>
                            <ErrorAlert error={review.error} />
                            {review.isSuccess && <Alert style={{ marginBottom: 8 }} type="success" showIcon message={`已保存。仍待复核 ${review.data.remaining} 条。`} />}
                            <RuleEditor clause={clause} disabled={!canEdit} submitting={review.isPending} onSubmit={(change) => review.mutate({ clauseCode: clause.code, change })} />
                          </>
                        ),
                      },
                      { key: 'try', label: '试算', children: <ClauseCalculator key={clause.code} clause={clause} units={tree.data?.units ?? []} onTry={(body) => tryClause(schemeId!, clause.code, body)} /> },
                    ]}
                  />
                )}
              </Card>
            </Col>
          </Row>
          {tree.data && (
            <Card title={`方案检查（${tree.data.lint.length} 项）`} size="small">
              <List size="small" dataSource={tree.data.lint} locale={{ emptyText: '方案检查未发现问题。' }} renderItem={(i) => <List.Item><Tag color={i.severity === 'error' ? 'red' : 'orange'}>{i.severity === 'error' ? '错误' : '提示'}</Tag>{i.message}</List.Item>} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
