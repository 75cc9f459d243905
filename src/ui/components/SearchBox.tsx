/**
 * Search over works and concepts with keyboard navigation (↑ ↓ Enter Esc; "/" focuses the main
 * one). Choosing a hit selects it, or calls `onChoose` (e.g. to set one end of a path).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchHit } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { selectNode } from '../state/details';
import { focusDetails, isTypingTarget } from './keyboard';

type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SearchBoxProps {
  onChoose?: (hit: SearchHit) => void;
  placeholder?: string;
  label?: string;
  /** Only kinds that can be chosen (e.g. works and concepts for a path). */
  kinds?: readonly SearchHit['kind'][];
  /** Focus on "/" (the header's search only). */
  shortcut?: boolean;
  className?: string;
}

export function SearchBox({
  onChoose,
  placeholder = 'Search titles, authors, concepts, DOI, PMID…  ( / )',
  label = 'Search the graph',
  kinds,
  shortcut = true,
  className = 'search',
}: SearchBoxProps = {}) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [status, setStatus] = useState<SearchStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  // The query the shown hits answer. Until the next answer arrives they belong to an older query,
  // so Enter then waits for the answer instead of picking a stale hit.
  const [hitsFor, setHitsFor] = useState('');
  const pendingEnter = useRef(false);
  // Counts edits of the query: a choice whose details answer after the user has typed again must
  // not pull the focus out of the box (that would close the new list under their typing).
  const edits = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const blurTimer = useRef<number | null>(null);
  const cancelBlur = (): void => {
    if (blurTimer.current !== null) window.clearTimeout(blurTimer.current);
    blurTimer.current = null;
  };
  const listId = useId();

  useEffect(() => {
    if (!shortcut) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === '/' && !isTypingTarget(e.target)) {
        e.preventDefault();
        // Selected, so the next search replaces the last one instead of appending to it.
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut]);

  useEffect(() => {
    const q = query.trim();
    if (q.length === 0) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setStatus('loading');
      api
        .search(q, 12, controller.signal)
        .then((r) => {
          setHits(kinds ? r.hits.filter((h) => kinds.includes(h.kind)) : r.hits);
          setHitsFor(q);
          setNotice(r.notice ?? null);
          setActive(0);
          setStatus('ready');
        })
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          pendingEnter.current = false;
          setError(errorMessage(e));
          setStatus('error');
        });
    }, 140);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query, kinds]);

  const choose = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    setOpen(false);
    if (onChoose) {
      onChoose(hit);
      setQuery('');
      input.current?.blur();
    } else {
      // Keyboard users land on what they picked (the details heading), not on <body>.
      // After the details have loaded: an earlier selection's heading may still be on show.
      const at = edits.current;
      void selectNode(hit.id).then(() => {
        // Asked again when the focus moves, frames later: the user may have typed meanwhile.
        const untouched = (): boolean => edits.current === at;
        if (untouched()) focusDetails(30, untouched);
      });
    }
  };

  const current = hitsFor === query.trim();
  useEffect(() => {
    // An Enter pressed before this query's answer: act on its first hit now that it is here.
    if (!pendingEnter.current || !current) return;
    pendingEnter.current = false;
    choose(hits[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per answer, not per render
  }, [current, hits]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) choose(hits[active]);
      else if (query.trim().length > 0) pendingEnter.current = true;
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && query.trim().length > 0;
  return (
    <div className={className}>
      <input
        ref={input}
        type="search"
        placeholder={placeholder}
        aria-label={label}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(e) => {
          cancelBlur();
          pendingEnter.current = false;
          edits.current += 1;
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => {
          cancelBlur();
          setOpen(true);
        }}
        onBlur={() => {
          // Closing later lets a click on a hit land first; focusing again cancels it.
          cancelBlur();
          blurTimer.current = window.setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul className="search-results" id={listId} role="listbox">
          {status === 'loading' && hits.length === 0 && <li className="search-empty">Searching…</li>}
          {status === 'error' && <li className="search-empty">Search failed: {error}</li>}
          {status === 'ready' && notice && (
            <li className="search-empty search-notice" role="note">
              {notice}
            </li>
          )}
          {status === 'ready' && hits.length === 0 && (
            <li className="search-empty">
              No matches for “{query.trim()}”. Try one word, an author’s surname, a DOI or a PMID.
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className={`hit-kind hit-${h.kind}`}>{h.kind}</span>
              <span className="hit-label">{h.label}</span>
              <span className="hit-detail">{h.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
