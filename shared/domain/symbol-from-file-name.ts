// The market a candle file holds, read from its name when the trader does not name it: `keel backtest
// --data`, `keel import` and the app's import (which shows it as a hint while the path is typed) all read
// it here. The market rules (step, tick, minimum order) and the quote asset the account must hold come
// from the symbol, so a wrong guess is not harmless. A backtest's account holds USDT: a file read as quoted
// in BTC has every order refused.
//
// Names seen in the wild: BTCUSDT_1h.csv and binance_futures_markprice_BTCUSDT_1h_….csv (the exchange's
// own spelling, one word), btc_usdt-1m.csv and XRP_ETH-trades.json.gz (spelled apart),
// btc-perp-20211231-20220201_1m.csv (a perpetual, which trades against the dollar), often behind a
// prefix naming where the file came from (nautilus_btc-perp-…: not the market NAUTILUS/BTC).

/** Quote assets a pair can end in, longest first where one ends another (USDT before USD). */
const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USD', 'BTC', 'ETH', 'BNB', 'EUR'];

/** Words after a coin that make it a perpetual contract: quoted in the dollar, kept in USDT here. */
const PERPETUAL = new Set(['PERP', 'PERPETUAL', 'SWAP']);


const ASSET = /^(?=.*[A-Z])[A-Z0-9]{2,10}$/;

/**
 * BTCUSDT, btc_usdt, BTC-PERP in a file name → BTC/USDT; null when the name holds no market. A pair
 * written as one word wins over one spelled apart (the exchange's spelling is the surest), and a
 * perpetual's coin over a word that merely stands before a quote asset.
 */
export function symbolFromFileName(name: string): string | null {
  const words = name
    .replace(/^.*[\\/]/, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
  for (const w of words) {
    const pair = joined(w);
    if (pair !== null) return pair;
  }
  for (let i = 0; i + 1 < words.length; i++) {
    if (PERPETUAL.has(words[i + 1]!) && isAsset(words[i]!)) return `${words[i]}/USDT`;
  }
  for (let i = 0; i + 1 < words.length; i++) {
    const [base, quote] = [words[i]!, words[i + 1]!];
    if (QUOTES.includes(quote) && isAsset(base) && base !== quote) return `${base}/${quote}`;
  }
  return null;
}

/**
 * A pair written as one word, split where a quote asset ends it. Two splits can fit: BTCTUSD is BTC/TUSD,
 * not BTCT/USD (the longer quote wins), but DOTUSD and Kraken's XBTUSD are DOT/USD and XBT/USD, not DO/TUSD
 * and XB/TUSD: a coin of two letters (OP, AR) is taken only where no split leaves three or more.
 */
function joined(w: string): string | null {
  let short: string | null = null;
  for (let cut = 2; cut <= Math.min(10, w.length - 3); cut++) {
    const base = w.slice(0, cut);
    const quote = w.slice(cut);
    if (!QUOTES.includes(quote) || !isAsset(base)) continue;
    if (base.length >= 3) return `${base}/${quote}`;
    short ??= `${base}/${quote}`;
  }
  return short;
}

/** A coin's ticker: letters (and digits, as in 1000PEPE), not a date, a count or a timeframe such as 1M. */
function isAsset(w: string): boolean {
  return ASSET.test(w) && !/^\d+[A-Z]?$/.test(w);
}
