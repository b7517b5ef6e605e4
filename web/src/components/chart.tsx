import { formatCount } from '../server.js';

export interface MonthBar {
  label: string;
  due: number;
  done: number;
}

/**
 * Completions month by month against the due dates of the same months, as
 * an SVG bar chart (a picture, with the figures in its text alternative).
 */
export function MonthChart(p: { months: MonthBar[]; title: string }) {
  const W = 640, H = 220, left = 30, bottom = 28, top = 10;
  const max = Math.max(1, ...p.months.map((m) => Math.max(m.due, m.done)));
  const step = (W - left - 10) / p.months.length;
  const bw = Math.max(4, step / 2 - 4);
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const ticks = [0, Math.ceil(max / 2), max];
  const desc = p.months.map((m) => `${m.label}: ${formatCount(m.done)} hoàn thành, ${formatCount(m.due)} đến hạn`).join('; ');
  return (
    <figure class="chart" data-testid="month-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${p.title}. ${desc}`} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W - 5} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 4} y={y(t) + 4} text-anchor="end" class="axis">{formatCount(t)}</text>
          </g>
        ))}
        {p.months.map((m, i) => {
          const x = left + i * step + 4;
          return (
            <g key={m.label}>
              <rect x={x} y={y(m.due)} width={bw} height={H - bottom - y(m.due)} class="bar-due"><title>{`${m.label}: ${formatCount(m.due)} hạn`}</title></rect>
              <rect x={x + bw + 2} y={y(m.done)} width={bw} height={H - bottom - y(m.done)} class="bar-done"><title>{`${m.label}: ${formatCount(m.done)} hoàn thành`}</title></rect>
              <text x={x + bw} y={H - bottom + 16} text-anchor="middle" class="axis">{m.label}</text>
            </g>
          );
        })}
      </svg>
      <figcaption class="legend"><i class="k-due" />Hạn hoàn thành trong tháng <i class="k-done" />Đã hoàn thành trong tháng</figcaption>
    </figure>
  );
}
