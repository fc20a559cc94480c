// The frame every dock panel shares: a small caps title bar and a body.
import type { ReactNode } from 'react';

export function Panel({ title, aside, className, children, testId }: { title: string; aside?: ReactNode; className?: string; children: ReactNode; testId?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        {aside}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
