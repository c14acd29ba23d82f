import { useMemo } from 'react';
import { scoreBuckets } from './score-buckets';
import { useCountChart } from './use-chart';

/** 得分分布: how many units' totals fall in each whole-point range (exact ranges, see score-buckets). */
export default function ScoreChart({ totals }: { totals: string[] }) {
  const buckets = useMemo(() => scoreBuckets(totals), [totals]);
  const element = useCountChart(
    buckets.map((b) => b.label),
    buckets.map((b) => b.count),
    { name: '分', axisLabel: { interval: 0, rotate: buckets.length > 6 ? 30 : 0 } },
    40,
  );
  return <div ref={element} style={{ height: 220, width: '100%' }} role="img" aria-label={`得分分布：${buckets.map((b) => `${b.label} 分 ${b.count} 个`).join('，')}`} />;
}
