/**
 * Fetch jobs from the explorer (see jobs/fetch-jobs.ts):
 * - GET /api/fetch: whether this server may fetch, and the running or last job;
 * - POST /api/fetch `{work}`: starts a job for a work (202), 403 FETCH_DISABLED when fetching is off
 *   (a non-loopback server without --allow-fetch, or --no-fetch), 409 FETCH_BUSY while one runs,
 *   400/404 for a bad or unknown work;
 * - GET /api/fetch/<id>: the job's progress; DELETE /api/fetch/<id>: cancels it (the store stays as it was).
 * Responses never carry the e-mail or keys the server asks with.
 */
import type { FastifyInstance } from 'fastify';
import type { FetchCredentialsSet, FetchJobPayload, FetchStatusPayload } from '../../model/api';
import { FetchJobRefused, type FetchJobs } from '../jobs/fetch-jobs';
import type { FetchPermission } from '../jobs/fetch-permission';
import { sendApiError } from '../http-errors';
import { MAX_ID_LENGTH } from './params';

/** What the routes need: the job runner, or only the permission when the server cannot fetch at all. */
export interface FetchRouteDeps {
  jobs: FetchJobs | null;
  permission: FetchPermission;
}

/** Registers the fetch job routes. */
export function register(app: FastifyInstance, deps: FetchRouteDeps): void {
  app.get('/api/fetch', (_request, reply) => {
    const body: FetchStatusPayload = {
      enabled: deps.permission.enabled,
      reason: deps.permission.reason,
      job: deps.jobs?.latest() ?? null,
      credentials: deps.jobs?.credentialsSet() ?? { mailto: false, apiKey: false, ncbiApiKey: false },
    };
    void reply.send(body);
  });

  app.post(
    '/api/fetch',
    {
      schema: {
        body: {
          type: 'object',
          required: ['work'],
          additionalProperties: false,
          properties: { work: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH } },
        },
      },
    },
    async (request, reply) => {
      // Refused before the body's work is even looked at.
      if (!deps.permission.enabled || !deps.jobs) {
        return sendApiError(reply, 'FETCH_DISABLED', deps.permission.reason);
      }
      const { work } = request.body as { work: string };
      try {
        const job: FetchJobPayload = await deps.jobs.start(work.trim());
        return reply.status(202).send(job);
      } catch (e: unknown) {
        if (e instanceof FetchJobRefused) return sendApiError(reply, e.code, e.message);
        throw e;
      }
    },
  );

  // The e-mail and keys, in memory only; the answer says which are set, never what they are.
  app.put(
    '/api/fetch/settings',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            mailto: { type: 'string', maxLength: 200, pattern: '^$|^[^\\s@]+@[^\\s@]+$' },
            apiKey: { type: 'string', maxLength: 200, pattern: '^[\\x21-\\x7e]*$' },
            ncbiApiKey: { type: 'string', maxLength: 200, pattern: '^[\\x21-\\x7e]*$' },
          },
        },
      },
    },
    (request, reply) => {
      if (!deps.permission.enabled || !deps.jobs) {
        return sendApiError(reply, 'FETCH_DISABLED', deps.permission.reason);
      }
      deps.jobs.setCredentials(request.body as { mailto?: string; apiKey?: string; ncbiApiKey?: string });
      return reply.send(deps.jobs.credentialsSet() satisfies FetchCredentialsSet);
    },
  );

  const idOf = (raw: unknown): string => (typeof raw === 'string' ? raw : '');
  const jobRoute = {
    schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } } },
  };

  app.get('/api/fetch/:id', jobRoute, async (request, reply) => {
    const job = deps.jobs?.get(idOf((request.params as { id?: unknown }).id)) ?? null;
    if (!job) return sendApiError(reply, 'NOT_FOUND', 'No such fetch job (only the latest is kept).');
    return job;
  });

  app.delete('/api/fetch/:id', jobRoute, async (request, reply) => {
    const job = deps.jobs?.cancel(idOf((request.params as { id?: unknown }).id)) ?? null;
    if (!job) return sendApiError(reply, 'NOT_FOUND', 'No such fetch job (only the latest is kept).');
    return job;
  });
}
