// A modal dialog on the native <dialog> element: focus moves in and back, Esc closes, the page behind is
// inert. Children render only while open, so closed dialogs cost nothing.
import { type ReactNode, useEffect, useId, useRef } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}

export function Dialog({ open, title, onClose, children, testId, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`share-dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
    >
      {open && (
        <div className="share-dialog-body">
          <header className="share-dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="link" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}
