/**
 * `npm run neo4j:local`: Neo4j Community on bolt://127.0.0.1:7687 without Docker (needs Java 17+ and
 * Maven). Data in .data/neo4j; user neo4j, password $NEO4J_PASSWORD (default crosstalk-dev).
 * Ctrl-C or SIGTERM stops it cleanly. `--prepare` only resolves the Maven dependencies and exits.
 * Environment: NEO4J_LOCAL_DIR (data folder), NEO4J_LOCAL_PORT (default 7687), NEO4J_PASSWORD,
 * NEO4J_LOCAL_VERSION (default: the 5.26 LTS pinned in neo4j/pom.xml; a 2026.x release needs Java
 * 21+) and JAVA_HOME (the JDK to run it with).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  DEFAULT_LOCAL_DIR,
  javaArgs,
  javaCommand,
  launcherEnv,
  localNeo4jTools,
  localNeo4jVersion,
  prepareLocalNeo4j,
} from '../neo4j/local-neo4j';
import { DEFAULT_NEO4J_PASSWORD } from '../src/store/neo4j/config';
import { errorMessage } from '../src/model/errors';

const err = (s: string): void => void process.stderr.write(`${s}\n`);

async function main(argv: string[]): Promise<number> {
  const prepareOnly = argv.includes('--prepare');
  const unknown = argv.filter((a) => a !== '--prepare');
  if (unknown.length > 0) {
    err(`usage: npm run neo4j:local [-- --prepare]   (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  let version: string;
  try {
    version = localNeo4jVersion();
  } catch (e: unknown) {
    err(errorMessage(e));
    return 2;
  }
  const tools = localNeo4jTools();
  if (!tools.ok) {
    err(
      `The local Neo4j ${version} needs ${tools.missing.join(' and ')} (Debian: apt-get install openjdk-17-jdk-headless maven); ` +
        'or run Neo4j with docker compose up neo4j (see the README).',
    );
    return 1;
  }
  const prep = await prepareLocalNeo4j(err);
  if (prepareOnly) {
    err(
      prep.resolved
        ? `Resolved Neo4j ${version} in ${(prep.ms / 1000).toFixed(1)} s.`
        : `Neo4j ${version} is already resolved.`,
    );
    return 0;
  }
  const env = process.env;
  const dir = path.resolve(env.NEO4J_LOCAL_DIR || DEFAULT_LOCAL_DIR);
  const port = Number(env.NEO4J_LOCAL_PORT || 7687);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    err(`NEO4J_LOCAL_PORT must be a port number, not "${env.NEO4J_LOCAL_PORT}"`);
    return 2;
  }
  const password = env.NEO4J_PASSWORD || DEFAULT_NEO4J_PASSWORD;
  const child = spawn(javaCommand(), javaArgs(), {
    env: launcherEnv({ dir, port, password }),
    stdio: 'inherit',
  });
  // Ctrl-C reaches java directly (same process group); a SIGTERM sent to this process is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    });
  }
  return new Promise<number>((resolve) => {
    child.on('error', (e) => {
      err(`Could not start java: ${e.message}`);
      resolve(1);
    });
    // The JVM exits with 128 + signal after a clean stop on SIGINT (130) or SIGTERM (143).
    child.on('exit', (code) => resolve(code === 130 || code === 143 ? 0 : (code ?? 1)));
  });
}

process.exitCode = await main(process.argv.slice(2));
