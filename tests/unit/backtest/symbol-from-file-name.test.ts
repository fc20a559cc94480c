// keel backtest --data FILE without --symbol reads the market from the file's name: its rules and the quote
// asset the account must hold come from it, so a prefix naming where the file came from must not become
// the market (nautilus_btc-perp-… is BTC, not NAUTILUS/BTC, whose every order the USDT account refuses).
import { describe, expect, it } from 'vitest';
import { symbolFromFileName } from '../../../shared/domain/symbol-from-file-name.ts';

describe('the market in a candle file name', () => {
  it.each([
    // The files in ../shared/data, as a trader would pass them.
    ['../shared/data/nautilus_btc-perp-20211231-20220201_1m.csv', 'BTC/USDT'],
    ['../shared/data/binanceus_BTCUSDT_1m_20230301_20230321.csv', 'BTC/USDT'],
    ['/data/binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv', 'ETH/USDT'],
    ['freqtrade_XRP_ETH-trades.json.gz', 'XRP/ETH'],
    // The exchange's one-word spelling, the pair spelled apart, perpetuals, digits in a ticker.
    ['BTCUSDT_1h.csv', 'BTC/USDT'],
    ['ethbtc-4h.csv', 'ETH/BTC'],
    ['BUSDUSDT.csv', 'BUSD/USDT'],
    ['btc_usdt-1m.csv', 'BTC/USDT'],
    ['SOL-USD 2024.csv', 'SOL/USD'],
    ['kraken_ETH-PERP_5m.csv', 'ETH/USDT'],
    ['bybit-sol-swap-1h.csv', 'SOL/USDT'],
    ['1000PEPEUSDT-1m-2024-01.csv', '1000PEPE/USDT'],
    ['C:\\Users\\me\\Downloads\\BNBUSDT-1d.csv', 'BNB/USDT'],
    // A word two quotes can end: the coin of three letters or more (before, Kraken's XBTUSD was XB/TUSD,
    // quoted in TUSD), else the longer quote; a two-letter coin where nothing else fits.
    ['XBTUSD_60.csv', 'XBT/USD'],
    ['DOTUSD_1h.csv', 'DOT/USD'],
    ['FETUSD_1h.csv', 'FET/USD'],
    ['BTCTUSD-1m.csv', 'BTC/TUSD'],
    ['SOLBUSD.csv', 'SOL/BUSD'],
    ['OPUSDT-1h.csv', 'OP/USDT'],
    ['ARUSD.csv', 'AR/USD'],
  ])('%s → %s', (file, symbol) => {
    expect(symbolFromFileName(file)).toBe(symbol);
  });

  it.each(['candles.csv', 'export-2024-01-01_1m.csv', 'usdt.csv', 'my_backtest_data.json'])('%s holds no market', (file) => {
    expect(symbolFromFileName(file)).toBeNull();
  });
});
