/**
 * What several routes read from a request the same way: node ids in URLs and bodies, and lists of
 * relationship kinds.
 */
import { CITATION_KINDS, NETWORK_EDGE_KINDS, type EdgeKind } from '../../model/edge-kinds';

/** Longest node id accepted in a URL or a body. */
export const MAX_ID_LENGTH = 500;

/** The JSON schema of a body field holding 1–`max` node ids. */
export const idListSchema = (max: number) =>
  ({
    type: 'array',
    minItems: 1,
    maxItems: max,
    items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
  }) as const;

/** The node id in a wildcard path (Fastify has already percent-decoded it), trimmed. */
export const nodeIdOf = (raw: string | undefined): string => (raw ?? '').trim();

/** The message for an empty or overlong id in a path, or null when `id` is fine. */
export function badNodeId(id: string, what = 'node'): string | null {
  return id === '' || id.length > MAX_ID_LENGTH
    ? `A ${what} id of 1–${MAX_ID_LENGTH} characters is required.`
    : null;
}

/**
 * Relationship kinds from a query parameter: `any`, `cites`, or a comma-separated list of
 * network kinds (case-insensitive). Returns the error message when it is not one of those.
 */
export function parseKinds(raw: string): EdgeKind[] | string {
  const v = raw.trim().toLowerCase();
  if (v === 'any') return [...NETWORK_EDGE_KINDS];
  if (v === 'cites') return [...CITATION_KINDS];
  const parts = v
    .split(',')
    .map((k) => k.trim().toUpperCase())
    .filter(Boolean);
  const unknown = parts.filter((k) => !(NETWORK_EDGE_KINDS as readonly string[]).includes(k));
  if (parts.length === 0 || unknown.length > 0) {
    return `Unknown relationship kind(s): ${unknown.join(', ') || '(none given)'}. Use "any", "cites" or a list of ${NETWORK_EDGE_KINDS.join(', ')}.`;
  }
  return [...new Set(parts)] as EdgeKind[];
}
