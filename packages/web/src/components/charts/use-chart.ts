import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// tree-shaken: only the bar chart, its grid and tooltip, drawn on canvas
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A bar chart of categories → counts in the element returned, redrawn when the data change and on resize. */
export function useCountChart(categories: string[], counts: number[], xAxis: Record<string, unknown> = {}, bottom = 28) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom },
      xAxis: { type: 'category', data: categories, ...xAxis },
      yAxis: { type: 'value', minInterval: 1, name: '单位数' },
      series: [{ type: 'bar', data: counts, barMaxWidth: 48, label: { show: true, position: 'top' } }],
      textStyle: { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
      animation: false,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
    // the arrays are rebuilt by the caller on each render: redraw only when their content changes
  }, [JSON.stringify(categories), JSON.stringify(counts), JSON.stringify(xAxis), bottom]);
  return element;
}
