/**
 * The current view as SVG. No library writes SVG for sigma, so this reads what sigma displays —
 * positions in viewport pixels, sizes, colours after the reducers, hidden flags, the labels it
 * chose to draw — into a small scene, and serialises the scene. Both halves are pure; the first
 * takes anything shaped like a sigma instance ({@link SigmaLike}).
 */

/** A node as drawn: centre and radius in viewport pixels. */
export interface SceneNode {
  id: string;
  x: number;
  y: number;
  r: number;
  color: string;
  /** Ring of bordered nodes (concepts, the selection): colour and width as a share of r. */
  border: { color: string; ratio: number } | null;
  /** The label sigma shows for this node, or null. */
  label: string | null;
  zIndex: number;
}

/** An edge as drawn, from the source's centre to the target's. */
export interface SceneEdge {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Radius of the target node (arrows stop at its rim). */
  targetR: number;
  width: number;
  color: string;
  arrow: boolean;
  zIndex: number;
}

/** Everything the SVG shows. */
export interface Scene {
  width: number;
  height: number;
  title: string;
  /** A second, smaller line under the title (counts, date). */
  subtitle?: string;
  background: string;
  labelColor: string;
  font: string;
  labelSize: number;
  labelWeight: string;
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** The display data sigma keeps per node after reducers (the fields read here). */
export interface NodeDisplayLike {
  x: number;
  y: number;
  size: number;
  color: string;
  label?: string | null;
  hidden?: boolean;
  zIndex?: number;
  type?: string;
  borderColor?: string;
  borderSize?: number;
}

/** The display data sigma keeps per edge after reducers. */
export interface EdgeDisplayLike {
  size: number;
  color: string;
  hidden?: boolean;
  zIndex?: number;
  type?: string;
}

/** The parts of a sigma instance the scene is read from. */
export interface SigmaLike {
  getDimensions(): { width: number; height: number };
  getGraph(): {
    forEachNode(cb: (key: string) => void): void;
    forEachEdge(cb: (key: string, attributes: unknown, source: string, target: string) => void): void;
  };
  getNodeDisplayData(key: string): NodeDisplayLike | undefined;
  getEdgeDisplayData(key: string): EdgeDisplayLike | undefined;
  getNodeDisplayedLabels(): Set<string>;
  framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
  scaleSize(size?: number): number;
}

/** Options of {@link sceneFromSigma}. */
export interface SceneOptions {
  title: string;
  subtitle?: string;
  background: string;
  labelColor: string;
  font: string;
  labelSize: number;
  labelWeight: string;
  /** Node programs drawn with a ring, and the ring's default width (share of the radius). */
  borderedTypes?: ReadonlySet<string>;
  defaultBorderRatio?: number;
  defaultBorderColor?: string;
  /** Thinnest edge sigma draws, in pixels. */
  minEdgeWidth?: number;
}

/** Extra pixels around the viewport within which items are still kept. */
const MARGIN = 40;

/** Reads what sigma currently displays: visible nodes and edges inside the viewport. */
export function sceneFromSigma(sigma: SigmaLike, o: SceneOptions): Scene {
  const { width, height } = sigma.getDimensions();
  const bordered = o.borderedTypes ?? new Set(['concept']);
  const labels = sigma.getNodeDisplayedLabels();
  const inView = (x: number, y: number, r: number): boolean =>
    x + r >= -MARGIN && x - r <= width + MARGIN && y + r >= -MARGIN && y - r <= height + MARGIN;

  const shown = new Map<string, SceneNode>();
  const all = new Map<string, SceneNode>();
  sigma.getGraph().forEachNode((id) => {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport(d);
    const node: SceneNode = {
      id,
      x: p.x,
      y: p.y,
      r: sigma.scaleSize(d.size),
      color: d.color,
      border:
        d.type !== undefined && bordered.has(d.type)
          ? {
              color: d.borderColor ?? o.defaultBorderColor ?? '#444444',
              ratio: d.borderSize ?? o.defaultBorderRatio ?? 0.16,
            }
          : null,
      label: labels.has(id) && d.label ? d.label : null,
      zIndex: d.zIndex ?? 0,
    };
    all.set(id, node);
    if (inView(node.x, node.y, node.r)) shown.set(id, node);
  });

  const edges: SceneEdge[] = [];
  sigma.getGraph().forEachEdge((id, _a, s, t) => {
    const d = sigma.getEdgeDisplayData(id);
    const a = all.get(s);
    const b = all.get(t);
    if (!d || d.hidden || !a || !b) return;
    // Keep an edge when it touches the viewport at one end at least.
    if (!shown.has(s) && !shown.has(t)) return;
    edges.push({
      id,
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      targetR: b.r,
      // Sigma's edge shaders turn a thickness of t pixels into a line t/2 pixels wide (measured on
      // its PNG export too); nodes keep their radius of scaleSize(size) pixels.
      width: Math.max(sigma.scaleSize(d.size), o.minEdgeWidth ?? 0) / 2,
      color: d.color,
      arrow: d.type === 'arrow',
      zIndex: d.zIndex ?? 0,
    });
  });

  const byZ = <T extends { zIndex: number }>(items: T[]): T[] =>
    items
      .map((item, i) => ({ item, i }))
      .sort((p, q) => p.item.zIndex - q.item.zIndex || p.i - q.i)
      .map((p) => p.item);

  return {
    width,
    height,
    title: o.title,
    ...(o.subtitle ? { subtitle: o.subtitle } : {}),
    background: o.background,
    labelColor: o.labelColor,
    font: o.font,
    labelSize: o.labelSize,
    labelWeight: o.labelWeight,
    nodes: byZ([...shown.values()]),
    edges: byZ(edges),
  };
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number with at most two decimals. */
const n = (v: number): string => String(Math.round(v * 100) / 100);

function edgeSvg(e: SceneEdge): string {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const len = Math.hypot(dx, dy);
  const style = `stroke="${escapeXml(e.color)}" stroke-width="${n(e.width)}"`;
  if (!e.arrow || len <= e.targetR) {
    return `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" ${style}/>`;
  }
  // As sigma's arrow program draws it: the tip at the target's rim, the head 5× as long as the
  // line is wide and 4× as wide.
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(e.width * 2.5 * 2, Math.max(0, len - e.targetR));
  const half = e.width * 2;
  const tipX = e.x2 - ux * e.targetR;
  const tipY = e.y2 - uy * e.targetR;
  const baseX = tipX - ux * head;
  const baseY = tipY - uy * head;
  const points = [
    [tipX, tipY],
    [baseX - uy * half, baseY + ux * half],
    [baseX + uy * half, baseY - ux * half],
  ]
    .map(([x, y]) => `${n(x!)},${n(y!)}`)
    .join(' ');
  return (
    `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(baseX)}" y2="${n(baseY)}" ${style}/>` +
    `<polygon points="${points}" fill="${escapeXml(e.color)}"/>`
  );
}

function nodeSvg(v: SceneNode): string {
  const id = `data-id="${escapeXml(v.id)}"`;
  if (!v.border)
    return `<circle ${id} cx="${n(v.x)}" cy="${n(v.y)}" r="${n(v.r)}" fill="${escapeXml(v.color)}"/>`;
  // A ring drawn inside the rim, as sigma's border program does.
  const w = v.r * v.border.ratio;
  return (
    `<circle ${id} cx="${n(v.x)}" cy="${n(v.y)}" r="${n(Math.max(0, v.r - w / 2))}" fill="${escapeXml(v.color)}" ` +
    `stroke="${escapeXml(v.border.color)}" stroke-width="${n(w)}"/>`
  );
}

/** Serialises a scene as a standalone SVG 1.1 document. */
export function sceneToSvg(scene: Scene): string {
  const { width: w, height: h } = scene;
  const labels = scene.nodes.filter((v) => v.label);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(w)}" height="${n(h)}" viewBox="0 0 ${n(w)} ${n(h)}">`,
    `<title>${escapeXml(scene.subtitle ? `${scene.title} · ${scene.subtitle}` : scene.title)}</title>`,
    `<rect x="0" y="0" width="${n(w)}" height="${n(h)}" fill="${escapeXml(scene.background)}"/>`,
    '<g class="edges" stroke-linecap="round">',
    ...scene.edges.map(edgeSvg),
    '</g>',
    '<g class="nodes">',
    ...scene.nodes.map(nodeSvg),
    '</g>',
    `<g class="labels" font-family="${escapeXml(scene.font)}" font-size="${n(scene.labelSize)}" font-weight="${escapeXml(scene.labelWeight)}" fill="${escapeXml(scene.labelColor)}">`,
    // Sigma writes a label to the right of its node, a third of the font size below the centre.
    ...labels.map(
      (v) =>
        `<text x="${n(v.x + v.r + 3)}" y="${n(v.y + scene.labelSize / 3)}">${escapeXml(v.label!)}</text>`,
    ),
    '</g>',
    `<g class="title" font-family="${escapeXml(scene.font)}" fill="${escapeXml(scene.labelColor)}">`,
    `<text x="12" y="20" font-size="13" font-weight="600">${escapeXml(scene.title)}</text>`,
    ...(scene.subtitle ? [`<text x="12" y="36" font-size="11">${escapeXml(scene.subtitle)}</text>`] : []),
    '</g>',
    '</svg>',
    '',
  ];
  return out.join('\n');
}
