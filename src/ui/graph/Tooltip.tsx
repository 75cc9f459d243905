/** The full title of the hovered node, next to the pointer (labels on the canvas are truncated). */
import { useEffect, useState } from 'react';
import { CATEGORY_LABELS } from '../model/palette';
import { useAppStore } from '../state/store';
import { useSigma } from './sigma-context';

export function Tooltip() {
  const sigma = useSigma();
  const hovered = useAppStore((s) => s.hovered);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const container = sigma.getContainer();
    const move = (e: MouseEvent): void => {
      const r = container.getBoundingClientRect();
      setPos({ x: e.clientX - r.left, y: e.clientY - r.top });
    };
    container.addEventListener('mousemove', move);
    return () => container.removeEventListener('mousemove', move);
  }, [sigma]);

  if (!hovered || !pos || !sigma.getGraph().hasNode(hovered)) return null;
  const a = sigma.getGraph().getNodeAttributes(hovered);
  const meta =
    a.kind === 'concept'
      ? `Concept · ${a.category ? CATEGORY_LABELS[a.category] : ''} · ${a.weight} work${a.weight === 1 ? '' : 's'}`
      : `${a.isReview ? 'The review · ' : 'Work · '}${a.year ?? 'year unknown'} · cited ${a.weight}× here`;
  return (
    <div className="tooltip" style={{ left: pos.x + 14, top: pos.y + 14 }} role="tooltip">
      <div className="tooltip-title">{a.fullLabel}</div>
      <div className="tooltip-meta">{meta}</div>
    </div>
  );
}
