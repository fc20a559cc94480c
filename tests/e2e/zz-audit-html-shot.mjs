import { chromium } from 'playwright-core';
const names = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
for (const n of names) {
  for (const w of [1366, 1920]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, offline: true });
    const page = await ctx.newPage();
    const reqs = [], errs = [];
    page.on('request', r => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) reqs.push(r.url()); });
    page.on('console', m => { if (m.type() === 'error' || m.type()==='warning') errs.push(m.type()+': '+m.text()); });
    page.on('pageerror', e => errs.push('pageerror: ' + e.message));
    const t0 = Date.now();
    await page.goto('file:///tmp/audit-html/' + n + '.html', { waitUntil: 'load' });
    const t1 = Date.now();
    // overflow checks
    const ov = await page.evaluate(() => {
      const out = [];
      const dw = document.documentElement.clientWidth;
      out.push('scrollWidth=' + document.documentElement.scrollWidth + ' client=' + dw + ' height=' + document.documentElement.scrollHeight);
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > dw + 1 && r.width > 0) {
          // skip if inside a scrolling box
          let p = el.parentElement, clipped = false;
          while (p) { const cs = getComputedStyle(p); if (/(auto|scroll|hidden)/.test(cs.overflowX)) { const pr = p.getBoundingClientRect(); if (pr.right <= dw + 1) { clipped = true; break; } } p = p.parentElement; }
          if (!clipped) out.push('overflow: ' + el.tagName + '.' + el.className + ' right=' + Math.round(r.right) + ' ' + (el.textContent||'').slice(0,60).replace(/\s+/g,' '));
        }
      }
      return out.slice(0, 15);
    });
    await page.screenshot({ path: `/tmp/audit-html/${n}-${w}.png`, fullPage: true });
    console.log(n, w, 'load ms', t1 - t0, 'reqs', JSON.stringify(reqs), 'errs', JSON.stringify(errs));
    console.log('  ' + ov.join('\n  '));
    if (w === 1366) {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: `/tmp/audit-html/${n}.pdf`, format: 'A4', printBackground: false });
      await page.screenshot({ path: `/tmp/audit-html/${n}-print.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
