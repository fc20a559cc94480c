import { open, form, shot } from './zz-audit2-lib.mjs';
const [,, tag, strategy, from, to, rangesJson, objective, method='grid', trials='', extra='{}'] = process.argv;
const { browser, page } = await open();
await form(page, { strategy, from, to });
const ex = JSON.parse(extra);
if (ex.rearm) await page.getByTestId('bt-rearm').fill(ex.rearm);
if (ex.tp) await page.getByTestId('bt-take-profit').fill(ex.tp);
if (ex.sl) await page.getByTestId('bt-stop-loss').fill(ex.sl);
for (const [k, v] of Object.entries(ex.params ?? {})) await page.locator(`label:has(> span:text-is("${k}")) input`).first().fill(v);
for (const label of ex.compare ?? []) await page.getByTestId('bt-compare').getByLabel(label, { exact: true }).check();
if (ex.portfolio) await page.getByTestId('bt-portfolio').check();
for (const [i, w] of (ex.weights ?? []).entries()) await page.getByTestId('bt-weights').locator('input').nth(i).fill(w);
if (ex.cancelAt) globalThis.cancelAt = ex.cancelAt;
console.log('markets line:', await page.getByTestId('bt-search-markets').innerText().catch(()=>'-'));
const ranges = JSON.parse(rangesJson);
for (const [k, v] of Object.entries(ranges)) await page.getByTestId(`bt-range-${k}`).fill(v);
await page.getByTestId('bt-search-method').selectOption(method);
if (method === 'random') await page.getByTestId('bt-search-trials').fill(trials);
await page.getByTestId('bt-search-objective').selectOption(objective);
if (ex.folds) { await page.getByTestId('bt-search-walk').check(); await page.getByTestId('bt-search-folds').fill(ex.folds); if (ex.isRatio) await page.getByTestId('bt-search-is-ratio').fill(ex.isRatio); if (ex.anchored) await page.getByTestId('bt-search-anchored').check(); }
if (ex.holdout) await page.getByTestId('bt-search-holdout').fill(ex.holdout);
await page.getByTestId('bt-search-run').click();
const search = page.getByTestId('bt-search');
let shotProgress = false;
let pshots=0;
for (let i = 0; i < 2400; i++) {
  if (shotProgress && pshots < 3 && i % 8 === 0) { pshots++; await shot(page, `${tag}-progress${pshots}`); console.log('progress:', await page.getByTestId('bt-search-progress').innerText().catch(()=>'-'), '|', await page.locator('.bt-detail-head').first().innerText().catch(()=>'')); }
  const st = await search.getAttribute('data-status').catch(() => null);
  if (!shotProgress && (await page.getByTestId('bt-search-progress').count())) { await shot(page, `${tag}-progress`); shotProgress = true; console.log('progress:', await page.getByTestId('bt-search-progress').innerText()); }
  if (st === 'done' || st === 'failed' || st === 'cancelled') break;
  await page.waitForTimeout(250);
}
console.log('status', await search.getAttribute('data-status'));
const err = await page.getByTestId('bt-search-error').textContent().catch(()=>null); if (err) console.log('ERR', err);
await page.waitForTimeout(500);
console.log(await search.innerText());
await shot(page, `${tag}`);
await search.scrollIntoViewIfNeeded();
await shot(page, `${tag}-full`, true);
await browser.close();
