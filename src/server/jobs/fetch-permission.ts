/**
 * Who may make the server fetch from OpenAlex and PubMed. A fetch spends the operator's API budget
 * and changes the data every reader sees, so only the person at the machine may start one by
 * default: on for a server bound to a loopback address, off for any other `--host` unless
 * `--allow-fetch`; `--no-fetch` turns it off everywhere. Decided once, at start.
 */
import { isIP } from 'node:net';

/** The flags that decide it. */
export interface FetchPermissionFlags {
  /** `--allow-fetch`: allow fetches on a server bound to a non-loopback address. */
  allowFetch?: boolean;
  /** `--no-fetch`: never fetch. */
  noFetch?: boolean;
}

/** Whether fetch jobs are allowed, and a sentence saying why (shown in the UI and in refusals). */
export interface FetchPermission {
  enabled: boolean;
  reason: string;
}

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Decides whether a server bound to `host` may fetch (see the module comment). */
export function fetchPermission(host: string | undefined, flags: FetchPermissionFlags): FetchPermission {
  const bound = host ?? '127.0.0.1';
  if (flags.noFetch)
    return { enabled: false, reason: 'Fetching is off: the server was started with --no-fetch.' };
  if (isLoopbackHost(bound)) {
    return { enabled: true, reason: `The server listens on ${bound} (this machine only), so it may fetch.` };
  }
  if (flags.allowFetch) {
    return { enabled: true, reason: `The server listens on ${bound} and was started with --allow-fetch.` };
  }
  return {
    enabled: false,
    reason: `Fetching is off: the server listens on ${bound}, reachable from other machines. Start it with --allow-fetch to let its users fetch, or run \`crosstalk fetch\` yourself.`,
  };
}
