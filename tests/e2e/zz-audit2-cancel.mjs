import { open, form, shot } from './zz-audit2-lib.mjs';
const { browser, page } = await open();
await form(page, { strategy: 'sma-cross', from: '2020-01-01', to: '2023-12-31' });
await page.getByTestId('bt-range-fast').fill('2:50');
await page.getByTestId('bt-range-slow').fill('60:400:10');
await page.getByTestId('bt-search-objective').selectOption('return');
await page.getByTestId('bt-search-run').click();
const pct = async () => Number(/(\d+)%/.exec((await page.getByTestId('bt-search-progress').textContent().catch(() => '')) ?? '')?.[1] ?? 0);
let shots = 0;
for (let i = 0; i < 600; i++) { const p = await pct(); if (p >= 5 && shots === 0) { shots++; await shot(page, 'cx-progress'); console.log('head:', await page.locator('.bt-detail-head').first().innerText()); console.log('form:', await page.getByTestId('bt-search-progress').innerText()); } if (p >= 15) break; await page.waitForTimeout(200); }
const t0 = Date.now();
await page.getByTestId('bt-search-cancel').click();
const search = page.getByTestId('bt-search');
for (let i = 0; i < 200; i++) { if (await search.getAttribute('data-status').catch(()=>null) === 'cancelled' && await search.getAttribute('data-partial').catch(()=>null)) break; await page.waitForTimeout(200); }
console.log('cancel took', Date.now() - t0, 'ms; status', await search.getAttribute('data-status'), 'partial', await search.getAttribute('data-partial'));
await page.waitForTimeout(800);
const txt = await search.innerText();
console.log(txt.split('\n').slice(0, 20).join('\n'));
await shot(page, 'cx-done');
console.log(await page.getByTestId('bt-searches').locator('tbody tr').first().innerText());
// walk-forward cancel
await page.getByTestId('bt-range-fast').fill('2:30');
await page.getByTestId('bt-range-slow').fill('60:300:20');
await page.getByTestId('bt-search-walk').check();
await page.getByTestId('bt-search-folds').fill('6');
await page.getByTestId('bt-search-run').click();
for (let i = 0; i < 900; i++) { const p = await pct(); if (p >= 40) break; await page.waitForTimeout(200); }
await shot(page, 'cxwf-progress');
console.log('wf head:', await page.locator('.bt-detail-head').first().innerText().catch(()=>'-'));
await page.getByTestId('bt-search-cancel').click();
for (let i = 0; i < 200; i++) { if (await search.getAttribute('data-status').catch(()=>null) === 'cancelled') break; await page.waitForTimeout(200); }
await page.waitForTimeout(1500);
console.log((await search.innerText()).slice(0, 2500));
await shot(page, 'cxwf-done');
console.log(await page.getByTestId('bt-searches').locator('tbody tr').first().innerText());
await browser.close();
