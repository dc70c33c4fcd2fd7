/**
 * Ids are told apart by their end: `HKB-EED2E7C8-20261207-00000042` differs from its neighbours
 * in the sequence, not in the bank and device at the front. When a column is too narrow, the
 * front gives way (ellipsis in the middle) and the tail stays whole; the full id is the tooltip.
 */
export function idParts(id: string, tailChars = 17): { head: string; tail: string } {
  if (id.length <= tailChars) return { head: '', tail: id };
  // Prefer cutting at a separator so the tail reads as whole segments ("20261207-00000042").
  const cut = id.length - tailChars;
  const separator = id.indexOf('-', cut - 1);
  const at = separator >= 0 && separator < id.length - 4 ? separator + 1 : cut;
  return { head: id.slice(0, at), tail: id.slice(at) };
}
