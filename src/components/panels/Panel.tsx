// The frame every panel shares: a titled, labelled region with a stable name (`data-panel`), which the
// embed mode and the share features use to pick panels.
import { type ReactNode, useId } from 'react';
import type { PanelName } from './names';

interface PanelProps {
  name: PanelName;
  title: string;
  /** One or two sentences: what the reader is looking at. */
  help?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function Panel({ name, title, help, actions, children }: PanelProps) {
  const id = useId();
  return (
    <section
      className={`panel panel-${name}`}
      data-panel={name}
      aria-labelledby={id}
      data-testid={`panel-${name}`}
    >
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {help && <p className="help">{help}</p>}
      {children}
    </section>
  );
}
