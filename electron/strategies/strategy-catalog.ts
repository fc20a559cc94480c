// The built-in strategies as the UI lists them: name, what it does, and each parameter's type, default and
// range (the app's strategy panel and its backtest page show the same specs the CLI checks against).
import { STRATEGIES } from './registry.ts';

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
}

export function strategyCatalog(): CatalogEntry[] {
  return STRATEGIES.map((s) => ({
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
  }));
}
