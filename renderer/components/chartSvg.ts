import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

/** Paper is white whatever the app's theme: the light theme's text and line colours. */
const PRINT_COLORS = { fg: '#1b1f29', muted: '#656c7b', border: '#d5d9e0' };

function printTheme(font: string): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: PRINT_COLORS.border } },
    axisTick: { lineStyle: { color: PRINT_COLORS.border } },
    axisLabel: { color: PRINT_COLORS.muted },
    splitLine: { lineStyle: { color: PRINT_COLORS.border } },
  };
  return {
    backgroundColor: '#ffffff',
    textStyle: { color: PRINT_COLORS.fg, fontFamily: font },
    legend: { textStyle: { color: PRINT_COLORS.fg } },
    categoryAxis: axis,
    valueAxis: axis,
    pie: { label: { color: PRINT_COLORS.fg, textBorderWidth: 0 } },
  };
}

/**
 * Draws a chart to an SVG document without a DOM node (ECharts' server-side rendering, which
 * works in the browser too), in the light print theme: for the printed report, where a live
 * chart cannot go (the print copy lives outside the app, and paper has no dark mode).
 */
export function chartSvg(
  option: EChartsCoreOption,
  size: { width: number; height: number },
  font = 'sans-serif',
): string {
  // ECharts writes the family into a double-quoted style attribute without escaping it: a quoted
  // family name ("Segoe UI") would end the attribute and break the whole SVG document.
  const family = font.replace(/"/g, "'");
  const chart = echarts.init(null, printTheme(family), { renderer: 'svg', ssr: true, ...size });
  try {
    // No tooltips on paper (and none registered here).
    const { tooltip: _tooltip, ...still } = option as EChartsCoreOption & { tooltip?: unknown };
    chart.setOption({ ...still, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The SVG as an image source that prints everywhere (an <img> with a data URL). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
