// A row of tabs, each with an optional count: the trading dock's and the backtest page's. The caller
// keeps which one is active and draws its panel.
export interface TabSpec<T extends string> {
  id: T;
  label: string;
  /** Shown beside the label; null or absent: none. */
  count?: number | null;
  /** A count worth noticing (a run's notes: the kill switch, refused orders). */
  notice?: boolean;
}

export function TabBar<T extends string>(props: { tabs: readonly TabSpec<T>[]; active: T; onSelect: (id: T) => void; label: string; testIdPrefix: string; className?: string }) {
  const { tabs, active, onSelect } = props;
  return (
    <nav className={`tab-bar ${props.className ?? ''}`} role="tablist" aria-label={props.label}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          className={`tab ${active === t.id ? 'is-active' : ''} ${t.notice ? 'is-notice' : ''}`}
          data-testid={`${props.testIdPrefix}${t.id}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.count !== null && t.count !== undefined && <span className="tab-count">{t.count.toLocaleString('en-US')}</span>}
        </button>
      ))}
    </nav>
  );
}
