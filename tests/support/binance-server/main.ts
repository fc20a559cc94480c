// Runs the local Binance-speaking server by hand, with its clock running, so a person (or Keel itself,
// pointed at it with the live source's `endpoints`) can watch a market move without the internet:
//
//   node tests/support/binance-server/main.ts [--port 9100] [--speed 60] [--start 2023-03-15T12:00:30Z] [--state exchange.json]
//
// --speed is market milliseconds per wall millisecond (60: a one-minute candle closes every second).
// --state keeps the test account (orders, trades, balances) in a file, so a restarted server is the same
// exchange. The signed API takes the key and secret printed at start (TEST_API_KEY, TEST_API_SECRET).
import { parseArgs } from 'node:util';
import { DEFAULT_START, startBinanceServer, TEST_API_KEY, TEST_API_SECRET } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    speed: { type: 'string', default: '1' },
    start: { type: 'string' },
    state: { type: 'string' },
  },
});
const start = values.start ? Date.parse(values.start) : DEFAULT_START;
if (!Number.isFinite(start)) throw new RangeError(`--start must be an ISO time, got ${values.start}`);
const speed = Number(values.speed);
if (!(speed > 0)) throw new RangeError(`--speed must be a number above 0, got ${values.speed}`);

const server = await startBinanceServer({ port: Number(values.port), startTime: start, account: values.state ? { stateFile: values.state } : undefined });
server.clock.run(speed);
process.stderr.write(
  `Binance-speaking test server on ${server.origin} (REST) and ${server.wsOrigin}/ws (streams); market clock ${new Date(start).toISOString()} at ${speed}x\n` +
    `Keel: new CcxtLiveSource({ exchange: 'binance', endpoints: { rest: '${server.origin}', ws: '${server.wsOrigin}' } })\n` +
    `Signed API: apiKey ${TEST_API_KEY}, secret ${TEST_API_SECRET}${values.state ? `; account state in ${values.state}` : ''}\n`,
);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
