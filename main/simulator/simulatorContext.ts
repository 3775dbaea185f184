/**
 * What the /v1 and /__sim/ handlers share in one running simulator, and the small HTTP helpers both use.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoRun } from './demoScenario.js';
import type { SimulatorState } from './simulatorState.js';

export interface SimulatorContext {
  readonly state: SimulatorState;
  readonly token: string;
  readonly now: () => number;
  /** `http://host:port` of the listening socket, for links when a request's Host header is unusable. */
  readonly boundOrigin: string;
  /** The running demo timeline, or null in the static scenario. */
  readonly demo: DemoRun | null;
  /** Waits `ms`; resolves false instead when the simulator closes meanwhile. */
  delay(ms: number): Promise<boolean>;
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string | number> = {},
  contentType = 'application/json',
): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin a client used to reach us (its Host header), or the bound address when that is missing or odd. */
export function requestOrigin(req: IncomingMessage, ctx: SimulatorContext): string {
  const host = req.headers.host;
  return host && HOST_HEADER.test(host) ? `http://${host}` : ctx.boundOrigin;
}

/** True for a peer on the loopback interface (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
