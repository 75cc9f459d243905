/** The crosstalk matrix: loading it, choosing a cell and emphasising its factors and evidence. */
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { edgeKey, type Emphasis } from '../model/emphasis';
import { dataOf, failed, ready } from './async';
import { getGraph } from './graph-holder';
import { showPath } from './path';
import { getState, setState, type MatrixCellRef } from './store';

/** Opens the crosstalk matrix (loading it the first time), optionally with a cell chosen. */
export async function openMatrix(cell?: MatrixCellRef, opts: { frame?: boolean } = {}): Promise<void> {
  setState({ matrixOpen: true });
  if (!(await loadMatrix())) return;
  if (cell) chooseMatrixCell(cell, opts);
}

let loading: Promise<boolean> | null = null;

/**
 * Loads the matrix once without opening its card (the concept panel states the same rule's
 * verdicts from it). True when it is ready.
 */
export function loadMatrix(): Promise<boolean> {
  if (getState().matrix.status === 'ready') return Promise.resolve(true);
  return (loading ??= (async () => {
    setState({ matrix: { status: 'loading' } });
    try {
      setState({ matrix: ready(await api.crosstalk()) });
      return true;
    } catch (e: unknown) {
      setState({ matrix: failed(errorMessage(e)) });
      return false;
    } finally {
      loading = null;
    }
  })());
}

/** Closes the matrix and its emphasis (a traced path shows again). */
export function closeMatrix(): void {
  setState({ matrixOpen: false, matrixCell: null, ...(getState().pathOpen ? {} : { trace: null }) });
  if (getState().pathOpen) showPath();
}

/** Chooses a matrix cell (null clears it): its factors, tissues and evidence works are emphasised. */
export function chooseMatrixCell(cell: MatrixCellRef | null, opts: { frame?: boolean } = {}): void {
  const matrix = dataOf(getState().matrix);
  const found = cell && matrix?.cells.find((c) => c.source === cell.source && c.target === cell.target);
  if (!cell || !found) {
    setState({ matrixCell: null, trace: null });
    return;
  }
  const nodes = new Set<string>([cell.source, cell.target]);
  const edges = new Set<string>();
  const g = getGraph();
  for (const f of found.factors) {
    nodes.add(f.id);
    for (const l of f.secretedBy) {
      nodes.add(l.via);
      edges.add(edgeKey(f.id, l.via, 'SECRETED_BY'));
    }
    for (const l of f.actsOn) {
      nodes.add(l.via);
      edges.add(edgeKey(f.id, l.via, 'ACTS_ON'));
    }
    for (const w of f.works) {
      nodes.add(w);
      // The evidence work's mention of the factor, when it is tagged with it.
      if (g?.someEdge(w, f.id, (_e, a) => a.kind === 'MENTIONS')) edges.add(edgeKey(w, f.id, 'MENTIONS'));
    }
  }
  const trace: Emphasis = { nodes, edges, frame: opts.frame ?? true };
  setState({ matrixCell: cell, trace });
}
