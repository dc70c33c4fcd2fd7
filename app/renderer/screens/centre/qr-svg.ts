/** One drawing step of the house's QR code: a path with its fill or stroke. */
export type QrPath = { d: string; fill: string | undefined; stroke: string | undefined };

const PATH_DATA = /^[MmHhVvLlZz0-9.,\s-]{1,200000}$/;
const COLOUR = /^(#[0-9a-fA-F]{3,8}|none)$/;

/**
 * The house's enrolment QR code (an SVG string from the `qrcode` package) reduced to what is
 * drawn: the viewBox and its paths, each checked. The page never takes the house's markup as
 * HTML, so nothing in it can run or load.
 */
export function parseQrSvg(svg: string, parse: (text: string) => Document = (text) => new DOMParser().parseFromString(text, 'image/svg+xml')): { viewBox: string; paths: QrPath[] } | null {
  const doc = parse(svg);
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') return null;
  const viewBox = root.getAttribute('viewBox') ?? '';
  if (!/^[0-9.\s]+$/.test(viewBox)) return null;
  const paths: QrPath[] = [];
  for (const node of Array.from(root.getElementsByTagName('path'))) {
    const d = node.getAttribute('d') ?? '';
    const fill = node.getAttribute('fill') ?? undefined;
    const stroke = node.getAttribute('stroke') ?? undefined;
    if (!PATH_DATA.test(d)) return null;
    if ((fill !== undefined && !COLOUR.test(fill)) || (stroke !== undefined && !COLOUR.test(stroke))) return null;
    paths.push({ d, fill, stroke });
  }
  return paths.length === 0 ? null : { viewBox, paths };
}

/** The secret in groups of four, as authenticator apps show and accept it when typed. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
