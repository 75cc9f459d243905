/** BibTeX and RIS of works, written by the server (POST /api/cite): one request for every export. */
import type { ApiError } from '../../model/api';
import type { CiteFormat } from '../../model/citation';

/** The formats (the UI offers BibTeX and RIS) and their file extensions, as the server names them. */
export { CITE_EXTENSIONS as CITE_EXT, type CiteFormat } from '../../model/citation';

/** Asks the server for the works' citations as a file. Throws an Error with the server's message. */
export async function fetchCitationFile(ids: readonly string[], format: CiteFormat): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch('/api/cite', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids, format }),
    });
  } catch {
    throw new Error('The server cannot be reached. Is `npm start` still running?');
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      message = ((await res.json()) as ApiError).error.message;
    } catch {
      // Not a JSON error body: keep the status line.
    }
    throw new Error(message);
  }
  return res.blob();
}
