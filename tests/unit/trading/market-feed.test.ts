// The feed's fan-out of bars: subscribers with bar() get the numbers, subscribers with barAt() the feed's
// bar object; a bar from candle columns (barFrom) is the same bar; market time moves to the open, then to
// the close; a subscriber that pushes a bar of its own, or throws, does not change what the others get.
import { describe, expect, it } from 'vitest';
import { MarketFeed, type FeedBar } from '../../../electron/trading/market-feed.ts';

type Seen = [who: string, id: number, ts: number, o: number, h: number, l: number, c: number, v: number, d: number, clock: number];

function recorder(feed: MarketFeed, seen: Seen[], who: string, form: 'bar' | 'barAt', also?: (b: FeedBar) => void) {
  const price = () => {};
  const book = () => {};
  if (form === 'bar') {
    return feed.subscribe({ price, book, bar: (id, ts, o, h, l, c, v, d) => seen.push([who, id, ts, o, h, l, c, v, d, feed.clock.now()]) });
  }
  return feed.subscribe({
    price,
    book,
    bar: () => {
      throw new Error('barAt is the one called');
    },
    barAt: (id, b) => {
      seen.push([who, id, b.ts, b.o, b.h, b.l, b.c, b.v, b.durationMs, feed.clock.now()]);
      also?.(b);
    },
  });
}

describe('MarketFeed bars', () => {
  it('hands a bar to both kinds of subscriber in order, by numbers or from columns alike', () => {
    const feed = new MarketFeed();
    const seen: Seen[] = [];
    recorder(feed, seen, 'a', 'barAt');
    recorder(feed, seen, 'b', 'bar');
    const id = feed.symbols.id('BTC/USDT');
    feed.barById(id, 60_000, 10.5, 12.25, 9.75, 11, Number.NaN, 60_000);
    expect(feed.clock.now()).toBe(120_000);
    const cols = {
      t: Float64Array.of(0, 60_000),
      o: Float64Array.of(1, 10.5),
      h: Float64Array.of(1, 12.25),
      l: Float64Array.of(1, 9.75),
      c: Float64Array.of(1, 11),
      v: Float64Array.of(1, Number.NaN),
    };
    feed.barFrom(id, cols, 1, 60_000);
    expect(feed.clock.now()).toBe(120_000);
    const bar: Seen[] = [
      ['a', id, 60_000, 10.5, 12.25, 9.75, 11, Number.NaN, 60_000, 60_000],
      ['b', id, 60_000, 10.5, 12.25, 9.75, 11, Number.NaN, 60_000, 60_000],
    ];
    expect(seen).toEqual([...bar, ...bar]);
  });

  it('a subscriber that pushes a bar of its own: the subscribers after it still get the bar they are handed', () => {
    const feed = new MarketFeed();
    const seen: Seen[] = [];
    const id = feed.symbols.id('ETH/USDT');
    let pushes = 0;
    recorder(feed, seen, 'first', 'barAt', (b) => {
      // Two levels deep: a bar pushed while handing out a bar pushed while handing out a bar.
      if (pushes < 2) {
        pushes++;
        feed.barById(id, b.ts + 100, b.o + 1, b.h + 1, b.l + 1, b.c + 1, b.v + 1, 10);
      }
    });
    recorder(feed, seen, 'second', 'barAt');
    recorder(feed, seen, 'third', 'bar');
    feed.barById(id, 0, 1, 1, 1, 1, 1, 10);
    const row = (who: string, ts: number, x: number, clock: number): Seen => [who, id, ts, x, x, x, x, x, 10, clock];
    expect(seen).toEqual([
      row('first', 0, 1, 0),
      row('first', 100, 2, 100),
      row('first', 200, 3, 200),
      row('second', 200, 3, 200),
      row('third', 200, 3, 200),
      // Market time is where the pushed bar left it, as with any subscriber that moves it.
      row('second', 100, 2, 210),
      row('third', 100, 2, 210),
      row('second', 0, 1, 110),
      row('third', 0, 1, 110),
    ]);
    expect(feed.clock.now()).toBe(10);
  });

  it('a subscriber that throws stops that bar, and the bars after it reach everyone', () => {
    const feed = new MarketFeed();
    const seen: Seen[] = [];
    const id = feed.symbols.id('SOL/USDT');
    recorder(feed, seen, 'a', 'barAt', (b) => {
      if (b.ts === 0) throw new Error('boom');
    });
    recorder(feed, seen, 'b', 'barAt');
    expect(() => feed.barById(id, 0, 1, 1, 1, 1, 1, 10)).toThrow('boom');
    feed.barById(id, 10, 3, 4, 2, 3.5, 7, 10);
    feed.barById(id, 20, 3.5, 5, 3, 4.5, 8, 10);
    expect(seen).toEqual([
      ['a', id, 0, 1, 1, 1, 1, 1, 10, 0],
      ['a', id, 10, 3, 4, 2, 3.5, 7, 10, 10],
      ['b', id, 10, 3, 4, 2, 3.5, 7, 10, 10],
      ['a', id, 20, 3.5, 5, 3, 4.5, 8, 10, 20],
      ['b', id, 20, 3.5, 5, 3, 4.5, 8, 10, 20],
    ]);
    expect(feed.clock.now()).toBe(30);
  });

  it('an unsubscribed subscriber hears nothing more', () => {
    const feed = new MarketFeed();
    const seen: Seen[] = [];
    const stopA = recorder(feed, seen, 'a', 'bar');
    recorder(feed, seen, 'b', 'barAt');
    stopA();
    feed.barById(0, 0, 1, 1, 1, 1, 1, 10);
    expect(seen.map((s) => s[0])).toEqual(['b']);
  });
});

describe('MarketFeed: subscribers asleep', () => {
  it('an asleep subscriber hears no prices or bars but still gets books; awake again, it keeps its place in the order', () => {
    const feed = new MarketFeed();
    const heard: string[] = [];
    const sink = (who: string) => ({
      price: () => heard.push(`${who}:price`),
      bar: () => heard.push(`${who}:bar`),
      book: () => heard.push(`${who}:book`),
    });
    const a = sink('a');
    feed.subscribe(a);
    feed.subscribe(sink('b'));
    const id = feed.symbols.id('BTC/USDT');
    feed.sleep(a);
    feed.onPrice('BTC/USDT', 1, 10);
    feed.barById(id, 2, 10, 12, 9, 11, 1, 1);
    feed.onBook('BTC/USDT', [], []);
    expect(feed.lastPrice(id)).toBe(11);
    feed.wake(a);
    feed.onPrice('BTC/USDT', 3, 12);
    expect(heard).toEqual(['b:price', 'b:bar', 'a:book', 'b:book', 'a:price', 'b:price']);
    expect(feed.lastPrice(id)).toBe(12);
    expect(feed.lastPrice(feed.symbols.id('ETH/USDT'))).toBeNaN();
  });

  it('one that wakes or sleeps while a bar is handed out changes nothing for that bar: the hand-out goes on over the list it began with', () => {
    const feed = new MarketFeed();
    const heard: string[] = [];
    const late = { price: () => {}, bar: () => heard.push('late'), book: () => {} };
    const first = {
      price: () => {},
      book: () => {},
      bar: (_id: number, ts: number) => {
        heard.push('first');
        if (ts === 0) {
          // Seen from inside the bar, the feed's last price is already this bar's close.
          heard.push(`last=${feed.lastPrice(0)}`);
          feed.wake(late);
          feed.sleep(first);
        }
      },
    };
    const after = { price: () => {}, bar: () => heard.push('after'), book: () => {} };
    feed.subscribe(first);
    feed.subscribe(late);
    feed.subscribe(after);
    feed.sleep(late);
    feed.barById(0, 0, 1, 1, 1, 5, 1, 10);
    feed.barById(0, 10, 1, 1, 1, 6, 1, 10);
    expect(heard).toEqual(['first', 'last=5', 'after', 'late', 'after']);
  });

  it('states visited again (asleep, awake, asleep...) hand bars to the same subscribers each time, and a subscriber who joins or leaves meanwhile is counted', () => {
    const feed = new MarketFeed();
    const heard: string[] = [];
    const sink = (who: string) => ({ price: () => heard.push(`${who}:price`), bar: () => heard.push(who), book: () => {} });
    const a = sink('a');
    const b = sink('b');
    feed.subscribe(a);
    feed.subscribe(b);
    const round = () => {
      heard.length = 0;
      feed.barById(0, 0, 1, 1, 1, 1, 1, 1);
      return heard.join(',');
    };
    for (let k = 0; k < 3; k++) {
      feed.sleep(a);
      expect(round()).toBe('b');
      feed.wake(a);
      expect(round()).toBe('a,b');
      feed.sleep(b);
      expect(round()).toBe('a');
      feed.wake(b);
    }
    // Same sleep state as before, but a new subscriber: the list the state had before is not reused.
    feed.sleep(a);
    const leave = feed.subscribe(sink('c'));
    expect(round()).toBe('b,c');
    feed.wake(a);
    expect(round()).toBe('a,b,c');
    leave();
    feed.sleep(a);
    expect(round()).toBe('b');
    feed.onPrice('X', 1, 1);
    expect(heard).toEqual(['b', 'b:price']);
  });
});
