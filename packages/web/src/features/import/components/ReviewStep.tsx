import type { SchemeTreeView } from '@kaohe/contract/api/scheme-editor';
import type { SchemeUploadView } from '@kaohe/contract/api/scheme-upload';
import { Alert, Col, List, Row, Tag } from 'antd';
import { useState } from 'react';
import { RuleEditor, type EditableClause } from '../../../components/scheme/RuleEditor';
import { useReviewClause } from '../../../components/scheme/scheme-queries';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';

/** The sentence with each phrase the compiler could not read marked, so the clerk sees what is missing. */
function MarkedText({ text, unread }: { text: string; unread: string[] }) {
  const phrases = unread.filter((u) => u && text.includes(u));
  if (phrases.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  return (
    <>
      {text.split(pattern).map((part, i) => (phrases.includes(part) ? <mark key={i} title="未能读懂">{part}</mark> : <span key={i}>{part}</span>))}
    </>
  );
}

/** 待复核: each clause the import could not read in full, beside its sentence, to correct or confirm. */
export function ReviewStep({ upload, tree }: { upload: SchemeUploadView; tree: SchemeTreeView | undefined }) {
  const review = useReviewClause(upload.schemeId ?? undefined);
  const [selected, setSelected] = useState<string | null>(upload.needsReview[0]?.code ?? null);
  const item = upload.needsReview.find((c) => c.code === selected) ?? upload.needsReview[0];
  if (upload.needsReview.length === 0)
    return <EmptyState title={review.isSuccess ? '全部条款已复核。下一步：查看方案检查，然后发布方案。' : '没有待复核的条款。下一步：查看方案检查，然后发布方案。'} />;
  const fromTree = tree?.nodes.flatMap((n) => n.clauses).find((c) => c.code === item?.code);
  const clause: EditableClause | undefined = item && {
    code: item.code,
    text: item.text,
    points: fromTree?.points ?? null,
    rule: item.rule,
    ruleText: fromTree?.ruleText,
    categoryRules: fromTree?.categoryRules,
    status: 'needs-review',
    reviewReason: item.reason,
    source: item.source ?? fromTree?.source ?? null,
  };
  const readOnly = tree?.status === 'published';
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`还有 ${upload.needsReview.length} 条条款待复核：改写规则或确认解读后才能发布方案。`} />
        <List
          size="small"
          bordered
          dataSource={upload.needsReview}
          pagination={upload.needsReview.length > 10 ? { pageSize: 10, size: 'small', showTotal: (t) => `共 ${t} 条` } : false}
          renderItem={(c) => (
            <List.Item onClick={() => setSelected(c.code)} style={{ cursor: 'pointer', background: c.code === item?.code ? '#e6f4ff' : undefined }} data-testid={`review-item-${c.code}`}>
              <List.Item.Meta title={<><Tag color="orange">待复核</Tag>{c.code} {c.indicator}</>} description={c.reason} />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={15}>
        {item && clause && (
          <>
            <div className="kh-source" data-testid="review-sentence">
              <MarkedText text={item.text} unread={item.unread ?? []} />
            </div>
            {(item.unread?.length ?? 0) > 0 && (
              <p>
                未能读懂：{item.unread!.map((u) => <Tag key={u} color="red">{u}</Tag>)}
              </p>
            )}
            {item.suggestion && <Alert style={{ margin: '8px 0' }} type="info" showIcon message={`建议解读（须确认）：${item.suggestion}`} />}
            <ErrorAlert error={review.error} />
            <RuleEditor clause={clause} disabled={readOnly} submitting={review.isPending} onSubmit={(change) => review.mutate({ clauseCode: item.code, change }, { onSuccess: () => setSelected(null) })} />
          </>
        )}
      </Col>
    </Row>
  );
}
