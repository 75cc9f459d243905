/**
 * A polite HTTP client for public scholarly APIs: identifies itself, keeps to a request rate and a
 * number of requests in flight, times out hung requests, retries what retrying can fix (429, 5xx,
 * network errors, truncated or HTML answers) with exponential backoff and jitter, honours
 * `Retry-After` (and makes every worker wait, not just the one that was told), and caches every
 * good answer on disk so an interrupted run resumes without asking twice.
 */
import { FetchError, errorMessage } from '../model/errors';
import type { CachedResponse, ResponseCache } from './cache';

/** Checks a response body before it is accepted and cached; returns a problem or null. */
export type BodyCheck = (body: string, contentType: string | null) => string | null;

/** What the client reports as it works. */
export type HttpEvent =
  | { type: 'response'; url: string; fromCache: boolean; status: number }
  | { type: 'retry'; url: string; attempt: number; reason: string; delayMs: number };

/** Settings of one API's client. */
export interface HttpClientOptions {
  /** The API's name in messages ("OpenAlex"). */
  name: string;
  userAgent: string;
  cache: ResponseCache | null;
  /** Requests started per second, at most. */
  ratePerSecond: number;
  /** Requests in flight, at most. */
  concurrency: number;
  /** Time limit of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** First backoff step in milliseconds (doubled each attempt, with jitter). */
  baseDelayMs?: number;
  /** Longest wait a `Retry-After` may ask for before the run stops instead (milliseconds). */
  maxRetryAfterMs?: number;
  /** Query parameters that identify or authenticate the caller: kept out of cache keys, messages and sources. */
  privateParams?: readonly string[];
  /** Extra request headers. */
  headers?: Record<string, string>;
  onEvent?: (e: HttpEvent) => void;
}

/** The answer to a GET: the body, or `null` for a 404 the caller accepts. */
export interface HttpResult {
  /** The request URL without private parameters. */
  url: string;
  status: number;
  body: string | null;
  fromCache: boolean;
}

/** Counts of what a client did. */
export interface HttpStats {
  /** Answers received over the network (after retries). */
  network: number;
  /** Answers read from the cache. */
  cached: number;
  /** Attempts that were retried. */
  retries: number;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads `Retry-After` (seconds or an HTTP date) in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Backoff before attempt `attempt + 1` (attempt counts from 1): half of `base·2^(attempt-1)` plus a
 * random part of the other half ("equal jitter"), capped at 30 s.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(30_000, baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** A short description of an HTML page (its title), for messages. */
function htmlSummary(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  return title ? `"${title.slice(0, 120)}"` : 'an HTML page';
}

/** True when a body is an HTML page rather than data. */
export function looksLikeHtml(body: string, contentType: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*(<!doctype html|<html)/i.test(body);
}

/** The message an API put in an error body (`{"error", "message"}` or an HTML title), for messages. */
function errorDetail(body: string, contentType: string | null): string {
  if (looksLikeHtml(body, contentType)) return `it sent ${htmlSummary(body)}`;
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown };
    const parts = [json.error, json.message].filter((p): p is string => typeof p === 'string');
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // not JSON: fall through
  }
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 160);
  return text ? `"${text}"` : 'no details';
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** An HTTP client for one API (one rate limit, one cache). */
export class HttpClient {
  readonly options: Required<Omit<HttpClientOptions, 'onEvent' | 'cache' | 'headers'>> &
    Pick<HttpClientOptions, 'onEvent' | 'cache' | 'headers'>;
  readonly stats: HttpStats = { network: 0, cached: 0, retries: 0 };
  private nextStart = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: HttpClientOptions) {
    this.options = {
      maxAttempts: 5,
      baseDelayMs: 500,
      maxRetryAfterMs: 120_000,
      privateParams: [],
      ...options,
    };
  }

  /** The URL without private parameters: what is cached, reported and written to `sources`. */
  publicUrl(url: URL): string {
    const copy = new URL(url);
    for (const p of this.options.privateParams) copy.searchParams.delete(p);
    return copy.toString();
  }

  /**
   * GETs a URL: from the cache when it is there, else from the network with retries.
   * @param check validates a 200 body before it is accepted and cached (e.g. parses as JSON).
   * @param allowNotFound answer a 404 with `body: null` instead of throwing.
   * @throws FetchError when the request fails for good.
   */
  async get(url: URL, check: BodyCheck, allowNotFound = false): Promise<HttpResult> {
    const publicUrl = this.publicUrl(url);
    const cached: CachedResponse | null = this.options.cache ? await this.options.cache.get(publicUrl) : null;
    if (cached && check(cached.body, cached.contentType) === null) {
      this.stats.cached += 1;
      this.options.onEvent?.({ type: 'response', url: publicUrl, fromCache: true, status: 200 });
      return { url: publicUrl, status: 200, body: cached.body, fromCache: true };
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.attempt(url, publicUrl, check, allowNotFound);
        this.stats.network += 1;
        this.options.onEvent?.({ type: 'response', url: publicUrl, fromCache: false, status: result.status });
        return result;
      } catch (e: unknown) {
        if (!(e instanceof Retryable)) throw e;
        const { name, maxAttempts, maxRetryAfterMs, baseDelayMs } = this.options;
        if (e.retryAfterMs !== null && e.retryAfterMs > maxRetryAfterMs) {
          throw new FetchError(
            `${name} asks to wait ${Math.ceil(e.retryAfterMs / 1000)} s before the next request (${e.message}); ` +
              'its daily budget is probably used up. What was fetched so far is cached: run the same command later, ' +
              'or with an API key, to go on from there.',
            { url: publicUrl, status: e.status },
          );
        }
        if (attempt >= maxAttempts) {
          throw new FetchError(
            `${name} request failed after ${attempt} attempts: ${e.message} (${publicUrl}). ` +
              'What was fetched so far is cached; run the command again to go on from there.',
            { url: publicUrl, status: e.status },
          );
        }
        const delayMs = e.retryAfterMs ?? backoffMs(attempt, baseDelayMs);
        this.stats.retries += 1;
        this.options.onEvent?.({ type: 'retry', url: publicUrl, attempt, reason: e.message, delayMs });
        if (e.retryAfterMs !== null) this.nextStart = Math.max(this.nextStart, Date.now() + e.retryAfterMs);
        await sleep(delayMs);
      }
    }
  }

  private async attempt(
    url: URL,
    publicUrl: string,
    check: BodyCheck,
    allowNotFound: boolean,
  ): Promise<HttpResult> {
    const { name, timeoutMs } = this.options;
    await this.acquire();
    let status: number;
    let body: string;
    let contentType: string | null;
    let retryAfter: string | null;
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { 'User-Agent': this.options.userAgent, ...this.options.headers },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
        });
        status = response.status;
        contentType = response.headers.get('content-type');
        retryAfter = response.headers.get('retry-after');
        body = await response.text();
      } catch (e: unknown) {
        const isTimeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        throw new Retryable(
          isTimeout
            ? `no answer within ${timeoutMs} ms`
            : `cannot reach ${name} (${errorMessage(e)}${cause})`,
          null,
        );
      }
    } finally {
      this.release();
    }
    if (status === 200) {
      if (looksLikeHtml(body, contentType)) {
        throw new Retryable(`${name} answered with ${htmlSummary(body)} instead of data`, status);
      }
      const problem = check(body, contentType);
      if (problem) throw new Retryable(problem, status);
      if (this.options.cache) {
        await this.options.cache.put({
          url: publicUrl,
          fetchedAt: new Date().toISOString(),
          contentType,
          body,
        });
      }
      return { url: publicUrl, status, body, fromCache: false };
    }
    if (status === 404 && allowNotFound) return { url: publicUrl, status, body: null, fromCache: false };
    const detail = `HTTP ${status}, ${errorDetail(body, contentType)}`;
    if (RETRYABLE_STATUS.has(status)) throw new Retryable(detail, status, parseRetryAfter(retryAfter));
    const hint =
      status === 401 || status === 403
        ? ` ${name} refuses requests without a valid API key or when they come too fast; check --api-key.`
        : '';
    throw new FetchError(`${name} refused the request (${detail}): ${publicUrl}.${hint}`, {
      url: publicUrl,
      status,
    });
  }

  /** Waits for a free slot: fewer than `concurrency` in flight and the rate respected. */
  private async acquire(): Promise<void> {
    while (this.inFlight >= this.options.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight += 1;
    const interval = 1000 / this.options.ratePerSecond;
    const now = Date.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + interval;
    if (start > now) await sleep(start - now);
  }

  private release(): void {
    this.inFlight -= 1;
    this.waiting.shift()?.();
  }
}

/** A BodyCheck for JSON bodies: must parse. */
export const isJson: BodyCheck = (body) => {
  try {
    JSON.parse(body);
    return null;
  } catch (e: unknown) {
    return `the answer is not valid JSON, probably cut off (${errorMessage(e)})`;
  }
};
