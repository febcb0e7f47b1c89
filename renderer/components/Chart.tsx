import { useEffect, useRef, useState } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the pieces the dashboard uses (tree-shaken), drawn as SVG: sharp in print and in PDFs.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

export interface ChartClick {
  seriesId?: string;
  seriesName?: string;
  name?: string;
  dataIndex?: number;
}

/** The app's theme colours, read from the CSS variables so charts follow light and dark. */
function themeColors(): { fg: string; muted: string; border: string; panel: string; font: string } {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return {
    // ECharts measures text itself: it needs a real font family, not `inherit`.
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
    fg: v('--fg', '#1b1f29'),
    muted: v('--muted', '#6a7181'),
    border: v('--border', '#e3e6ec'),
    panel: v('--panel', '#ffffff'),
  };
}

function useThemeKey(): string {
  const [key, setKey] = useState(() => document.documentElement.dataset.theme ?? 'light');
  useEffect(() => {
    const obs = new MutationObserver(() => setKey(document.documentElement.dataset.theme ?? 'light'));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  return key;
}

/**
 * One ECharts chart. The option is the whole description (set with `notMerge`); clicks go to
 * `onClick` so a chart can open the conversations behind it. The chart is re-created when the
 * theme changes, with the theme's colours for text, axes and the tooltip.
 */
export function Chart({
  option,
  label,
  onClick,
  height = 220,
  testId,
}: {
  option: EChartsCoreOption;
  label: string;
  onClick?: (p: ChartClick) => void;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);
  const theme = useThemeKey();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, themeOf(themeColors()), { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as ChartClick));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(
      { animation: false, aria: { enabled: true, label: { description: label } }, ...option },
      { notMerge: true },
    );
  }, [option, label, theme]);

  return (
    <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height }} />
  );
}

/**
 * An ECharts theme from the app's colours: text, legends, axes and tooltips follow light and
 * dark (the chart is re-created with it when the theme changes).
 */
function themeOf(t: ReturnType<typeof themeColors>): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: t.border } },
    axisTick: { lineStyle: { color: t.border } },
    axisLabel: { color: t.muted },
    splitLine: { lineStyle: { color: t.border } },
  };
  return {
    textStyle: { color: t.fg, fontFamily: t.font },
    legend: { textStyle: { color: t.fg } },
    tooltip: { backgroundColor: t.panel, borderColor: t.border, textStyle: { color: t.fg } },
    categoryAxis: axis,
    valueAxis: axis,
    pie: { label: { color: t.fg, textBorderWidth: 0 } },
  };
}
