// The header row of the dock's tables (positions, orders, strategies): a label and an optional
// class (alignment, the sticky actions column) per column.
export type TableColumns = readonly (readonly [label: string, className?: string])[];

export function TableHead({ columns }: { columns: TableColumns }) {
  return (
    <thead>
      <tr>
        {columns.map(([label, className], i) => (
          <th key={i} className={className}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
