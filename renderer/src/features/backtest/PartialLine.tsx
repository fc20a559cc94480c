// Above a search cancelled partway (its ranked sets, or a walk-forward's folds): it is not the whole search,
// so its best is the best of what ran, and the line says how much that was.
export function PartialLine({ text }: { text: string }) {
  return (
    <p className="bt-warning" data-testid="bt-search-partial">
      {text[0]!.toUpperCase() + text.slice(1)}.
    </p>
  );
}
