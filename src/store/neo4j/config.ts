/**
 * Connection settings of the Neo4j store and their defaults. The defaults match the local Neo4j of
 * `npm run neo4j:local` and the `neo4j` service of docker-compose.yml: Bolt on 127.0.0.1:7687, user
 * `neo4j`, and the documented development password {@link DEFAULT_NEO4J_PASSWORD}.
 */

/** Default Bolt URI (env NEO4J_URI). Loopback only. */
export const DEFAULT_NEO4J_URI = 'bolt://127.0.0.1:7687';

/** Default user (env NEO4J_USER). */
export const DEFAULT_NEO4J_USER = 'neo4j';

/**
 * Default password (env NEO4J_PASSWORD): a development password for a Neo4j that listens on
 * 127.0.0.1 only. Set NEO4J_PASSWORD to anything else for a Neo4j other people can reach.
 */
export const DEFAULT_NEO4J_PASSWORD = 'crosstalk-dev';

/** How to reach a Neo4j database. */
export interface Neo4jConfig {
  /** Bolt URI, e.g. `bolt://127.0.0.1:7687` or `neo4j://host:7687`. */
  uri: string;
  user: string;
  password: string;
  /** Database name; undefined means the server's default database (`neo4j`). */
  database?: string;
}

/**
 * Reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE, falling back to the defaults.
 * Empty values count as unset.
 */
export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    uri: get('NEO4J_URI') ?? DEFAULT_NEO4J_URI,
    user: get('NEO4J_USER') ?? DEFAULT_NEO4J_USER,
    password: get('NEO4J_PASSWORD') ?? DEFAULT_NEO4J_PASSWORD,
    database: get('NEO4J_DATABASE'),
  };
}
