// The backtest page opened and its form filled as a trader fills it: strategy, series, dates and risk mode.
import type { Page } from 'playwright-core';

export interface FormRun {
  strategy: string;
  /** "exchange:symbol:timeframe" of a stored series. */
  series: string;
  from: string;
  to: string;
  mode: 'conservative' | 'moderate' | 'aggressive' | 'custom';
}

export async function fillBacktestForm(page: Page, url: string, run: FormRun): Promise<void> {
  await page.goto(url);
  await page.getByTestId('backtest-nav').click();
  await page.getByTestId('backtest-page').waitFor();
  await page.getByTestId('bt-strategy').selectOption(run.strategy);
  await page.getByTestId('bt-series').selectOption(run.series);
  await page.getByTestId('bt-from').fill(run.from);
  await page.getByTestId('bt-to').fill(run.to);
  await page.getByTestId('bt-mode').selectOption(run.mode);
}
