// A value that changes at most once per interval: the last price ticks many times a second in a fast
// replay, and a market order sized from it would otherwise ask for a new preview on every tick.
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const lastSet = useRef(0);
  latest.current = value;
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastSet.current + ms - Date.now();
    const set = () => {
      lastSet.current = Date.now();
      setShown(latest.current);
    };
    if (wait <= 0 || shown === null) {
      set();
      return;
    }
    const timer = setTimeout(set, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
