import { useLayoutEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import { assertNever } from '../../shared/assert-never';
import type { Bill, Locale } from '../../shared/domain';
import { formatMonth } from '../../shared/dates';
import { formatInteger } from '../i18n/format';
import { useLocale, useT } from '../i18n/I18nProvider';
import { consumptionHistory, monthOverMonth } from './consumption-history';
import type { Change, MonthUse } from './consumption-history';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An axis label short enough for twelve under a small chart: `T11` / `Nov`. */
function shortMonth(month: string, locale: Locale): string {
  const m = Number(month.slice(5, 7));
  return locale === 'vi' ? `T${m}` : (EN_MONTHS[m - 1] ?? month);
}

const BAR = '#8fa9c9';
const BAR_NOW = '#0a4fa3';
const INK = '#3b4350';
const GRID = '#e3e6eb';
const HEIGHT = 240;
/** Never drawn narrower than this, as with uPlot before: twelve month labels need the room. */
const MIN_WIDTH = 320;
/** Room for the value labels on the left, the month labels below, the unit above. */
const PAD = { left: 64, right: 12, top: 32, bottom: 36 };

/**
 * Gridline values: whole round steps (1, 2 or 5 times a power of ten) from 0 up to the first one
 * at or above the largest bar plus a tenth, so the tallest bar never touches the top.
 */
export function yTicks(max: number): number[] {
  const top = Math.max(1, max) * 1.1;
  const rough = top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((f) => f * power >= rough) ?? 10) * power);
  const ticks: number[] = [0];
  while ((ticks.at(-1) ?? 0) < top) ticks.push(ticks.length * step);
  return ticks;
}

/**
 * The last twelve months of a metered bill's service as a small bar chart (an SVG drawn here),
 * this month in the strong colour, the change against last month in words, and a table with the
 * same figures for screen readers (the drawing itself is hidden from them).
 */
export type ConsumptionChartProps = {
  bill: Bill;
  /** The resident's bills: the chart takes the same service's from them. */
  bills: readonly Bill[];
  /** The meter's unit in words (kWh, m³). */
  measure: string;
};

export function ConsumptionChart({ bill, bills, measure }: ConsumptionChartProps): JSX.Element | null {
  const t = useT();
  const { locale } = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(MIN_WIDTH);
  const history = consumptionHistory(bill, bills);

  // Drawn to the box's width in pixels, so text keeps its size on any screen; again if the box changes.
  useLayoutEffect(() => {
    const target = box.current;
    if (target === null) return undefined;
    const fit = (): void => setWidth(Math.max(MIN_WIDTH, Math.floor(target.clientWidth)));
    fit();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(fit);
    observer.observe(target);
    return () => observer.disconnect();
  }, []);

  if (bill.consumption === null) return null;
  const change = monthOverMonth(history);
  return (
    <section className="consumption-chart" data-testid="consumption-chart" aria-labelledby="consumption-chart-title">
      <h3 id="consumption-chart-title" className="section-title">
        {t('payments:chart.title')}
      </h3>
      <p className="consumption-change" data-testid="consumption-change" data-change={change.kind}>
        <ChangeText change={change} />
      </p>
      <div className="consumption-plot" ref={box} aria-hidden="true">
        <Bars history={history} width={width} locale={locale} measure={measure} />
      </div>
      <p className="consumption-legend" aria-hidden="true">
        <span className="consumption-swatch" /> {t('payments:chart.thisMonth')}
      </p>
      <table className="visually-hidden" data-testid="consumption-table">
        <caption>{t('payments:chart.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments:chart.month')}</th>
            <th scope="col">{t('payments:chart.use')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h: MonthUse) => (
            <tr key={h.month}>
              <th scope="row">{formatMonth(h.month, locale)}</th>
              <td>{h.quantity === null ? '—' : `${formatInteger(h.quantity, locale)} ${measure}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One bar per month (none where no reading exists), this month's in the strong colour. */
function Bars({ history, width, locale, measure }: { history: readonly MonthUse[]; width: number; locale: Locale; measure: string }): JSX.Element {
  const ticks = yTicks(Math.max(0, ...history.map((h) => h.quantity ?? 0)));
  const top = ticks.at(-1) ?? 1;
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, history.length);
  const barWidth = Math.min(slot * 0.7, 48);
  const y = (value: number): number => PAD.top + plotHeight * (1 - value / top);
  const last = history.length - 1;
  return (
    <svg className="consumption-svg" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} data-testid="consumption-svg" fill={INK}>
      <text x={PAD.left - 10} y={PAD.top - 14} textAnchor="end" fontSize={16}>
        {measure}
      </text>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} stroke={GRID} strokeWidth={1} />
          <text x={PAD.left - 10} y={y(v)} dy="0.35em" textAnchor="end" fontSize={16} data-testid="consumption-y-label">
            {formatInteger(v, locale)}
          </text>
        </g>
      ))}
      {history.map((h, i) => {
        const centre = PAD.left + slot * (i + 0.5);
        return (
          <g key={h.month}>
            {h.quantity === null ? null : (
              <rect
                x={centre - barWidth / 2}
                y={y(h.quantity)}
                width={barWidth}
                height={y(0) - y(h.quantity)}
                fill={i === last ? BAR_NOW : BAR}
                data-testid="consumption-bar"
                data-month={h.month}
                data-now={i === last ? 'true' : undefined}
              />
            )}
            <text x={centre} y={HEIGHT - 10} textAnchor="middle" fontSize={18} data-testid="consumption-x-label">
              {shortMonth(h.month, locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function ChangeText({ change }: { change: Change }): JSX.Element {
  const t = useT();
  switch (change.kind) {
    case 'more':
      return <>{t('payments:chart.more', { percent: change.percent })}</>;
    case 'less':
      return <>{t('payments:chart.less', { percent: change.percent })}</>;
    case 'same':
      return <>{t('payments:chart.same')}</>;
    case 'unknown':
      return <>{t('payments:chart.noPrevious')}</>;
    default:
      return assertNever(change, 'consumption change');
  }
}
