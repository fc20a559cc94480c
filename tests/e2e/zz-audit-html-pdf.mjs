import { chromium } from 'playwright-core';
const [n, margin='0'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto('file:///tmp/audit-html/' + n + '.html');
await page.pdf({ path: `/tmp/audit-html/${n}-m${margin}.pdf`, format: 'A4', margin: { top: margin, bottom: margin, left: margin, right: margin } });
const p2 = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
try { await p2.goto(`file:///tmp/audit-html/${n}-m${margin}.pdf`); await p2.waitForTimeout(2500); await p2.screenshot({ path: `/tmp/audit-html/${n}-m${margin}-pdfview.png` }); console.log('ok'); } catch (e) { console.log('pdf view failed', e.message.slice(0,200)); }
await browser.close();
