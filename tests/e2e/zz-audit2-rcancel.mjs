import { open, form, shot } from './zz-audit2-lib.mjs';
const { browser, page } = await open();
await form(page, { strategy: 'sma-cross', from: '2019-12-24', to: '2024-01-08' });
await page.getByTestId('bt-mode').selectOption('conservative');
await page.getByTestId('bt-rearm').fill('1');
await page.getByTestId('bt-monte-carlo').fill('100000');
await page.getByTestId('bt-run').click();
const row = page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]').first();
for (let i = 0; i < 600; i++) { const t = await page.getByTestId('bt-progress').first().innerText().catch(()=>''); const m = /(\d+)%/.exec(t); if (m && Number(m[1]) >= 10) break; await page.waitForTimeout(30); }
console.log('before cancel:', (await row.innerText()).replace(/\s+/g, ' '));
await shot(page, 'rc-progress');
await row.getByRole('button', { name: 'Cancel' }).click();
await page.waitForTimeout(3000);
console.log('after cancel:', (await row.innerText()).replace(/\s+/g, ' '), await row.getAttribute('data-status'));
await shot(page, 'rc-done');
await browser.close();
