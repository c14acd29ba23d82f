import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { scoreBuckets } from './score-buckets';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** 得分分布: how many units' totals fall in each whole-point range (exact ranges, see score-buckets). */
export default function ScoreChart({ totals }: { totals: string[] }) {
  const buckets = useMemo(() => scoreBuckets(totals), [totals]);
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: buckets.map((b) => b.label), name: '分', axisLabel: { interval: 0, rotate: buckets.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1, name: '单位数' },
      series: [{ type: 'bar', data: buckets.map((b) => b.count), barMaxWidth: 40, label: { show: true, position: 'top' } }],
      textStyle: { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
      animation: false,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [buckets]);
  return <div ref={element} style={{ height: 220, width: '100%' }} role="img" aria-label={`得分分布：${buckets.map((b) => `${b.label} 分 ${b.count} 个`).join('，')}`} />;
}
