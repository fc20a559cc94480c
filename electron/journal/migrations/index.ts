// Every journal migration, oldest first. To change the schema, add `NNN-what.ts` exporting a
// Migration with the next version number and append it here; never edit a released one.
import type { Migration } from './migration.ts';
import { candles } from './001-candles.ts';
import { settings } from './002-settings.ts';
import { trading } from './003-trading.ts';
import { audit } from './004-audit.ts';
import { candleBlocks } from './005-candle-blocks.ts';
import { backtestRuns } from './006-backtest-runs.ts';
import { parameterSearches } from './007-parameter-searches.ts';
import { borrowInterest } from './008-borrow-interest.ts';
import { orderTags } from './009-order-tags.ts';
import { borrowRateChanges } from './010-borrow-rate-changes.ts';
import { balanceAdjustments } from './011-balance-adjustments.ts';
import { fillsByTime } from './012-fills-by-time.ts';
import { cancelledSearchOutcomes } from './013-cancelled-search-outcomes.ts';
import { endedJobProgress } from './014-ended-job-progress.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [candles, settings, trading, audit, candleBlocks, backtestRuns, parameterSearches, borrowInterest, orderTags, borrowRateChanges, balanceAdjustments, fillsByTime, cancelledSearchOutcomes, endedJobProgress];
