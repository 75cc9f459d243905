/**
 * The local Neo4j from Node: resolve its Maven classpath once, start neo4j/LocalNeo4j.java, wait for
 * its ready line, stop it. Used by `npm run neo4j:local` (scripts/neo4j-local.ts) and by the test
 * suite (test/support/neo4j-setup.ts). Needs Java 17+ and Maven; the first run downloads Neo4j
 * Community from Maven Central (about 150 MB, about a minute).
 *
 * The version is the one pinned in pom.xml (the 5.26 LTS), unless NEO4J_LOCAL_VERSION names another
 * (e.g. a 2026.x calendar release, which needs Java 21+: point JAVA_HOME at such a JDK). JAVA_HOME,
 * when set, chooses the JDK of both Maven and the launcher.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder (pom.xml, LocalNeo4j.java, neo4j.conf). */
export const NEO4J_TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Default data folder of `npm run neo4j:local`. */
export const DEFAULT_LOCAL_DIR = path.resolve(NEO4J_TOOL_DIR, '..', '.data', 'neo4j');
/** Exit code of the launcher when another instance holds the folder or the port. */
export const EXIT_ALREADY_RUNNING = 3;

const POM = path.join(NEO4J_TOOL_DIR, 'pom.xml');
const LAUNCHER = path.join(NEO4J_TOOL_DIR, 'LocalNeo4j.java');
const CONF = path.join(NEO4J_TOOL_DIR, 'neo4j.conf');
const TARGET = path.join(NEO4J_TOOL_DIR, 'target');

/** The Neo4j version pinned in pom.xml. */
export function pinnedNeo4jVersion(): string {
  return /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'))?.[1] ?? 'unknown';
}

/**
 * The Neo4j version the local Neo4j runs: NEO4J_LOCAL_VERSION, else the one pinned in pom.xml.
 * @throws Error when NEO4J_LOCAL_VERSION is not a version number.
 */
export function localNeo4jVersion(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.NEO4J_LOCAL_VERSION?.trim();
  if (!v) return pinnedNeo4jVersion();
  if (!/^\d+\.\d+\.\d+$/.test(v))
    throw new Error(`NEO4J_LOCAL_VERSION must look like 5.26.30 or 2026.08.1, not "${v}"`);
  return v;
}

/** The Java major version a Neo4j version needs: 17 for 5.x, 21 for the calendar releases (2025.x on). */
export function javaNeededBy(version: string): number {
  return Number(version.split('.')[0]) >= 2025 ? 21 : 17;
}

/** The `java` (or `javac`) of JAVA_HOME when it is set, else the one on PATH. */
export function javaCommand(tool: 'java' | 'javac' = 'java', env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', tool) : tool;
}

// One resolved classpath per version, so switching versions does not resolve again.
const classpathFile = (version: string): string => path.join(TARGET, `classpath-${version}.txt`);
/** A java @argfile holding `-cp <classpath>`, so the command line stays short. */
const argFile = (version: string): string => path.join(TARGET, `classpath-${version}.args`);

/** What this machine has for running the local Neo4j; `missing` says what to install. */
export function localNeo4jTools(): { ok: boolean; missing: string[] } {
  const missing: string[] = [];
  let needed = 17;
  try {
    needed = javaNeededBy(localNeo4jVersion());
  } catch (e: unknown) {
    missing.push(e instanceof Error ? e.message : String(e));
  }
  const java = spawnSync(javaCommand('java'), ['-version'], { encoding: 'utf8' });
  const major = Number(/version "(\d+)/.exec(`${java.stderr}${java.stdout}`)?.[1] ?? 0);
  // The launcher runs from source (java LocalNeo4j.java), which needs a JDK, not only a JRE.
  const javac = spawnSync(javaCommand('javac'), ['-version'], { encoding: 'utf8' });
  const jdk = `a Java ${needed}+ JDK${process.env.JAVA_HOME ? ` (JAVA_HOME=${process.env.JAVA_HOME})` : ''}`;
  if (java.error || java.status !== 0 || javac.error || javac.status !== 0) missing.push(jdk);
  else if (major < needed) missing.push(`${jdk} (found Java ${major})`);
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) missing.push('Maven');
  return { ok: missing.length === 0, missing };
}

function classpathIsCurrent(version: string): boolean {
  const file = classpathFile(version);
  if (!existsSync(file) || !existsSync(argFile(version))) return false;
  if (statSync(file).mtimeMs < statSync(POM).mtimeMs) return false;
  const jars = readFileSync(file, 'utf8').trim().split(path.delimiter);
  return jars.length > 0 && jars.every((j) => existsSync(j));
}

/**
 * Resolves Neo4j's classpath with Maven (`dependency:build-classpath`), unless it was resolved before
 * and every jar is still in the local Maven repository.
 * @returns whether Maven had to run, and how long it took in ms.
 * @throws Error with Maven's output when resolution fails.
 */
export async function prepareLocalNeo4j(
  log: (line: string) => void = () => undefined,
): Promise<{ resolved: boolean; ms: number }> {
  const version = localNeo4jVersion();
  if (classpathIsCurrent(version)) return { resolved: false, ms: 0 };
  mkdirSync(TARGET, { recursive: true });
  log(`Resolving Neo4j ${version} from Maven Central (first run only; about 150 MB) …`);
  const started = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    const mvn = spawn(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        POM,
        'dependency:build-classpath',
        `-Dneo4j.version=${version}`,
        `-Dmdep.outputFile=${classpathFile(version)}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    mvn.stdout.on('data', (d: Buffer) => (text += d.toString()));
    mvn.stderr.on('data', (d: Buffer) => (text += d.toString()));
    mvn.on('error', reject);
    mvn.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`mvn exited with ${code}:\n${text.slice(-4000)}`)),
    );
  });
  const classpath = readFileSync(classpathFile(version), 'utf8').trim();
  if (classpath === '') throw new Error(`mvn resolved an empty classpath:\n${output}`);
  const quoted = `"${classpath.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(argFile(version), `-cp ${quoted}\n`);
  return { resolved: true, ms: Date.now() - started };
}

/** Options of {@link startLocalNeo4j}. */
export interface LocalNeo4jOptions {
  /** Data folder. */
  dir: string;
  /** Bolt port on 127.0.0.1. */
  port: number;
  /** Password of the user neo4j. */
  password: string;
  /** Java heap limit (default 1g). */
  heap?: string;
  /** 'inherit' shows Neo4j's output in this terminal; 'pipe' collects it for error messages. */
  stdio?: 'inherit' | 'pipe';
  /** Give up waiting for the ready line after this many ms (default 180,000). */
  readyTimeoutMs?: number;
}

/** A started local Neo4j. */
export interface RunningNeo4j {
  uri: string;
  version: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Sends SIGTERM and waits for a clean stop. */
  stop(): Promise<number | string>;
}

/** The java command line that runs the launcher (after {@link prepareLocalNeo4j}). */
export function javaArgs(heap = '1g'): string[] {
  return [`-Xmx${heap}`, '-XX:+ExitOnOutOfMemoryError', `@${argFile(localNeo4jVersion())}`, LAUNCHER];
}

/** The launcher's environment for a data folder, port and password. */
export function launcherEnv(opts: { dir: string; port: number; password: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEO4J_LOCAL_DIR: opts.dir,
    NEO4J_LOCAL_PORT: String(opts.port),
    NEO4J_LOCAL_CONF: CONF,
    NEO4J_PASSWORD: opts.password,
  };
}

/**
 * Starts the local Neo4j and resolves once it prints its ready line.
 * @throws Error with Neo4j's output when it exits or does not become ready in time.
 */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<RunningNeo4j> {
  await prepareLocalNeo4j();
  const child = spawn(javaCommand(), javaArgs(opts.heap), {
    env: launcherEnv(opts),
    stdio: ['ignore', 'pipe', opts.stdio === 'inherit' ? 'inherit' : 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<{ version: string; uri: string }>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (d: Buffer) => {
      const text = d.toString();
      if (opts.stdio === 'inherit') process.stdout.write(text);
      output += text;
      buffered += text;
      const m = /^Neo4j (\S+) ready at (\S+)/m.exec(buffered);
      if (m) resolve({ version: m[1] ?? '?', uri: m[2] ?? '' });
    });
    child.on('error', reject);
    void exited.then((code) =>
      reject(new Error(`Neo4j exited (${code}) before it was ready:\n${output.slice(-4000)}`)),
    );
    setTimeout(
      () =>
        reject(
          new Error(
            `Neo4j was not ready after ${opts.readyTimeoutMs ?? 180_000} ms:\n${output.slice(-4000)}`,
          ),
        ),
      opts.readyTimeoutMs ?? 180_000,
    ).unref();
  });
  try {
    const { version, uri } = await ready;
    return {
      uri,
      version,
      process: child,
      exited,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (e: unknown) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  }
}
