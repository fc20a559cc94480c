import { chromium } from 'playwright-core';
const [n, margin='10mm', ...pages] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto('file:///tmp/audit-html/' + n + '.html');
await page.pdf({ path: `/tmp/audit-html/${n}-m${margin}.pdf`, format: 'A4', margin: { top: margin, bottom: margin, left: margin, right: margin } });
for (const pg of pages) {
  const p2 = await browser.newPage({ viewport: { width: 900, height: 1250 } });
  await p2.goto(`file:///tmp/audit-html/${n}-m${margin}.pdf#page=${pg}&toolbar=0&view=FitH`); await p2.waitForTimeout(2500);
  await p2.screenshot({ path: `/tmp/audit-html/${n}-pdf-p${pg}.png` }); await p2.close();
}
await browser.close();
