import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// tree-shaken: only the bar chart, its grid, tooltip and legend, drawn on canvas
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const textStyle = { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };

/**
 * An ECharts chart in the element returned: drawn with `option` (tooltip by axis, the system's
 * Chinese fonts, no animation), redrawn when the option's content changes, resized with the window.
 */
export function useChart(option: Record<string, unknown>) {
  const element = useRef<HTMLDivElement>(null);
  // the option is rebuilt by the caller on each render: redraw only when its content changes
  const content = JSON.stringify(option);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({ tooltip: { trigger: 'axis' }, textStyle, animation: false, ...(JSON.parse(content) as Record<string, unknown>) });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [content]);
  return element;
}

/** A bar chart of categories → counts (units) in the element returned. */
export function useCountChart(categories: string[], counts: number[], xAxis: Record<string, unknown> = {}, bottom = 28) {
  return useChart({
    grid: { left: 40, right: 16, top: 24, bottom },
    xAxis: { type: 'category', data: categories, ...xAxis },
    yAxis: { type: 'value', minInterval: 1, name: '单位数' },
    series: [{ type: 'bar', data: counts, barMaxWidth: 48, label: { show: true, position: 'top' } }],
  });
}
