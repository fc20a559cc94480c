import { open, form, shot } from './zz-audit2-lib.mjs';
const { browser, page } = await open();
await form(page, { strategy: 'sma-cross', from: '2023-01-01', to: '2023-03-01' });
const say = async (tag) => { await page.waitForTimeout(800); const m = await page.locator('[data-testid="bt-search-error"], [data-testid="bt-run-error-msg"], .bt-form-message, [role=alert]').allInnerTexts(); console.log(tag, JSON.stringify(m)); const inv = await page.locator('[aria-invalid=true]').evaluateAll(e=>e.map(x=>x.getAttribute('data-testid'))); console.log('  invalid:', inv); await shot(page, 'err-'+tag); };
// 1. bad range
await page.getByTestId('bt-range-fast').fill('abc');
await page.getByTestId('bt-search-run').click(); await say('badrange');
// 2. grid too large
await page.getByTestId('bt-range-fast').fill('1:1000');
await page.getByTestId('bt-range-slow').fill('2:100');
await page.getByTestId('bt-search-run').click(); await say('toolarge');
// 3. no candles
await page.getByTestId('bt-range-fast').fill('5|10');
await page.getByTestId('bt-range-slow').fill('30|50');
await page.getByTestId('bt-from').fill('2030-01-01'); await page.getByTestId('bt-to').fill('2030-02-01');
await page.getByTestId('bt-search-run').click(); await say('nocandles');
await page.getByTestId('bt-run').click(); await say('run-nocandles');
// 4. too many folds
await page.getByTestId('bt-from').fill('2023-01-01'); await page.getByTestId('bt-to').fill('2023-01-03');
await page.getByTestId('bt-search-walk').check();
await page.getByTestId('bt-search-folds').fill('40');
await page.getByTestId('bt-search-run').click(); await say('folds');
// 5. from > to
await page.getByTestId('bt-search-walk').uncheck();
await page.getByTestId('bt-from').fill('2023-03-01'); await page.getByTestId('bt-to').fill('2023-01-01');
await page.getByTestId('bt-run').click(); await say('fromto');
// 6. holdout 100
await page.getByTestId('bt-from').fill('2023-01-01'); await page.getByTestId('bt-to').fill('2023-03-01');
await page.getByTestId('bt-search-holdout').fill('100');
await page.getByTestId('bt-search-run').click(); await say('holdout');
// 7. slow < fast in range entirely
await page.getByTestId('bt-search-holdout').fill('25');
await page.getByTestId('bt-range-fast').fill('50|60');
await page.getByTestId('bt-range-slow').fill('10|20');
await page.getByTestId('bt-search-run').click(); await say('refused-pairs');
await page.waitForTimeout(3000);
console.log(await page.getByTestId('bt-search').innerText().catch(()=>'-'));
await shot(page, 'err-refused-pairs2');
await browser.close();
