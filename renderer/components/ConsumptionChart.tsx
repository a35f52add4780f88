import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import type uPlot from 'uplot';
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
const HEIGHT = 240;

/**
 * The last twelve months of a metered bill's service as a small bar chart (uPlot on a canvas),
 * this month in the strong colour, the change against last month in words, and a table with the
 * same figures for screen readers (the canvas itself is hidden from them).
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
  const history = consumptionHistory(bill, bills);
  const key = history.map((h) => `${h.month}:${h.quantity ?? ''}`).join(',');

  useEffect(() => {
    const target = box.current;
    if (target === null) return;
    let plot: uPlot | null = null;
    let active = true;
    const draw = (UPlot: typeof uPlot): void => {
      const xs = history.map((_, i) => i);
      const last = history.length - 1;
      const others = history.map((h, i) => (i === last ? null : h.quantity));
      const now = history.map((h, i) => (i === last ? h.quantity : null));
      const bars = UPlot.paths.bars?.({ size: [0.7, 48] });
      plot = new UPlot(
        {
          width: Math.max(320, target.clientWidth),
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false, range: [-0.5, last + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
          axes: [
            { values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && history[i] ? shortMonth(history[i].month, locale) : '')), splits: () => xs, font: '18px sans-serif', stroke: '#3b4350' },
            { font: '16px sans-serif', stroke: '#3b4350', size: 64 },
          ],
          series: [{}, { fill: BAR, stroke: BAR, paths: bars, points: { show: false } }, { fill: BAR_NOW, stroke: BAR_NOW, paths: bars, points: { show: false } }],
        },
        [xs, others, now],
        target,
      );
    };
    import('./uplot-chart')
      .then(({ uPlot: UPlot }) => {
        if (active) draw(UPlot);
      })
      .catch(() => {
        // No canvas here (a test DOM): the words and the table below carry the same facts.
      });
    return () => {
      active = false;
      plot?.destroy();
    };
    // `key` stands for `history`, which is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, locale]);

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
      <div className="consumption-plot" ref={box} aria-hidden="true" />
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
