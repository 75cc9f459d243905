/**
 * The polite HTTP client against the local fixture server: retries with backoff, Retry-After,
 * timeouts, bad answers and the on-disk cache. No test touches the network.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/enrich/cache';
import {
  HttpClient,
  backoffMs,
  isJson,
  parseRetryAfter,
  type HttpClientOptions,
} from '../../src/enrich/http-client';
import { FetchError } from '../../src/model/errors';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { tempDir } from '../support/temp';

let api: FixtureApi;
beforeAll(async () => {
  api = await startFixtureApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => api.reset());

const workUrl = (): URL =>
  new URL(`${api.openalexUrl}/works/W9900000002?api_key=secret-key&mailto=me%40lab.org`);

function client(options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    name: 'OpenAlex',
    userAgent: 'crosstalk-kg/test',
    cache: null,
    ratePerSecond: 100,
    concurrency: 2,
    timeoutMs: 2000,
    baseDelayMs: 10,
    privateParams: ['api_key', 'mailto'],
    ...options,
  });
}

describe('HttpClient', () => {
  it('waits as long as Retry-After says after a 429, then gets the answer', async () => {
    api.inject({ kind: 'status', status: 429, retryAfter: '1' });
    const http = client();
    const started = Date.now();
    const r = await http.get(workUrl(), isJson);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(JSON.parse(r.body ?? '')).toMatchObject({ id: 'https://openalex.org/W9900000002' });
    expect(api.requests.map((q) => q.status)).toEqual([429, 200]);
    expect(http.stats).toEqual({ network: 1, cached: 0, retries: 1 });
  });

  it('stops at once when Retry-After asks for longer than it will wait, saying why', async () => {
    api.inject({ kind: 'status', status: 429, retryAfter: '3600' });
    const err = await client()
      .get(workUrl(), isJson)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/asks to wait 3600 s .*daily budget/);
    expect((err as FetchError).status).toBe(429);
    expect(api.requests).toHaveLength(1);
  });

  it('retries 500s and an HTML error page with backoff', async () => {
    api.inject({ kind: 'status', status: 500 }, undefined, 2);
    api.inject({ kind: 'html', status: 502 });
    const http = client();
    const r = await http.get(workUrl(), isJson);
    expect(r.status).toBe(200);
    expect(api.requests.map((q) => q.status)).toEqual([500, 500, 502, 200]);
    expect(http.stats.retries).toBe(3);
  });

  it('gives up after its attempts with the last problem in the message and no credentials', async () => {
    api.inject({ kind: 'html', status: 502 }, undefined, 5);
    const err = await client()
      .get(workUrl(), isJson)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    const message = (err as FetchError).message;
    expect(message).toMatch(/failed after 5 attempts: HTTP 502, it sent "502 Bad Gateway"/);
    expect(message).not.toMatch(/secret-key|lab\.org/);
    expect(api.requests).toHaveLength(5);
  });

  it('treats a 200 whose JSON is cut off as a failed attempt', async () => {
    api.inject({ kind: 'truncate' }, undefined, 5);
    const err = await client()
      .get(workUrl(), isJson)
      .catch((e: unknown) => e);
    expect((err as FetchError).message).toMatch(/not valid JSON, probably cut off/);
    api.inject({ kind: 'truncate' });
    const r = await client().get(workUrl(), isJson);
    expect(JSON.parse(r.body ?? '')).toHaveProperty('id');
  });

  it('times out a hung request and tries again', async () => {
    api.inject({ kind: 'slow', ms: 1500 });
    const r = await client({ timeoutMs: 300 }).get(workUrl(), isJson);
    expect(r.status).toBe(200);
    expect(api.requests).toHaveLength(2);
  });

  it('does not retry a refusal (400), and answers 404 when asked to', async () => {
    const bad = await client()
      .get(new URL(`${api.openalexUrl}/works?filter=nonsense:1`), isJson)
      .catch((e: unknown) => e);
    expect((bad as FetchError).message).toMatch(
      /refused the request \(HTTP 400, Invalid query parameters error/,
    );
    expect(api.requests).toHaveLength(1);
    const missing = await client().get(
      new URL(`${api.openalexUrl}/works/doi:10.1002/agm2.12080`),
      isJson,
      true,
    );
    expect(missing).toMatchObject({ status: 404, body: null });
  });

  it('answers a second time from the cache, keyed without credentials', async () => {
    const cache = new ResponseCache(await tempDir());
    const first = await client({ cache }).get(workUrl(), isJson);
    const url = workUrl();
    url.searchParams.set('api_key', 'another-key');
    const second = await client({ cache }).get(url, isJson);
    expect(first.fromCache).toBe(false);
    expect(second).toMatchObject({ fromCache: true, body: first.body });
    expect(second.url).toBe(`${api.openalexUrl}/works/W9900000002`);
    expect(api.requests).toHaveLength(1);
  });

  it('keeps to its rate', async () => {
    const http = client({ ratePerSecond: 10, concurrency: 4 });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4, 5].map(() => http.get(workUrl(), isJson)));
    // Five starts at 10/s: the last starts 400 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('backs off exponentially with jitter', () => {
    expect(backoffMs(1, 500, () => 0)).toBe(250);
    expect(backoffMs(1, 500, () => 1)).toBe(500);
    expect(backoffMs(3, 500, () => 0)).toBe(1000);
    expect(backoffMs(20, 500, () => 1)).toBe(30_000);
  });
});
