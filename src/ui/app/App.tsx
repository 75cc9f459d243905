/** The explorer: header with search and view toggles; filters left, network centre, details right. */
import { useEffect, useState } from 'react';
import { focusDetails, isTypingTarget } from '../components/keyboard';
import { provenanceLine } from '../model/provenance';
import { SearchBox } from '../components/SearchBox';
import { ConsoleDrawer } from '../console/ConsoleDrawer';
import { ExportMenu } from '../export/ExportMenu';
import { GraphView } from '../graph/GraphView';
import { DataCard } from '../panels/DataCard';
import { DetailPanel } from '../panels/DetailPanel';
import { FilterPanel } from '../panels/FilterPanel';
import { errorOf } from '../state/async';
import { toggleConsole } from '../state/console';
import { toggleDataCard } from '../state/dataset';
import { resumeFetchWatch } from '../state/fetch';
import { selectNode } from '../state/details';
import { clearFocus } from '../state/filters';
import { loadGraph } from '../state/load';
import { closeMatrix, openMatrix } from '../state/matrix';
import { togglePath } from '../state/path';
import { useAppStore } from '../state/store';
import { startHistory } from '../state/history';
import { readUrlState, startUrlSync } from '../state/url-state';
import { startViewportWatch } from '../state/viewport';
import { copyViewLink, dismissNotice, setColorMode, setTheme, togglePanel } from '../state/view';
import { Timeline } from '../timeline/Timeline';
import { MatrixCard } from '../tools/MatrixCard';
import { PathCard } from '../tools/PathCard';
import { NetworkCounts } from './NetworkCounts';
import { ActiveViewLayer, ViewSwitcher } from './ViewSwitcher';

export function App() {
  const status = useAppStore((s) => s.network.status);
  // The network is mounted the first time it is shown, then stays (its camera and layout survive a
  // switch). A link opening another view does not draw the whole network underneath it: at 10k
  // works its software-WebGL frames held Chromium's GPU process for seconds, and the literature
  // map's first frame waited behind them (3.2–3.9 s instead of 6.2–8.0 s from its request, load ~12).
  // A link naming another view is read here: the store's view is restored only after the load,
  // so until then 'network' in the store does not mean the network is shown.
  const activeView = useAppStore((s) => s.activeView);
  const [linkedView] = useState(() => readUrlState().view ?? 'network');
  const [networkMounted, setNetworkMounted] = useState(linkedView === 'network');
  const [linkedViewShown, setLinkedViewShown] = useState(linkedView === 'network');
  // Derived state, set while rendering (React re-renders at once, before painting).
  if (activeView !== 'network' && !linkedViewShown) setLinkedViewShown(true);
  if (activeView === 'network' && status === 'ready' && linkedViewShown && !networkMounted)
    setNetworkMounted(true);
  const error = useAppStore((s) => errorOf(s.network));
  const colorMode = useAppStore((s) => s.colorMode);
  const theme = useAppStore((s) => s.theme);
  const leftOpen = useAppStore((s) => s.leftOpen);
  const rightOpen = useAppStore((s) => s.rightOpen);
  const notice = useAppStore((s) => s.notice);
  const stats = useAppStore((s) => s.stats);
  const consoleOpen = useAppStore((s) => s.consoleOpen);
  const pathOpen = useAppStore((s) => s.pathOpen);
  const matrixOpen = useAppStore((s) => s.matrixOpen);
  const dataCardOpen = useAppStore((s) => s.dataCardOpen);

  // The URL follows the shareable view from the start; loading restores the link's view first.
  useEffect(() => startUrlSync(), []);
  // Back and Forward walk through the visited nodes (one history entry per selection).
  useEffect(() => startHistory(), []);
  // Phones and small tablets: the panels are overlays, closed at first, one at a time.
  useEffect(() => startViewportWatch(), []);
  useEffect(() => {
    void loadGraph();
    void resumeFetchWatch();
  }, []);

  // Escape clears the selection and a neighbourhood focus (unless the user is typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || isTypingTarget(e.target)) return;
      clearFocus();
      void selectNode(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={`app ${leftOpen ? '' : 'left-closed'} ${rightOpen ? '' : 'right-closed'}`}>
      <a
        className="skip-link"
        href="#details"
        onClick={(e) => {
          e.preventDefault();
          focusDetails(0);
        }}
      >
        Skip to details
      </a>
      <header className="topbar">
        <button
          type="button"
          className="text-button"
          aria-pressed={leftOpen}
          onClick={() => togglePanel('left')}
        >
          Filters
        </button>
        <div className="brand">
          <strong>crosstalk-kg</strong>
          <span>bone · muscle · fat</span>
        </div>
        <SearchBox />
        <ViewSwitcher />
        <div className="toggles">
          <button
            type="button"
            className="text-button"
            aria-pressed={dataCardOpen}
            title="What the loaded dataset holds, where it lives, and how to grow it"
            onClick={() => toggleDataCard()}
          >
            Data
          </button>
          <button type="button" className="text-button" aria-pressed={pathOpen} onClick={() => togglePath()}>
            Path
          </button>
          <button
            type="button"
            className="text-button"
            aria-pressed={matrixOpen}
            onClick={() => (matrixOpen ? closeMatrix() : void openMatrix())}
          >
            Crosstalk
          </button>
          <button
            type="button"
            className="text-button"
            aria-pressed={consoleOpen}
            onClick={() => void toggleConsole()}
          >
            Cypher
          </button>
          <ExportMenu />
          <div className="segmented" role="group" aria-label="Colour nodes by">
            <button type="button" aria-pressed={colorMode === 'kind'} onClick={() => setColorMode('kind')}>
              Kind
            </button>
            <button
              type="button"
              aria-pressed={colorMode === 'community'}
              onClick={() => setColorMode('community')}
            >
              Community
            </button>
          </div>
          <button
            type="button"
            className="text-button"
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
          <button
            type="button"
            className="text-button"
            title="Copy a link that reopens this view: selection, filters, camera, colours, path, matrix cell and query"
            onClick={() => void copyViewLink()}
          >
            Copy link
          </button>
          <button
            type="button"
            className="text-button"
            aria-pressed={rightOpen}
            onClick={() => togglePanel('right')}
          >
            Details
          </button>
        </div>
      </header>
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button" className="link-button" onClick={dismissNotice}>
            dismiss
          </button>
        </div>
      )}
      <main className="workspace">
        {leftOpen && status === 'ready' && <FilterPanel />}
        <div className="center">
          {status === 'loading' && (
            <div className="overlay" role="status">
              Loading the graph…
            </div>
          )}
          {status === 'error' && (
            <div className="overlay error" role="alert">
              <p>The graph could not be loaded: {error}</p>
              <button type="button" onClick={() => void loadGraph()}>
                Try again
              </button>
            </div>
          )}
          {status === 'ready' && (networkMounted ? <GraphView /> : <NetworkCounts />)}
          {status === 'ready' && <ActiveViewLayer />}
          {status === 'ready' && (dataCardOpen || pathOpen || matrixOpen) && (
            <div className="tool-dock">
              {dataCardOpen && <DataCard />}
              {pathOpen && <PathCard />}
              {matrixOpen && <MatrixCard />}
            </div>
          )}
          <Timeline />
          {stats && (
            <footer className="provenance" title={provenanceLine(stats).title}>
              {provenanceLine(stats).text}
            </footer>
          )}
        </div>
        {rightOpen && <DetailPanel />}
      </main>
      {consoleOpen && status === 'ready' && <ConsoleDrawer />}
    </div>
  );
}
