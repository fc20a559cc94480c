// `keel backtest --help`: what a trader reads before the first run. Every option on a line of its own, in
// groups, saying what it takes, what is valid and its default; wrapped to fit a terminal. The one-line
// usage (BACKTEST_USAGE) stays for the refusals of a mistyped command line.
import { TIMEFRAME_NAMES } from '../../../shared/domain/timeframe.ts';
import { OBJECTIVE_NAMES } from '../../backtest/objective.ts';

/** Where the descriptions start, and how wide a line may get. */
const FLAG_WIDTH = 28;
const WIDTH = 100;

type Group = [title: string, options: [flag: string, says: string][]];

const GROUPS = (): Group[] => [
  [
    'What to run',
    [
      ['--strategy NAME[,NAME]', 'a strategy below, or your own strategy file; several are compared side by side'],
      ['--params k=v,...', "the strategy's parameters (fast=10,slow=30; unnamed ones keep their defaults); give --params again to compare sets"],
    ],
  ],
  [
    'Candles',
    [
      ['--data FILE', 'a file keel import reads (candles or trades, CSV or JSON, plain or gzipped), without importing it; once per market'],
      ['--symbol S[,S...]', 'stored series instead (after keel import), with --timeframe'],
      ['--timeframe T', `${TIMEFRAME_NAMES.join(', ')}; longer than the candles: made from them`],
      ['--exchange E', "the stored series' exchange (default local); not with --data"],
      ['--from DATE', "the range's start: a UTC date (2024-03-01), a date-time with a zone (2024-03-01T12:00:00Z) or epoch ms; default the data's first bar"],
      ['--to DATE', 'its end, a date taking in its whole day; default the last bar'],
    ],
  ],
  [
    'Account and costs',
    [
      ['--mode M[,M...]', 'risk mode (default moderate): conservative, moderate, aggressive or custom; several are compared'],
      ['--capital N', 'starting capital, in what the market is quoted in (default 10000)'],
      ['--fee PCT', 'fee per fill in percent, 0.1 = 0.1% (default 0.1)'],
      ['--slippage BPS', "market orders' slippage in basis points (default 0)"],
      ['--direction D[,D...]', 'long, short or both (default long)'],
      ['--borrow-rate PCT', 'what shorts pay on what they borrow, percent a year (default 0)'],
      ['--position-pct N', "the custom mode's share of equity per position, percent (with --mode custom; default the account limits' share, 100%)"],
      ['--limits k=v,...', "risk limits moved for the run (maxDrawdownPct=30; closeOnLossLimit=true closes the positions at a daily-loss or drawdown breach; a wrong name lists them)"],
      ['--rearm-after DAYS', 'days after which a kill switch a drawdown pulled is re-armed (default never)'],
    ],
  ],
  [
    'Exits and fills',
    [
      ['--stop-loss PCT', "a stop on every entry, PCT% from its fill"],
      ['--trailing-stop PCT', 'a stop trailing the best price by PCT%, instead of --stop-loss'],
      ['--take-profit PCT', "a target on every entry, PCT% from its fill"],
      ['--detail TF', 'fill inside each bar along stored shorter bars (1m under 1h)'],
      ['--detail-data FILE', 'the same from a file of shorter bars (with --data)'],
    ],
  ],
  [
    'Parameter search',
    [
      ['--optimize grid|random', 'search the parameters over --grid, a holdout checking the best set'],
      ['--grid k=a:b[:step],k=x|y', 'the ranges to search (fast=5:30:5,slow=20|50|100)'],
      ['--trials N', 'how many sets --optimize random draws (default 50)'],
      ['--objective O', `what ranks the sets: ${OBJECTIVE_NAMES.join(', ')} (default sharpe)`],
      ['--holdout PCT', 'the last bars held out to check the best set, percent (default 25)'],
      ['--walk-forward N', 'walk forward over N folds instead of one holdout'],
      ['--is-ratio R', "each fold's in-sample length as a multiple of its out-of-sample one (default 3)"],
      ['--anchored', "every fold's in-sample stretch starts at the first bar"],
      ['--workers N', 'worker threads for several runs or a search (0: inline; default by the work and cores)'],
    ],
  ],
  [
    'Several markets and robustness',
    [
      ['--portfolio', 'trade every market given from one account, instead of one run per market'],
      ['--weights W,W,...', "the markets' relative shares of the account (with --portfolio; default equal)"],
      ['--monte-carlo N', "N simulations over the run's trades: bands on the return and max drawdown"],
      ['--seed N', 'fixes the draws of --monte-carlo and --optimize random (default 1)'],
    ],
  ],
  [
    'Reports (written only when the whole run succeeds)',
    [
      ['--json FILE', 'metrics, fills and equity as JSON'],
      ['--html FILE', 'one self-contained HTML report'],
      ['--trades-csv FILE', 'every trade, one row each'],
      ['--data-dir DIR', 'where the journal and your strategies are (default KEEL_DATA_DIR, else the platform\'s)'],
    ],
  ],
];

/** `text` in lines of at most `width`, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The whole help, `strategies` the names registered now and `own` the line about the trader's own. */
export function backtestHelp(strategies: readonly string[], own: string): string {
  const out = [
    'usage: keel backtest --strategy NAME (--data FILE | --symbol S --timeframe T) [options]',
    '',
    ...wrap('Runs strategies over candles through the same engine, risk gate and paper broker as paper trading, prints a summary table, and can write JSON and HTML reports.', WIDTH),
  ];
  for (const [title, options] of GROUPS()) {
    out.push('', `${title}:`);
    for (const [flag, says] of options) {
      const [first, ...rest] = wrap(says, WIDTH - FLAG_WIDTH);
      const head = `  ${flag}`;
      // A flag longer than its column starts its text on the next line.
      if (head.length > FLAG_WIDTH - 2) out.push(head, `${' '.repeat(FLAG_WIDTH)}${first}`);
      else out.push(`${head.padEnd(FLAG_WIDTH)}${first}`);
      for (const r of rest) out.push(`${' '.repeat(FLAG_WIDTH)}${r}`);
    }
  }
  out.push('', ...wrap(`strategies: ${strategies.join(', ')}`, WIDTH), ...wrap(own, WIDTH), 'see docs/backtest.md');
  return out.join('\n');
}
