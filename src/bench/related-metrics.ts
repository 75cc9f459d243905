/**
 * Names of the figures src/bench/related-bench.ts reports and src/bench/speed-targets.ts checks
 * (issue 15's targets). A module of its own so the pure target check does not load Chromium's driver.
 */
export const RELATED_METRICS = {
  relatedP95: 'related works of one work, p95',
  auditP95: '"did not cite" audit, p95',
  mapDataP95: 'literature map data (300 works), p95',
  floorP95: 'GET /api/stats (HTTP floor, same requests), p95',
  mapFrame: 'literature map (300 works) in Chromium: request → first frame, median',
  mapFrameRequest: 'literature map (300 works) in Chromium: its data request, median',
  mapLaidOut: 'literature map (300 works) in Chromium: request → laid out (ForceAtlas2), median',
} as const;
