import { chromium } from 'playwright-core';
const [pdf, pg, zoom, left, top, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const p2 = await browser.newPage({ viewport: { width: 1300, height: 800 } });
await p2.goto(`file://${pdf}#page=${pg}&zoom=${zoom},${left},${top}&toolbar=0`); await p2.waitForTimeout(3000);
await p2.screenshot({ path: out }); await browser.close();
