/**
 * Reading a request body in the simulator (the /v1 API and the control API): up to a limit, the rest
 * read and thrown away (so the answer can still be sent), and past a far larger size the connection
 * is dropped instead of read to its end.
 */
import type { IncomingMessage } from 'node:http';

/** Larger bodies are refused (413). */
export const BODY_LIMIT = 1024 * 1024;
/** Past this much discarded body the connection is dropped. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

export interface RequestBody {
  text: string;
  /** Over BODY_LIMIT: `text` is empty and the request must be refused. */
  tooLarge: boolean;
}

export function readRequestBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DISCARD_LIMIT) req.socket.destroy();
    });
    req.on('end', () =>
      resolve(size > limit ? { text: '', tooLarge: true } : { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false }),
    );
    req.on('error', reject);
  });
}
