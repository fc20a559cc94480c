// A small two-or-three-way switch (qty or risk sizing, trail by amount or percent).
export function Segmented<T extends string>({ value, options, onChange, testId, label }: { value: T; options: readonly { value: T; label: string; title?: string }[]; onChange: (v: T) => void; testId: string; label: string }) {
  return (
    <span className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button key={o.value} type="button" role="radio" aria-checked={value === o.value} className={value === o.value ? 'is-active' : ''} title={o.title} data-value={o.value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </span>
  );
}
