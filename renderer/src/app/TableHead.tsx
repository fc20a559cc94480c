// The header row of the dock's and the pages' tables (positions, orders, strategies, a run's exits): a
// label, an optional class (alignment, the sticky actions column) and an optional tooltip per column.
export type TableColumns = readonly (readonly [label: string, className?: string, title?: string])[];

export function TableHead({ columns }: { columns: TableColumns }) {
  return (
    <thead>
      <tr>
        {columns.map(([label, className, title], i) => (
          <th key={i} className={className} title={title}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
