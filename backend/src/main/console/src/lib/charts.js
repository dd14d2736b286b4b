// ECharts loads with the screens that chart, not at login.
export async function createChart(el) {
  const { init } = await import('./echarts-setup.js');
  const chart = init(el, null, { renderer: 'canvas' });
  new ResizeObserver(() => chart.resize()).observe(el);
  return chart;
}
