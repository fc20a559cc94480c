import { chromium } from 'playwright-core';
const [n, w = '1366', media = 'screen'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: +w, height: 900 } });
await page.emulateMedia({ media });
await page.goto('file:///tmp/audit-html/' + n + '.html');
const boxes = await page.evaluate(() => {
  const hs = [...document.querySelectorAll('h1,h2')];
  const H = document.documentElement.scrollHeight;
  return hs.map((h, i) => { const y = h.getBoundingClientRect().top + scrollY; const y2 = i + 1 < hs.length ? hs[i+1].getBoundingClientRect().top + scrollY : H; return { t: h.textContent, y, h: y2 - y }; });
});
let i = 0;
for (const b of boxes) {
  const f = `/tmp/audit-html/${n}-${media}-${w}-s${String(i++).padStart(2,'0')}.png`;
  await page.screenshot({ path: f, fullPage: true, clip: { x: 0, y: Math.max(0,b.y - 5), width: +w, height: Math.min(Math.max(b.h, 20), 1400) } });
  console.log(f, b.t, Math.round(b.h));
}
await browser.close();
