/**
 * The views the centre can show besides the network, in the header's order after "Network". The
 * header offers a tab only for a view registered here (no placeholder tab for a view not built yet).
 *
 * To plug a view in: add one entry, e.g.
 *   `{ id: 'conceptmap', label: 'Concept map', title: '…', Component: ConceptMapView }`.
 * The component fills the centre above the network (which stays mounted underneath, so its camera
 * and layout survive a switch); it reads the shared selection, filters and theme from the store and
 * selects with `selectNode` like the network does. `activeView` is in the URL (`?view=<id>`).
 */
import type { ComponentType } from 'react';
import { LitMapView } from '../litmap/LitMapView';
import type { ActiveView } from '../state/store';
import { ConceptMapView } from '../conceptmap/ConceptMapView';

/** A view other than the network. */
export interface ViewEntry {
  id: Exclude<ActiveView, 'network'>;
  /** The tab's text. */
  label: string;
  /** The tab's tooltip: what the view shows. */
  title: string;
  Component: ComponentType;
}

/** The registered views, in the header's order. */
export const EXTRA_VIEWS: readonly ViewEntry[] = [
  {
    id: 'litmap',
    label: 'Literature map',
    title:
      'Works around the selected work (or the review), linked by similarity and grouped into clusters named by their concepts',
    Component: LitMapView,
  },
  {
    id: 'conceptmap',
    label: 'Concept map',
    title: 'The curated crosstalk: tissues, cells and factors, arrows by effect, graded evidence',
    Component: ConceptMapView,
  },
];

/** The entry of a view, or undefined for the network and for views not registered. */
export function viewEntry(id: ActiveView): ViewEntry | undefined {
  return EXTRA_VIEWS.find((v) => v.id === id);
}
