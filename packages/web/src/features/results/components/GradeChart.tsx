import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

// tree-shaken: only the bar chart, its grid and tooltip, drawn on canvas
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** 等次分布: how many units of the group got each grade. */
export default function GradeChart({ counts }: { counts: { name: string; value: number }[] }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 220 }}
      option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: counts.map((c) => c.name) },
        yAxis: { type: 'value', minInterval: 1, name: '单位数' },
        series: [{ type: 'bar', data: counts.map((c) => c.value), barMaxWidth: 48, label: { show: true, position: 'top' } }],
        textStyle: { fontFamily: '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
      }}
    />
  );
}
