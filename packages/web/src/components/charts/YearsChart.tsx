import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * 跨年度比较: one unit's score per mapped indicator in two years, as paired bars. The bars are
 * drawn from the decimal text (a picture); the exact figures are in the table beside it.
 */
export default function YearsChart({ years, rows }: { years: [number, number]; rows: { name: string; before: string | null; after: string | null }[] }) {
  const element = useRef<HTMLDivElement>(null);
  const data = JSON.stringify([years, rows]);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const value = (v: string | null) => (v === null ? null : Number(v));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 64 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '得分' },
      series: [
        { name: `${years[0]} 年`, type: 'bar', data: rows.map((r) => value(r.before)), barMaxWidth: 32 },
        { name: `${years[1]} 年`, type: 'bar', data: rows.map((r) => value(r.after)), barMaxWidth: 32 },
      ],
      textStyle: { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
      animation: false,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  return <div ref={element} style={{ height: 300, width: '100%' }} role="img" aria-label={`跨年度得分：${rows.map((r) => `${r.name} ${r.before ?? '—'} → ${r.after ?? '—'}`).join('，')}`} />;
}
