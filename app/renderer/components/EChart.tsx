import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what the console's charts use, so the bundle stays small. SVG, not canvas: it scales
// crisply and needs nothing the page's CSP (no inline styles, no eval) forbids.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type EChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

const FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/**
 * One chart: draws `option` in a box that fills its parent's width at `heightPx`, redraws it
 * when the box changes size, speaks the UI language (echarts' own texts), and is disposed on
 * unmount. The tooltip is drawn inside the SVG (richText): an HTML tooltip would carry inline
 * style attributes the CSP refuses.
 */
export function EChart(props: { option: EChartOption; heightPx: number; testId?: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'EN' : 'ZH';

  // The locale is fixed at init: a language switch makes a new chart.
  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const instance = echarts.init(el, null, { renderer: 'svg', locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { fontFamily: FONT }, animation: false, ...props.option, tooltip: { ...(props.option.tooltip as TooltipComponentOption | undefined), renderMode: 'richText' } },
      { notMerge: true },
    );
  }, [props.option, locale]);

  return <div ref={box} className="echart-box" role="img" aria-label={props.label} data-testid={props.testId} style={{ height: props.heightPx }} />;
}
