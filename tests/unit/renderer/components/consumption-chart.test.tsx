// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bill } from '../../../../shared/domain';
import { ConsumptionChart, yTicks } from '../../../../renderer/components/ConsumptionChart';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import { bill } from '../fake-kiot';

afterEach(cleanup);

const elec = (month: string, quantity: number): Bill =>
  bill({ id: `e-${month}`, service: 'electricity', month, consumption: { unit: 'kWh', previousReading: 0, currentReading: quantity, quantity } });

function show(bills: Bill[], locale: 'vi' | 'en' = 'vi'): HTMLElement {
  render(
    <I18nProvider i18n={createI18n(locale)}>
      <ConsumptionChart bill={bills.at(-1)!} bills={bills} measure="kWh" />
    </I18nProvider>,
  );
  return screen.getByTestId('consumption-svg');
}

const texts = (svg: HTMLElement, testId: string): string[] => within(svg).queryAllByTestId(testId).map((e) => e.textContent ?? '');
const height = (bar: Element): number => Number(bar.getAttribute('height'));

describe('consumption chart drawing', () => {
  it('draws one bar per month with a reading, this month in the strong colour, with twelve month labels', () => {
    const svg = show([elec('2026-08', 100), elec('2026-10', 250), elec('2026-11', 500)]);
    const bars = within(svg).getAllByTestId('consumption-bar');
    expect(bars.map((b) => b.getAttribute('data-month'))).toEqual(['2026-08', '2026-10', '2026-11']);
    // Heights in proportion to the use: 100 : 250 : 500.
    expect(height(bars[1]!) / height(bars[0]!)).toBeCloseTo(2.5, 5);
    expect(height(bars[2]!) / height(bars[0]!)).toBeCloseTo(5, 5);
    expect(bars[2]!.getAttribute('data-now')).toBe('true');
    expect(bars[2]!.getAttribute('fill')).not.toBe(bars[0]!.getAttribute('fill'));
    expect(bars[0]!.getAttribute('data-now')).toBeNull();
    expect(texts(svg, 'consumption-x-label')).toEqual(['T12', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11']);
  });

  it('labels the value axis with round numbers in the locale, up past the tallest bar, under the unit', () => {
    const svg = show([elec('2026-10', 1_200), elec('2026-11', 2_800)]);
    expect(texts(svg, 'consumption-y-label')).toEqual(['0', '1.000', '2.000', '3.000', '4.000']);
    const unit = within(svg).getByText('kWh');
    expect(unit).toBeVisible();
    // Above the highest value label (a smaller y is higher up), aligned with the labels' column.
    const labels = within(svg).getAllByTestId('consumption-y-label');
    expect(Number(unit.getAttribute('y'))).toBeLessThan(Math.min(...labels.map((label) => Number(label.getAttribute('y')))));
    expect(unit.getAttribute('x')).toBe(labels[0]!.getAttribute('x'));
  });

  it('names the months in English in English', () => {
    const svg = show([elec('2026-10', 1_200), elec('2026-11', 2_800)], 'en');
    expect(texts(svg, 'consumption-x-label').slice(-3)).toEqual(['Sep', 'Oct', 'Nov']);
    expect(texts(svg, 'consumption-y-label').at(-1)).toBe('4,000');
  });

  it('is hidden from screen readers, which get the table instead', () => {
    show([elec('2026-11', 10)]);
    expect(screen.getByTestId('consumption-svg').closest('[aria-hidden="true"]')).not.toBeNull();
    expect(within(screen.getByTestId('consumption-table')).getAllByRole('row')).toHaveLength(13);
  });
});

describe('yTicks', () => {
  it.each([
    [0, [0, 1, 2]],
    [17, [0, 5, 10, 15, 20]],
    [280, [0, 100, 200, 300, 400]],
    [312, [0, 100, 200, 300, 400]],
    [90, [0, 50, 100]],
  ])('for a tallest bar of %i: %j', (max, expected) => {
    expect(yTicks(max)).toEqual(expected);
  });
});
