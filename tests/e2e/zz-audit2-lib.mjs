import { chromium } from 'playwright-core';
import fs from 'node:fs';
export const URL = /Keel is running at (\S+)/.exec(fs.readFileSync('/tmp/audit-app2/serve.log','utf8'))[1];
export async function open(w=1366,h=768) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  page.on('pageerror', e => console.log('PAGEERROR', e.message));
  page.on('console', m => { if (m.type()==='error') console.log('CONSOLE', m.text()); });
  await page.goto(URL);
  await page.getByTestId('backtest-nav').click();
  await page.getByTestId('backtest-page').waitFor();
  return { browser, context, page };
}
export async function form(page, { strategy, series='local:BTC/USDT:1h', from, to, mode='moderate' }) {
  await page.getByTestId('bt-strategy').selectOption(strategy);
  await page.getByTestId('bt-series').selectOption(series);
  if (from) await page.getByTestId('bt-from').fill(from);
  if (to) await page.getByTestId('bt-to').fill(to);
  await page.getByTestId('bt-mode').selectOption(mode);
}
export const shot = (page, name, full=false) => page.screenshot({ path: `/tmp/audit-app2/${name}.png`, fullPage: full });
