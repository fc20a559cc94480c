// How a run's notes and errors stamp a bar: with its close, the run's clock when the strategy heard the
// bar, and the time a refusal, a kill switch or an order placed at that bar is stamped with; the words
// beside it say so ("bar 20, closed at …"). A bar stamped with its open beside a refusal stamped with the
// clock read as two bars an hour apart for one 1h bar.
import { isoTime } from '../../shared/domain/iso-time.ts';

/** The close of the bar opening at `open`, `barMs` long, as the notes write a time. */
export const barClose = (open: number, barMs: number): string => isoTime(open + barMs);
