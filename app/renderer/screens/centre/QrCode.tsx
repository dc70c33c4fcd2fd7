import { useMemo } from 'react';
import { parseQrSvg } from './qr-svg';

/** The enrolment QR code, drawn from the house's SVG paths (never its markup). */
export function QrCode(props: { svg: string; label: string; sizePx: number }) {
  const parsed = useMemo(() => parseQrSvg(props.svg), [props.svg]);
  if (parsed === null) return null;
  return (
    <svg className="centre-qr" role="img" aria-label={props.label} viewBox={parsed.viewBox} width={props.sizePx} height={props.sizePx} shapeRendering="crispEdges" data-testid="centre-qr">
      {parsed.paths.map((p, i) => (
        <path key={i} d={p.d} fill={p.fill ?? 'none'} stroke={p.stroke} />
      ))}
    </svg>
  );
}
