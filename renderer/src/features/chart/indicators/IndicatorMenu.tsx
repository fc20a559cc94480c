// The Indicators menu in the chart toolbar: what is on the chart (edit its parameters, remove it),
// then every overlay and pane indicator on offer, each added through its parameter form.
import { useEffect, useRef, useState } from 'react';
import { defaultParams, INDICATOR_SPECS, instanceLabel, lineColor, specOf } from './indicator-catalog.ts';
import { IndicatorForm } from './IndicatorForm.tsx';
import { MAX_INDICATORS } from './indicator-storage.ts';
import { addIndicator, removeIndicator, updateIndicator, useIndicators } from './indicator-store.ts';
import type { IndicatorKind, IndicatorSpec } from './indicator-types.ts';

type Editing = { mode: 'add'; kind: IndicatorKind } | { mode: 'edit'; id: string } | null;

export function IndicatorMenu() {
  const list = useIndicators((s) => s.list);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const wrap = useRef<HTMLDivElement>(null);

  // Closes on Escape and on a click anywhere else, like every menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const full = list.length >= MAX_INDICATORS;
  const section = (title: string, specs: IndicatorSpec[]) => (
    <section className="ind-section">
      <h3>{title}</h3>
      {specs.map((spec) => (
        <div key={spec.kind} className="ind-item-wrap">
          <button
            type="button"
            className="ind-item"
            data-testid={`add-${spec.kind}`}
            disabled={full}
            title={full ? `At most ${MAX_INDICATORS} indicators` : `Add ${spec.name}`}
            onClick={() => setEditing(editing?.mode === 'add' && editing.kind === spec.kind ? null : { mode: 'add', kind: spec.kind })}
          >
            <span className="ind-short">{spec.short}</span>
            <span className="ind-name">{spec.name}</span>
            <span className="ind-plus" aria-hidden="true">
              +
            </span>
          </button>
          {editing?.mode === 'add' && editing.kind === spec.kind && (
            <IndicatorForm
              spec={spec}
              initial={defaultParams(spec)}
              submitLabel="Add"
              onCancel={() => setEditing(null)}
              onSubmit={(params) => {
                addIndicator(spec.kind, params);
                setEditing(null);
              }}
            />
          )}
        </div>
      ))}
    </section>
  );

  return (
    <div className="ind-menu-wrap" ref={wrap}>
      <button type="button" className={`tb-btn ${open ? 'is-open' : ''}`} data-testid="indicators-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="tb-icon" aria-hidden="true">
          ƒx
        </span>
        Indicators
        {list.length > 0 && <span className="tb-count">{list.length}</span>}
      </button>
      {open && (
        <div className="ind-menu" role="dialog" aria-label="Indicators" data-testid="indicator-menu">
          <section className="ind-section">
            <h3>On chart</h3>
            {list.length === 0 && <p className="ind-empty">None yet: add one below.</p>}
            {list.map((instance) => (
              <div key={instance.id} className="ind-item-wrap">
                <div className="ind-active" data-testid="active-indicator" data-id={instance.id}>
                  <span className="ind-swatch" style={{ background: lineColor(instance, 0) }} />
                  <span className="ind-label">{instanceLabel(instance)}</span>
                  {specOf(instance.kind).params.length > 0 && (
                    <button type="button" className="ind-icon" title="Change parameters" aria-label={`Edit ${instanceLabel(instance)}`} onClick={() => setEditing({ mode: 'edit', id: instance.id })}>
                      ✎
                    </button>
                  )}
                  <button type="button" className="ind-icon" title="Remove" aria-label={`Remove ${instanceLabel(instance)}`} data-testid="remove-indicator" onClick={() => removeIndicator(instance.id)}>
                    ×
                  </button>
                </div>
                {editing?.mode === 'edit' && editing.id === instance.id && (
                  <IndicatorForm
                    spec={specOf(instance.kind)}
                    initial={instance.params}
                    submitLabel="Apply"
                    onCancel={() => setEditing(null)}
                    onSubmit={(params) => {
                      updateIndicator(instance.id, params);
                      setEditing(null);
                    }}
                  />
                )}
              </div>
            ))}
          </section>
          {section(
            'Overlays',
            INDICATOR_SPECS.filter((s) => s.placement === 'overlay'),
          )}
          {section(
            'Panes',
            INDICATOR_SPECS.filter((s) => s.placement === 'pane'),
          )}
        </div>
      )}
    </div>
  );
}
