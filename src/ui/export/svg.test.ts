import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FILTERS, VISIBLE, fixtureGraph } from './test-fixture';
import {
  escapeXml,
  sceneFromSigma,
  sceneToSvg,
  type EdgeDisplayLike,
  type NodeDisplayLike,
  type SigmaLike,
} from './svg';
import { isEdgeVisible } from '../model/filters';

/**
 * A stand-in for sigma over the fixture graph: display data as the reducers would leave it
 * (hidden outside the visible set; the review's label shown), viewport = graph coordinates × 10,
 * sizes unscaled.
 */
function fakeSigma(width = 800, height = 600): SigmaLike {
  const g = fixtureGraph();
  return {
    getDimensions: () => ({ width, height }),
    getGraph: () => g,
    getNodeDisplayData: (key): NodeDisplayLike | undefined => {
      if (!g.hasNode(key)) return undefined;
      const a = g.getNodeAttributes(key);
      return { ...a, hidden: !VISIBLE.has(key) };
    },
    getEdgeDisplayData: (key): EdgeDisplayLike | undefined => {
      const a = g.getEdgeAttributes(key);
      const [s, t] = g.extremities(key);
      return { ...a, color: '#999999', hidden: !isEdgeVisible(a.kind, s, t, FILTERS, VISIBLE) };
    },
    getNodeDisplayedLabels: () => new Set(['doi:r', 'concept:bone']),
    framedGraphToViewport: (p) => ({ x: 100 + p.x * 10, y: 100 + p.y * 10 }),
    scaleSize: (size = 1) => size,
  };
}

const OPTIONS = {
  title: 'crosstalk-kg · <test> & "view"',
  subtitle: '5 nodes · 2025-01-01',
  background: '#ffffff',
  labelColor: '#1f2328',
  font: 'Inter, "Segoe UI", sans-serif',
  labelSize: 12,
  labelWeight: '500',
  minEdgeWidth: 1,
};

type Parsed = {
  svg: {
    title: string;
    rect: { '@_fill': string };
    g: {
      '@_class': string;
      circle?: { '@_data-id': string }[] | { '@_data-id': string };
      text?: unknown;
      line?: unknown[];
      polygon?: unknown[];
    }[];
  };
};

describe('the SVG export', () => {
  const scene = sceneFromSigma(fakeSigma(), OPTIONS);
  const svg = sceneToSvg(scene);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['circle', 'line', 'polygon', 'text'].includes(name),
  }).parse(svg) as Parsed;

  it('is well-formed XML with a title and the background', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parsed.svg.title).toBe('crosstalk-kg · <test> & "view" · 5 nodes · 2025-01-01');
    expect(parsed.svg.rect['@_fill']).toBe('#ffffff');
    expect(svg).toContain('viewBox="0 0 800 600"');
  });

  it('contains only the visible nodes and the visible edges', () => {
    const nodes = parsed.svg.g.find((g) => g['@_class'] === 'nodes')!;
    const ids = (nodes.circle as { '@_data-id': string }[]).map((c) => c['@_data-id']).sort();
    expect(ids).toEqual([...VISIBLE].sort());
    const edges = parsed.svg.g.find((g) => g['@_class'] === 'edges')!;
    // Three visible edges: two citations (line + arrow head each) and one mention (a line).
    expect(edges.line).toHaveLength(3);
    expect(edges.polygon).toHaveLength(2);
  });

  it('draws only the labels sigma shows, escaped', () => {
    const labels = parsed.svg.g.find((g) => g['@_class'] === 'labels')!;
    expect(labels.text).toHaveLength(2);
    expect(svg).toContain('&lt;crosstalk&gt;');
    expect(svg).not.toContain('<crosstalk>');
  });

  it('rings bordered nodes and leaves the rest plain', () => {
    const bone = scene.nodes.find((n) => n.id === 'concept:bone')!;
    expect(bone.border).toEqual({ color: '#444444', ratio: 0.16 });
    expect(scene.nodes.find((n) => n.id === 'doi:a')!.border).toBeNull();
  });

  it('leaves out what lies outside the viewport', () => {
    const small = sceneFromSigma(fakeSigma(160, 150), OPTIONS);
    // Only doi:r (100,100) and doi:a (200,100: within the 40 px margin) fit.
    expect(small.nodes.map((n) => n.id).sort()).toEqual(['doi:a', 'doi:r']);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});
