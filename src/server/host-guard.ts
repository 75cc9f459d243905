/**
 * Only our own pages talk to the server. The server listens on a loopback address by default, but
 * any web page the user opens can still reach it: through DNS rebinding (a name the attacker
 * controls resolves to 127.0.0.1, so the browser sends `Host: evil.example.com` and treats the
 * answer as same-origin) or with plain cross-site requests (a form POST, an `<img src>`, a no-cors
 * fetch) whose answers it cannot read but whose work the server still does.
 *
 * So every request must be addressed to a name the server was started for (its `Host` header:
 * loopback names with the server's port, the `--host` it was given, the `--allowed-host` list),
 * and a browser request must come from one of those origins (`Origin`, `Sec-Fetch-Site`). CORS
 * stays closed: no route sends `Access-Control-Allow-Origin`, so other origins cannot read answers.
 */
import { networkInterfaces, hostname as machineName } from 'node:os';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './http-errors';

/** Options of {@link registerHostGuard}. */
export interface HostGuardOptions {
  /**
   * The address the server listens on (`--host`). Loopback names are always allowed; a specific
   * address or name is allowed too; a wildcard (`0.0.0.0`, `::`) allows this machine's interface
   * addresses and its host name.
   */
  host?: string;
  /**
   * More names the server may be addressed by (`--allowed-host`), e.g. the name of a reverse proxy
   * in front of it: `explorer.lab.org` (any port) or `explorer.lab.org:8443` (that port only). The
   * origin of a page served elsewhere (the Vite dev server) is allowed the same way.
   */
  allowedHosts?: readonly string[];
}

/** Loopback names: always allowed, on the server's own port. */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** A host as `Host` and `Origin` carry it, split; null when it is not a host[:port]. */
interface HostPort {
  /** Lower case, IPv6 without brackets, without a trailing dot. */
  name: string;
  /** null when none was given. */
  port: number | null;
}

/** Longest Host header considered (a DNS name is at most 253 characters). */
const MAX_HOST_LENGTH = 300;

/** Parses `name`, `name:port`, `[v6]` or `[v6]:port`. */
export function parseHostPort(raw: string): HostPort | null {
  const s = raw.trim().toLowerCase();
  if (s === '' || s.length > MAX_HOST_LENGTH) return null;
  let name: string;
  let rest: string;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return null;
    name = s.slice(1, close);
    rest = s.slice(close + 1);
    if (isIP(name) !== 6) return null;
  } else if (isIP(s) === 6) {
    // A bare IPv6 address (as `--host ::1` is given); never what a Host header holds.
    return { name: s, port: null };
  } else {
    const colon = s.lastIndexOf(':');
    name = colon < 0 ? s : s.slice(0, colon);
    rest = colon < 0 ? '' : s.slice(colon);
    if (!/^[a-z0-9._-]+$/.test(name)) return null;
  }
  name = name.replace(/\.$/, '');
  if (rest === '') return { name, port: null };
  const m = /^:(\d{1,5})$/.exec(rest);
  if (!m) return null;
  const port = Number(m[1]);
  return port <= 65535 ? { name, port } : null;
}

const show = (h: HostPort): string => (h.name.includes(':') ? `[${h.name}]` : h.name);

/** The names a server started with `options` may be addressed by, and whether they carry a port. */
function allowedNames(options: HostGuardOptions): { local: Set<string>; extra: HostPort[] } {
  const local = new Set(LOOPBACK);
  const host = parseHostPort(options.host ?? '127.0.0.1');
  if (host && WILDCARDS.has(host.name)) {
    // Bound to every interface: the machine's own addresses and name are what others will type.
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) local.add(a.address.toLowerCase().replace(/%.*$/, ''));
    }
    local.add(machineName().toLowerCase());
  } else if (host) local.add(host.name);
  const extra: HostPort[] = [];
  for (const entry of options.allowedHosts ?? []) {
    const parsed = parseHostPort(entry);
    if (!parsed) throw new Error(`Not a host name or host:port: "${entry}".`);
    extra.push(parsed);
  }
  return { local, extra };
}

/**
 * Adds an `onRequest` hook to `app` that refuses requests addressed to another name (421
 * `HOST_NOT_ALLOWED`) and browser requests from other sites (403 `ORIGIN_NOT_ALLOWED`,
 * `CROSS_SITE`). Register it before any route.
 * @throws Error when an entry of `allowedHosts` is not a host name or host:port.
 */
export function registerHostGuard(app: FastifyInstance, options: HostGuardOptions = {}): void {
  const { local, extra } = allowedNames(options);
  /** Is `h` one of ours? Local names only on the port the request came in on. */
  const isOurs = (h: HostPort, localPort: number | undefined): boolean => {
    // No port in the header means the scheme's default (80 for http).
    if (local.has(h.name) && (localPort === undefined || (h.port ?? 80) === localPort)) return true;
    return extra.some((e) => e.name === h.name && (e.port === null || e.port === (h.port ?? 80)));
  };
  const names = (localPort: number | undefined): string => {
    const port = localPort === undefined ? '' : `:${localPort}`;
    const list = [
      ...[...local].slice(0, 6).map((n) => `${show({ name: n, port: null })}${port}`),
      ...extra.map((e) => `${show(e)}${e.port === null ? '' : `:${e.port}`}`),
    ];
    return list.join(', ') + (local.size > 6 ? ', …' : '');
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const localPort = request.socket.localPort;
    const rawHost = request.headers.host ?? '';
    const host = parseHostPort(rawHost);
    if (!host || !isOurs(host, localPort)) {
      const shown = rawHost.slice(0, 100) || '(none)';
      return sendApiError(
        reply,
        'HOST_NOT_ALLOWED',
        `This server answers only requests addressed to ${names(localPort)}, not "${shown}". ` +
          'To reach it under another name, start it with --allowed-host <name>.',
      );
    }
    // A browser names the page a request comes from. Pages of other origins may not use the API:
    // without CORS they cannot read the answer, but the server would still do the work.
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const from = originHost(origin);
      const same = from !== null && from.name === host.name && (from.port ?? 80) === (host.port ?? 80);
      if (!same && (from === null || !isOurs(from, localPort))) {
        return sendApiError(
          reply,
          'ORIGIN_NOT_ALLOWED',
          `Requests from pages at ${origin.slice(0, 100)} are refused: only this server's own pages may use it. ` +
            'To allow another origin, start the server with --allowed-host <host:port>.',
        );
      }
      return;
    }
    // Without Origin (GET, <img>, <script>, navigations), modern browsers still say whether the
    // request comes from another site. A link the user follows (navigate) is fine.
    const site = request.headers['sec-fetch-site'];
    if (
      (site === 'cross-site' || site === 'same-site') &&
      request.headers['sec-fetch-mode'] !== 'navigate' &&
      request.url.startsWith('/api/')
    ) {
      return sendApiError(
        reply,
        'CROSS_SITE',
        'Requests to the API from pages of other sites are refused: only this server’s own pages may use it.',
      );
    }
  });
}

/** The host of an `Origin` header (`http://host:port`), with the scheme's default port; null for `null` or junk. */
function originHost(origin: string): HostPort | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const parsed = parseHostPort(url.host);
  if (!parsed) return null;
  return { name: parsed.name, port: parsed.port ?? (url.protocol === 'https:' ? 443 : 80) };
}
