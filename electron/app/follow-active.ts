// An object that forwards every property to whichever target is current at the moment of the call. The
// trading and risk handlers are built once, at start-up, with one engine and one risk service; arming
// live trading switches what they act on without rebuilding the handler table (trading-mode-service.ts).
export function followActive<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_unused, prop) {
      const target = current();
      // The target as receiver: getters and methods that read #private fields work as on the object itself.
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
