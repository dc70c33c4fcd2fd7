import { idParts } from './id-text';

/**
 * An id that shrinks from the middle: the head is cut with an ellipsis first, the tail (the
 * distinguishing part) always shows; the whole id is in the tooltip and in copied text.
 */
export function IdText({ id, tailChars }: { id: string; tailChars?: number }) {
  const { head, tail } = idParts(id, tailChars);
  return (
    <span className="id-text mono" title={id} data-id-text={id}>
      {head !== '' && <span className="id-head">{head}</span>}
      <span className="id-tail">{tail}</span>
    </span>
  );
}

/** ag-grid cell renderer for id columns. */
export function IdCell(props: { value?: string | null }) {
  return props.value == null ? null : <IdText id={props.value} />;
}
