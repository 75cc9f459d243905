/**
 * The one place that names the embedded engine's package. Kuzu 0.11.3 is used because its
 * prebuilt binary loads on glibc 2.36; its maintained fork LadybugDB (`lbug`) has the same API,
 * so moving to it is a change of this import (and a re-ingest: the file formats differ).
 */
import kuzu from 'kuzu';

export type { KuzuValue, QueryResult as EngineResult } from 'kuzu';

/** The engine's Database class. */
export const Database = kuzu.Database;
/** The engine's Connection class. */
export const Connection = kuzu.Connection;
/** Engine name and version, e.g. "kuzu 0.11.3". */
export const ENGINE_VERSION = `kuzu ${kuzu.VERSION}`;

/** Instance types. */
export type EngineDatabase = InstanceType<typeof kuzu.Database>;
export type EngineConnection = InstanceType<typeof kuzu.Connection>;
