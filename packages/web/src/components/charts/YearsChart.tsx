import { useChart } from './use-chart';

/**
 * 跨年度比较: one unit's score per mapped indicator in two years, as paired bars. The bars are
 * drawn from the decimal text (a picture); the exact figures are in the table beside it.
 */
export default function YearsChart({ years, rows }: { years: [number, number]; rows: { name: string; before: string | null; after: string | null }[] }) {
  const value = (v: string | null) => (v === null ? null : Number(v));
  const element = useChart({
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '得分' },
    series: [
      { name: `${years[0]} 年`, type: 'bar', data: rows.map((r) => value(r.before)), barMaxWidth: 32 },
      { name: `${years[1]} 年`, type: 'bar', data: rows.map((r) => value(r.after)), barMaxWidth: 32 },
    ],
  });
  return <div ref={element} style={{ height: 300, width: '100%' }} role="img" aria-label={`跨年度得分：${rows.map((r) => `${r.name} ${r.before ?? '—'} → ${r.after ?? '—'}`).join('，')}`} />;
}
