import { open, form, shot } from './zz-audit2-lib.mjs';
const [,, tag, strategy, from, to, extra='{}'] = process.argv;
const ex = JSON.parse(extra);
const { browser, page } = await open(ex.w ?? 1366, ex.h ?? 768);
await form(page, { strategy, from, to, mode: ex.mode ?? 'moderate' });
if (ex.rearm) await page.getByTestId('bt-rearm').fill(ex.rearm);
if (ex.tp) await page.getByTestId('bt-take-profit').fill(ex.tp);
if (ex.sl) await page.getByTestId('bt-stop-loss').fill(ex.sl);
if (ex.mc !== undefined) await page.getByTestId('bt-monte-carlo').fill(ex.mc);
if (ex.seed) await page.getByTestId('bt-seed').fill(ex.seed);
for (const label of ex.compare ?? []) await page.getByTestId('bt-compare').getByLabel(label, { exact: true }).check();
if (ex.portfolio) await page.getByTestId('bt-portfolio').check();
for (const [i, w] of (ex.weights ?? []).entries()) await page.getByTestId('bt-weights').locator('input').nth(i).fill(w);
const before = await page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]').count();
await page.getByTestId('bt-run').click();
await page.waitForTimeout(300);
const err = await page.locator('.bt-form-message, [data-testid="bt-run-error"]').allInnerTexts().catch(()=>[]); if (err.length) console.log('MSG', err);
let shotP = 0;
for (let i = 0; i < 1200; i++) {
  const sts = await page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]').evaluateAll(trs => trs.map(t => t.getAttribute('data-status')));
  if (shotP < 2 && sts.some(s => s === 'running' || s === 'queued')) { shotP++; await shot(page, `${tag}-progress${shotP}`); console.log('progress', await page.getByTestId('bt-progress').allInnerTexts()); }
  if (sts.length > before && sts.every(s => s !== 'running' && s !== 'queued')) break;
  await page.waitForTimeout(200);
}
await page.waitForTimeout(1500);
console.log(await page.getByTestId('bt-runs').innerText());
console.log('MORE:', await page.getByTestId('bt-run-more').innerText().catch(()=>''));
await shot(page, tag);
for (const tab of ex.tabs ?? []) {
  await page.getByTestId('bt-tab-' + tab).click();
  await page.waitForTimeout(1200);
  await shot(page, `${tag}-${tab.replace(/\W+/g,'_')}`);
  console.log(`== TAB ${tab}:\n`, await page.locator('.bt-detail').first().innerText().catch(()=>'(none)'));
}
await browser.close();
