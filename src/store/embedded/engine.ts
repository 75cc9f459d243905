/**
 * The one place that names the embedded engines' packages. Two engines share one Node API and one
 * Cypher dialect:
 *
 * - `kuzu`: Kuzu 0.11.3, the default. Archived upstream on 2025-10-10 (no fixes, ever), but every
 *   suite passes on it and it has no open corruption reports (see the README, "Embedded engines").
 * - `ladybug`: LadybugDB, Kuzu's maintained fork (npm `@ladybugdb/core-<platform>`), an optional
 *   dependency. Its binary needs glibc ≥ 2.34 and OpenSSL 3.
 *
 * Their storage formats differ: a database is read only by the engine that wrote it, which the
 * manifest records. Engines are loaded on first use (`createRequire`), and a process loads at most
 * one of them: with both native addons loaded, the process segfaults when it exits (measured with
 * Kuzu 0.11.3 and LadybugDB 0.20.4, in either order: their libraries share C++ symbol names).
 * Tests and benchmarks that compare engines run each engine in its own process.
 */
import { createRequire } from 'node:module';
import type kuzu from 'kuzu';
import { StoreError, UsageError, errorMessage } from '../../model/errors';

export type { KuzuValue, QueryResult as EngineResult } from 'kuzu';

/** Names of the embedded engines. */
export const ENGINE_NAMES = ['kuzu', 'ladybug'] as const;

/** An embedded engine's name. */
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The engine used when neither `--engine` nor `CROSSTALK_ENGINE` names one. */
export const DEFAULT_ENGINE: EngineName = 'kuzu';

/** The engines' shared module shape (LadybugDB's API is Kuzu's plus extras we do not use). */
type EngineModule = typeof kuzu;

/** Instance types, the same for both engines. */
export type EngineDatabase = InstanceType<EngineModule['Database']>;
export type EngineConnection = InstanceType<EngineModule['Connection']>;

/** A loaded embedded engine. */
export interface EmbeddedEngine {
  readonly name: EngineName;
  /** Engine name and version, e.g. "kuzu 0.11.3" or "ladybug 0.20.4". */
  readonly version: string;
  /** The engine's Database class. */
  readonly Database: EngineModule['Database'];
  /** The engine's Connection class. */
  readonly Connection: EngineModule['Connection'];
}

/** The npm package of each engine on this platform (LadybugDB ships one package per platform). */
function packageOf(name: EngineName): string {
  return name === 'kuzu' ? 'kuzu' : `@ladybugdb/core-${process.platform}-${process.arch}`;
}

/**
 * Parses an engine name (from `--engine` or `CROSSTALK_ENGINE`); empty or undefined means the
 * default.
 * @throws UsageError for an unknown name.
 */
export function parseEngineName(value: string | undefined): EngineName {
  if (value === undefined || value === '') return DEFAULT_ENGINE;
  const name = value.trim().toLowerCase();
  if ((ENGINE_NAMES as readonly string[]).includes(name)) return name as EngineName;
  throw new UsageError(`Unknown embedded engine "${value}". Use ${ENGINE_NAMES.join(' or ')}.`);
}

/** The engine named by `CROSSTALK_ENGINE`, else the default. @throws UsageError for an unknown name. */
export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): EngineName {
  return parseEngineName(env.CROSSTALK_ENGINE);
}

/**
 * The engine that wrote a database, from its manifest's `engine` field, else from the first word
 * of `engineVersion` (manifests written before the engine was selectable say "kuzu 0.11.3").
 * Returns null when neither names an embedded engine.
 */
export function engineOfManifest(m: { engine?: string; engineVersion?: string }): EngineName | null {
  const name = m.engine ?? m.engineVersion?.split(' ')[0];
  return (ENGINE_NAMES as readonly string[]).includes(name ?? '') ? (name as EngineName) : null;
}

const requireFromHere = createRequire(import.meta.url);
let loaded: EmbeddedEngine | null = null;

/**
 * Loads an engine's native addon (once per process; one engine per process).
 * @throws StoreError when its package is not installed for this platform, its binary does not load
 *   (e.g. LadybugDB on a glibc older than 2.34), or this process already loaded the other engine.
 */
export function loadEngine(name: EngineName): EmbeddedEngine {
  if (loaded?.name === name) return loaded;
  if (loaded) {
    throw new StoreError(
      `This process already uses the ${loaded.name} engine; the ${name} engine must run in another process ` +
        '(with both native libraries loaded, the process crashes when it exits).',
    );
  }
  const pkg = packageOf(name);
  let mod: EngineModule;
  try {
    mod = requireFromHere(pkg) as EngineModule;
  } catch (e: unknown) {
    const missing = (e as { code?: string }).code === 'MODULE_NOT_FOUND';
    throw new StoreError(
      missing
        ? `The ${name} engine is not installed: package ${pkg} is missing (it is an optional dependency, installed on linux-x64). Use --engine kuzu, or install it with npm install ${pkg}.`
        : `The ${name} engine (${pkg}) does not load on this machine: ${errorMessage(e)}`,
      { cause: e },
    );
  }
  const engine: EmbeddedEngine = {
    name,
    version: `${name} ${mod.VERSION}`,
    Database: mod.Database,
    Connection: mod.Connection,
  };
  loaded = engine;
  return engine;
}
