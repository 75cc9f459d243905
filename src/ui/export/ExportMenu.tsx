/**
 * The Export menu in the header: images of the current view, the visible graph for Gephi or
 * code, tables as CSV, and works for reference managers. The exporters load on first use.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../model/errors';
import { labelOfId } from '../../model/ids';
import { shownData } from '../state/async';
import { useAppStore } from '../state/store';
import type * as ExportersModule from './exporters';
import type { PngOptions } from './exporters';

type Exporters = typeof ExportersModule;

/** One menu entry: a label, a hint, and what it does. */
interface Item {
  id: string;
  label: string;
  hint: string;
  disabled?: string | false;
  run: (m: Exporters) => void | Promise<void>;
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A figure for a paper by default: twice the screen's pixels, with a title and a legend.
  const [png, setPng] = useState<PngOptions>({ scale: 2, legend: true, title: true });
  const root = useRef<HTMLDivElement>(null);
  const selected = useAppStore((s) => s.selected);
  const hasResult = useAppStore((s) => shownData(s.cypher) !== null);
  const graphReady = useAppStore((s) => s.network.status === 'ready');
  const visibleNodes = useAppStore((s) => s.visibleNodes);
  const visibleEdges = useAppStore((s) => s.visibleEdges);
  const selectedIsWork = selected !== null && labelOfId(selected) === 'Work';

  // Close on a click outside or Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  const run = async (item: Item): Promise<void> => {
    setBusy(item.id);
    setError(null);
    try {
      await item.run(await import('./exporters'));
      setOpen(false);
    } catch (e: unknown) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const noGraph = graphReady ? false : 'The graph is not loaded yet.';
  const groups: { title: string; items: Item[] }[] = [
    {
      title: 'Current view',
      items: [
        {
          id: 'png',
          label: `PNG image (${png.scale}×)`,
          hint: `what the network shows now${png.title ? ', titled' : ''}${png.legend ? ', with a legend' : ''}`,
          disabled: noGraph,
          run: (m) => m.exportPng(png),
        },
        {
          id: 'svg',
          label: 'SVG image',
          hint: 'vector, editable in Inkscape or Illustrator',
          disabled: noGraph,
          run: (m) => m.exportSvg(),
        },
      ],
    },
    {
      title: `Visible graph (${visibleNodes} nodes, ${visibleEdges} edges)`,
      items: [
        {
          id: 'gexf',
          label: 'GEXF',
          hint: 'opens in Gephi and Gephi Lite',
          disabled: noGraph,
          run: (m) => m.exportGexf(),
        },
        {
          id: 'json',
          label: 'JSON',
          hint: 'graphology format, for code',
          disabled: noGraph,
          run: (m) => m.exportJson(),
        },
        {
          id: 'nodes-csv',
          label: 'Nodes table (CSV)',
          hint: 'id, kind, title, year, category, community, degree',
          disabled: noGraph,
          run: (m) => m.exportNodesCsv(),
        },
      ],
    },
    {
      title: 'Works for reference managers',
      items: [
        {
          id: 'bib-selected',
          label: 'Selected work — BibTeX',
          hint: 'DOI, PMID, authors, journal as known',
          disabled: selectedIsWork ? false : 'Select a work on the network first.',
          run: (m) => m.exportCitations('selected', 'bibtex'),
        },
        {
          id: 'ris-selected',
          label: 'Selected work — RIS',
          hint: 'Zotero, EndNote, Mendeley',
          disabled: selectedIsWork ? false : 'Select a work on the network first.',
          run: (m) => m.exportCitations('selected', 'ris'),
        },
        {
          id: 'bib-visible',
          label: 'Visible works — BibTeX',
          hint: 'every work in view',
          disabled: noGraph,
          run: (m) => m.exportCitations('visible', 'bibtex'),
        },
        {
          id: 'ris-visible',
          label: 'Visible works — RIS',
          hint: 'every work in view',
          disabled: noGraph,
          run: (m) => m.exportCitations('visible', 'ris'),
        },
      ],
    },
    {
      title: 'Cypher console',
      items: [
        {
          id: 'query-csv',
          label: 'Query result (CSV)',
          hint: 'the last result table',
          disabled: hasResult ? false : 'Run a query in the Cypher console first.',
          run: (m) => m.exportQueryCsv(),
        },
      ],
    },
  ];

  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="text-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-pressed={open}
        data-testid="export-button"
        onClick={() => {
          setOpen(!open);
          setError(null);
        }}
      >
        Export
      </button>
      {open && (
        <div className="export-popover" role="menu" aria-label="Export" data-testid="export-menu">
          {groups.map((g) => (
            <div key={g.title} className="export-group" role="group" aria-label={g.title}>
              <div className="export-group-title">{g.title}</div>
              {g.items.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  className="export-item"
                  data-export={item.id}
                  disabled={Boolean(item.disabled) || busy !== null}
                  title={item.disabled || undefined}
                  onClick={() => void run(item)}
                >
                  <span className="export-label">{busy === item.id ? `${item.label}…` : item.label}</span>
                  <span className="export-hint">{item.hint}</span>
                </button>
              ))}
              {g.title === 'Current view' && (
                <div className="export-options" data-testid="png-options">
                  <span className="segmented" role="group" aria-label="PNG scale">
                    {([1, 2, 4] as const).map((scale) => (
                      <button
                        key={scale}
                        type="button"
                        aria-pressed={png.scale === scale}
                        onClick={() => setPng({ ...png, scale })}
                      >
                        {scale}×
                      </button>
                    ))}
                  </span>
                  <label>
                    <input
                      type="checkbox"
                      checked={png.title}
                      onChange={(e) => setPng({ ...png, title: e.target.checked })}
                    />{' '}
                    title
                  </label>
                  <label>
                    <input
                      type="checkbox"
                      checked={png.legend}
                      onChange={(e) => setPng({ ...png, legend: e.target.checked })}
                    />{' '}
                    legend
                  </label>
                </div>
              )}
            </div>
          ))}
          {error && (
            <p className="export-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
