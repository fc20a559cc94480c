import { chromium } from 'playwright-core';
const [n, secPrefix, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 718, height: 900 }, deviceScaleFactor: 2 });
await page.emulateMedia({ media: 'print' });
await page.goto('file:///tmp/audit-html/' + n + '.html');
const box = await page.evaluate((p) => {
  const hs = [...document.querySelectorAll('h2')]; const i = hs.findIndex(h => h.textContent.startsWith(p));
  const y = hs[i].getBoundingClientRect().top + scrollY; const y2 = hs[i+1] ? hs[i+1].getBoundingClientRect().top + scrollY : document.documentElement.scrollHeight;
  return { y, h: y2 - y };
}, secPrefix);
await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: box.y, width: 718, height: Math.min(box.h, 700) } });
await browser.close();
