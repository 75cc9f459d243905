/** The benchmark's server side: start the real server, time requests, load it with autocannon. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import type { EngineName } from '../store/embedded/engine';
import { BUNDLED, ROOT } from './paths';
import { percentile, type ApiRow, type DatasetInfo } from './report';
import { synthWorkId } from './synth';

/** Peak and current RSS of a process (Linux /proc), in bytes. */
export function rssOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

export interface Server {
  url: string;
  child: ChildProcess;
  startMs: number;
  stop: () => Promise<void>;
}

export async function startServer(db: string, engine: EngineName): Promise<Server> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/crosstalk.js'), 'serve', '--db', db, '--engine', engine, '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CROSSTALK_DB: '', CROSSTALK_ENGINE: '' },
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 120_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /serving the \w+ graph at (http:\/\/\S+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  return { url: url.replace(/\/$/, ''), child, startMs: performance.now() - started, stop };
}

/** GET with timing; returns the body bytes as sent (gzip when asked). */
export function get(url: string, gzip: boolean): Promise<{ status: number; ms: number; bytes: Buffer }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          bytes: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(600_000, () => req.destroy(new Error('timeout')));
  });
}

export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export async function endpointsFor(dataset: DatasetInfo): Promise<Endpoint[]> {
  const enc = encodeURIComponent;
  const [work, target] = dataset.synthetic
    ? [synthWorkId(Math.floor(dataset.works / 2)), synthWorkId(Math.max(1, Math.floor(dataset.works / 10)))]
    : ['doi:10.1038/s41574-025-01088-x', 'doi:10.1007/s00223-016-0209-4'];
  const from = dataset.synthetic ? synthWorkId(dataset.works) : work;
  const cypher = async (file: string): Promise<Endpoint> => ({
    name: `cypher ${file.replace(/\.cypher$/, '')}`,
    method: 'POST',
    path: '/api/cypher',
    body: JSON.stringify({ query: await readFile(path.join(BUNDLED, 'queries', file), 'utf8') }),
  });
  return [
    { name: 'graph', method: 'GET', path: '/api/graph' },
    // The cheapest route: the HTTP floor that the issue-19 targets are compared with.
    { name: 'stats', method: 'GET', path: '/api/stats' },
    { name: 'node', method: 'GET', path: `/api/nodes/${enc(work)}` },
    { name: 'search', method: 'GET', path: '/api/search?q=irisin%20bone' },
    { name: 'neighborhood', method: 'GET', path: `/api/neighborhood/${enc(work)}` },
    { name: 'paths', method: 'GET', path: `/api/paths?from=${enc(from)}&to=${enc(target)}&via=cites&max=4` },
    { name: 'related', method: 'GET', path: `/api/related/${enc(work)}` },
    { name: 'related not-cited', method: 'GET', path: `/api/related/${enc(from)}?kind=not-cited` },
    await cypher('04-most-cited.cypher'),
    await cypher('05-co-mentioned-with-sclerostin.cypher'),
    await cypher('07-muscle-to-bone-signals.cypher'),
  ];
}

export async function cannon(
  base: string,
  ep: Endpoint,
  connections: number,
  seconds: number,
): Promise<Omit<ApiRow, 'dataset'>> {
  const times: number[] = [];
  const instance = autocannon({
    url: base + ep.path,
    method: ep.method,
    connections,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    ...(ep.body ? { body: ep.body } : {}),
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  return {
    endpoint: ep.name,
    connections,
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Resolves once the server answers a cheap request (its backlog from a load run is done). */
export async function drained(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(new URL('/api/stats', base), { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // still busy: try again
    }
  }
}
