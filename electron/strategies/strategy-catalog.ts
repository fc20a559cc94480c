// The strategies as the UI lists them (the built-ins, then the trader's own with the file each came from):
// name, what it does, and each parameter's type, default and range (the app's strategy panel and its
// backtest page show the same specs the CLI checks against).
import { allStrategies, strategyFileOf } from './registry.ts';

export interface CatalogParam {
  name: string;
  type: 'int' | 'number';
  default: number;
  min: number;
  max: number;
  step?: number;
  description: string;
}

export interface CatalogEntry {
  name: string;
  description: string;
  params: CatalogParam[];
  /** The trader's own strategy file it was loaded from; null for a built-in. */
  file: string | null;
}

export function strategyCatalog(): CatalogEntry[] {
  return allStrategies().map((s) => ({
    name: s.name,
    description: s.description,
    params: Object.entries(s.params).map(([name, p]) => ({
      name,
      type: p.type,
      default: p.default,
      min: p.min,
      max: p.max,
      ...(p.step === undefined ? {} : { step: p.step }),
      description: p.description,
    })),
    file: strategyFileOf(s.name),
  }));
}
