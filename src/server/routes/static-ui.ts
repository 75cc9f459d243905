/**
 * What is not an API route: a JSON 404 for unknown /api/ paths, the built UI (index.html and
 * assets) when there is one, and the app shell for client-side routes. Register it last.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendApiError } from '../http-errors';

/** Where the built UI is. */
export interface StaticUiDeps {
  /** Folder of the built UI (index.html + assets); null serves the API only. */
  uiDir: string | null;
}

/** Registers the /api/* 404, static hosting of the UI and the not-found handler. */
export async function register(app: FastifyInstance, deps: StaticUiDeps): Promise<void> {
  app.all('/api/*', async (request, reply) =>
    sendApiError(reply, 'NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}.`),
  );

  const { uiDir } = deps;
  if (uiDir && existsSync(path.join(uiDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: uiDir, index: 'index.html' });
    // Client-side routes fall back to the app shell.
    app.setNotFoundHandler(async (request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/assets/')) {
        return sendApiError(reply, 'NOT_FOUND', 'Not found.');
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler(async (_request, reply) =>
      sendApiError(reply, 'NOT_FOUND', 'Not found. The web UI is not built; run npm run build.'),
    );
  }
}
