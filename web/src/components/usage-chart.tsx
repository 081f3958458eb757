import { formatCents, formatDay } from './format';
import { useElementWidth } from './use-element-width';

export interface UsagePoint {
  /** Milliseconds since the epoch. */
  at: number;
  /** Spending so far in the period, in cents. */
  cents: number;
}

export interface UsageChartProps {
  periodStart: number;
  periodEnd: number;
  now: number;
  points: UsagePoint[];
  softLimitCents: number | null;
  hardLimitCents: number | null;
  /** What the line is (the summary and the legend say it): `spending` unless told. */
  label?: string;
  testId?: string;
}

const WIDE = 640;
const PAD = { left: 64, right: 16, top: 16, bottom: 36 };

/**
 * Cumulative spending (or earnings) across a period as a step line, with the soft and hard limits
 * drawn across it. Plain SVG drawn at the width it is shown at (one unit is one CSS pixel), so
 * its labels keep their font size on a phone instead of shrinking with a scaled-down picture.
 */
export function UsageChart({ periodStart, periodEnd, now, points, softLimitCents, hardLimitCents, label = 'spending', testId = 'usage-chart' }: UsageChartProps) {
  const { ref, width: measured } = useElementWidth<HTMLElement>(WIDE);
  const width = Math.max(measured, 240);
  const height = width < 480 ? 220 : 260;
  const used = points.at(-1)?.cents ?? 0;
  const top = Math.max(used, softLimitCents ?? 0, hardLimitCents ?? 0, 10) * 1.15;
  const span = Math.max(periodEnd - periodStart, 1);
  const x = (at: number) => PAD.left + ((Math.min(Math.max(at, periodStart), periodEnd) - periodStart) / span) * (width - PAD.left - PAD.right);
  const y = (cents: number) => height - PAD.bottom - (cents / top) * (height - PAD.top - PAD.bottom);

  let line = `M${x(periodStart)},${y(0)}`;
  for (const point of points) line += ` H${x(point.at)} V${y(point.cents)}`;
  line += ` H${x(now)}`;
  const area = `${line} V${y(0)} Z`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => Math.round(top * share));
  const summary =
    `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} ${formatCents(used)} so far this period` +
    (softLimitCents !== null ? `, soft limit ${formatCents(softLimitCents)}` : '') +
    (hardLimitCents !== null ? `, hard limit ${formatCents(hardLimitCents)}` : '') +
    `, from ${formatDay(new Date(periodStart).toISOString())} to ${formatDay(new Date(periodEnd).toISOString())}.`;

  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary} data-testid={testId}>
        {ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end">
              {formatCents(tick)}
            </text>
          </g>
        ))}
        <path d={area} className="chart-area" />
        <path d={line} className="chart-line" data-testid="usage-line" />
        {softLimitCents !== null && <Limit width={width} y={y(softLimitCents)} label={`soft ${formatCents(softLimitCents)}`} kind="soft" />}
        {hardLimitCents !== null && <Limit width={width} y={y(hardLimitCents)} label={`hard ${formatCents(hardLimitCents)}`} kind="hard" />}
        <line className="chart-now" x1={x(now)} x2={x(now)} y1={PAD.top} y2={height - PAD.bottom} />
        <text className="chart-axis" x={PAD.left} y={height - 12}>
          {formatDay(new Date(periodStart).toISOString())}
        </text>
        <text className="chart-axis" x={width - PAD.right} y={height - 12} textAnchor="end">
          {formatDay(new Date(periodEnd).toISOString())}
        </text>
      </svg>
      <figcaption>
        <span className="legend legend-usage">{label}</span>
        {softLimitCents !== null && <span className="legend legend-soft">soft limit</span>}
        {hardLimitCents !== null && <span className="legend legend-hard">hard limit</span>}
        <span className="legend legend-now">now</span>
      </figcaption>
    </figure>
  );
}

function Limit({ width, y, label, kind }: { width: number; y: number; label: string; kind: 'soft' | 'hard' }) {
  return (
    <g className={`chart-limit chart-limit-${kind}`} data-testid={`limit-${kind}`}>
      <line x1={PAD.left} x2={width - PAD.right} y1={y} y2={y} />
      <text x={width - PAD.right - 4} y={y - 6} textAnchor="end">
        {label}
      </text>
    </g>
  );
}
