import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// tree-shaken: only the bar chart, its grid and tooltip, drawn on canvas
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** 等次分布: how many units of the group got each grade. */
export default function GradeChart({ counts }: { counts: { name: string; value: number }[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: counts.map((c) => c.name) },
      yAxis: { type: 'value', minInterval: 1, name: '单位数' },
      series: [{ type: 'bar', data: counts.map((c) => c.value), barMaxWidth: 48, label: { show: true, position: 'top' } }],
      textStyle: { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
      animation: false,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [counts]);
  return <div ref={element} style={{ height: 220, width: '100%' }} role="img" aria-label={`等次分布：${counts.map((c) => `${c.name} ${c.value} 个`).join('，')}`} />;
}
