import { useCountChart } from './use-chart';

/** 等次分布: how many units of the group got each grade. */
export default function GradeChart({ counts }: { counts: { name: string; value: number }[] }) {
  const element = useCountChart(
    counts.map((c) => c.name),
    counts.map((c) => c.value),
  );
  return <div ref={element} style={{ height: 220, width: '100%' }} role="img" aria-label={`等次分布：${counts.map((c) => `${c.name} ${c.value} 个`).join('，')}`} />;
}
