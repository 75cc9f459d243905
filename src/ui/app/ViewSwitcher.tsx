/**
 * The header's view tabs (`Network | Literature map | Concept map`) and the layer that shows the
 * chosen view over the network. Only registered views get a tab (see ./views.tsx); with none
 * registered the switcher is not drawn at all.
 */
import { useEffect } from 'react';
import { restoreLitMap } from '../state/litmap';
import { useAppStore } from '../state/store';
import { readUrlState } from '../state/url-state';
import { setActiveView, showNotice } from '../state/view';
import { EXTRA_VIEWS, viewEntry } from './views';

/** The tabs; a link naming a view this build does not offer falls back to the network with a notice. */
export function ViewSwitcher() {
  const active = useAppStore((s) => s.activeView);
  useEffect(() => {
    if (active !== 'network' && !viewEntry(active)) {
      setActiveView('network');
      showNotice('The link names a view this version does not offer; showing the network.');
    }
  }, [active]);
  // Back and Forward: the entry's view (and its map) come back with it.
  useEffect(() => {
    const onPop = (): void => {
      const url = readUrlState();
      if (url.map) restoreLitMap(url.map);
      setActiveView(url.view ?? 'network');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  if (EXTRA_VIEWS.length === 0) return null;
  const tabs = [
    {
      id: 'network' as const,
      label: 'Network',
      title: 'Works and concepts with their citations and mentions',
    },
    ...EXTRA_VIEWS,
  ];
  return (
    <div className="segmented view-switcher" role="group" aria-label="View">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          aria-pressed={t.id === active}
          title={t.title}
          onClick={() => setActiveView(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The active view other than the network, drawn over it (null while the network is shown). */
export function ActiveViewLayer() {
  const active = useAppStore((s) => s.activeView);
  const entry = active === 'network' ? undefined : viewEntry(active);
  if (!entry) return null;
  return (
    <div className="view-layer" data-testid={`view-${entry.id}`}>
      <entry.Component />
    </div>
  );
}
