import { open, shot } from './zz-audit2-lib.mjs';
const { browser, page } = await open();
await page.waitForTimeout(2000);
const rows = await page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]').evaluateAll(trs => trs.map(t => [t.getAttribute('data-run-id'), t.querySelector('input[type=checkbox]')?.checked, t.querySelector('td:nth-child(2)')?.innerText.replace(/\n/g,' ')]));
console.log(rows);
console.log(await page.getByTestId('bt-curve-keys').innerText().catch(()=>'-'));
await browser.close();
