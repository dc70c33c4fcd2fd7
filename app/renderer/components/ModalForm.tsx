import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The frame of every small modal form (decision notes, reasons, filing references): a backdrop,
 * an aria dialog labelled by its title, keys kept from the screen behind it, Esc cancels and
 * Ctrl+Enter submits, as everywhere in the console.
 */
export function ModalForm(props: {
  titleId: string;
  testId: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
  backdropClassName?: string;
}) {
  return (
    <div className={props.backdropClassName ?? 'dialog-backdrop'} role="presentation">
      <form
        className={props.className ?? 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.titleId}
        data-testid={props.testId}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            props.onCancel();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onSubmit();
          }
        }}
      >
        {props.children}
      </form>
    </div>
  );
}

/** A ref whose element takes the caret when the dialog opens, so the operator can type at once. */
export function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
