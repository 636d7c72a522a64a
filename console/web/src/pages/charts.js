/** Chart.js, tree-shaken to bar charts only; loaded only by the statistics page. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours with at least 3:1 contrast on white (non-text contrast), told apart by the legend's text too. */
export const PALETTE = ['#1f5fa8', '#b3261e', '#2e7d32', '#8a4b00', '#6a1b9a', '#00696f'];

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{labels: string[], datasets: {label: string, data: (number|null)[]}[], percent?: boolean, stacked?: boolean, locale: string}} spec
 */
export function barChart(canvas, spec) {
  const format = spec.percent
    ? new Intl.NumberFormat(spec.locale, { style: 'percent', maximumFractionDigits: 1 })
    : new Intl.NumberFormat(spec.locale, { maximumFractionDigits: 1 });
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d, i) => ({
        ...d,
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        borderWidth: 1,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: !!spec.stacked, ticks: { color: '#1b1b1b', autoSkip: false, maxRotation: 60 } },
        y: {
          stacked: !!spec.stacked,
          beginAtZero: true,
          max: spec.percent ? 1 : undefined,
          ticks: { color: '#1b1b1b', precision: spec.percent ? undefined : 0, callback: (value) => format.format(value) },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: '#1b1b1b' } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? '—' : format.format(ctx.raw)}` } },
      },
    },
  });
}
