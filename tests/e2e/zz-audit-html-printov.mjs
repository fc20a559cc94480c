import { chromium } from 'playwright-core';
const names = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
for (const n of names) for (const w of [718, 1366]) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 } });
  await page.emulateMedia({ media: w === 718 ? 'print' : 'screen' });
  await page.goto('file:///tmp/audit-html/' + n + '.html');
  const r = await page.evaluate(() => {
    const dw = document.documentElement.clientWidth, out = [];
    out.push('scrollW ' + document.documentElement.scrollWidth);
    for (const el of document.querySelectorAll('table, svg, div, p, h1, h2')) {
      const b = el.getBoundingClientRect();
      if (b.right > dw + 1 || b.left < -1) out.push(el.tagName + '.' + el.className + ' L' + Math.round(b.left) + ' R' + Math.round(b.right) + ' ' + (el.textContent || '').slice(0, 50).replace(/\s+/g, ' '));
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'svg') out.push('inner-scroll ' + el.tagName + '.' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
    }
    return out.slice(0, 12);
  });
  console.log(n, w, r.join('\n   '));
  await page.close();
}
await browser.close();
