import { open, shot } from './zz-audit2-lib.mjs';
const { browser, page } = await open();
await page.waitForTimeout(1000);
await shot(page, 'a-initial');
await shot(page, 'a-initial-full', true);
console.log(await page.getByTestId('bt-search-form').innerText());
await browser.close();
