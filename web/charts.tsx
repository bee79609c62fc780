// Simple charts as inline SVG rendered on the server: no chart library, no script, readable by screen readers
// (role="img" with a title, and the same numbers in a table beside it).
import type { FC } from 'hono/jsx';

export interface Bar {
  label: string;
  value: number;
  /** Optional second value drawn over the first (e.g. completed of planned, missed of all). */
  part?: number;
  tone?: 'danger' | 'ok';
}

const colours = { base: '#0b5cad', part: '#1d7a3a', danger: '#b3261e', ok: '#1d7a3a' };

/** Horizontal bars, one per label; long Chinese labels get their own line above the bar. */
export const BarChart: FC<{ title: string; bars: Bar[]; unit?: string; partLabel?: string }> = ({
  title,
  bars,
  unit = '件',
  partLabel,
}) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 46;
  const width = 420;
  const barW = width - 90;
  const height = bars.length * rowH + 10;
  return (
    <figure class="card">
      <figcaption>
        <strong>{title}</strong>
        {partLabel ? <span class="muted">（深色为{partLabel}）</span> : null}
      </figcaption>
      {bars.length === 0 ? (
        <p class="muted">暂无数据。</p>
      ) : (
        <svg
          class="chart"
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${title}：${bars.map((b) => `${b.label} ${b.value}${unit}`).join('，')}`}
        >
          <title>{title}</title>
          {bars.map((b, i) => {
            const y = i * rowH;
            const w = Math.max(2, Math.round((b.value / max) * barW));
            const pw = b.part !== undefined ? Math.round((b.part / max) * barW) : 0;
            return (
              <g>
                <text x="0" y={y + 15}>
                  {b.label}
                </text>
                <rect
                  x="0"
                  y={y + 21}
                  width={w}
                  height="16"
                  rx="2"
                  fill={b.tone ? colours[b.tone] : colours.base}
                  opacity={b.part !== undefined ? '0.35' : '1'}
                />
                {b.part !== undefined && pw > 0 ? (
                  <rect x="0" y={y + 21} width={pw} height="16" rx="2" fill={colours.part} />
                ) : null}
                <text x={w + 6} y={y + 35}>
                  {b.part !== undefined ? `${b.part}/${b.value}` : String(b.value)}
                  {unit}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
};
