/**
 * Chromium's own latency of each key press, read from a trace of its `input` category: the
 * `EventLatency` span Chromium records for every input event that leads to a frame, from the
 * event's creation in the browser process to that frame presented (its stages — the renderer's
 * main thread, commit, raster, the display compositor's draw — are spans inside it). It is the
 * figure Chromium's own input-latency metrics are built on.
 *
 * Why not a timer in the page: a task posted from the frame that shows a keystroke (the usual
 * "after the frame" marker) is held by Chromium's scheduler, which defers a page's tasks after a
 * discrete input until after the following frame (the DeferRendererTasksAfterInput feature, on
 * by default): in the benchmark, half of those markers ran a whole frame after the keystroke was
 * on screen. And a page cannot see the raster and the draw that come after its frame.
 */

/** One event of Chrome's trace format (JSON Array or JSON Object format), as far as read here. */
interface TraceEvent {
  name?: string;
  ph?: string;
  ts?: number;
  pid?: number;
  id?: string | number;
  id2?: { local?: string; global?: string };
  args?: { event_latency?: { event_type?: string } };
}

/** The type of a key going down (one span a key press, printable or not); its release is KEY_RELEASED. */
const KEY_PRESSED = 'KEY_PRESSED';

/** A key press as Chromium traced it: its latency and the stages inside it, in ms by stage name. */
export interface KeyPress {
  ms: number;
  stages: Record<string, number>;
}

/**
 * Each key press in a trace (Chrome's JSON trace format), in the order the keys were pressed: its
 * latency in ms and its stages (spans of the same id inside it, e.g. RendererMainProcessing,
 * EndCommitToActivation). A span the trace cut off (begun, never ended) is not counted.
 */
export function keyPresses(traceJson: string): KeyPress[] {
  const parsed = JSON.parse(traceJson) as TraceEvent[] | { traceEvents?: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const asyncSpans = events.filter((e) => (e.ph === 'b' || e.ph === 'e') && typeof e.ts === 'number' && typeof e.name === 'string');
  asyncSpans.sort((a, b) => a.ts! - b.ts!);
  const begun = new Map<string, TraceEvent>();
  const spans: Array<{ name: string; id: string; begin: TraceEvent; ms: number }> = [];
  for (const event of asyncSpans) {
    const id = `${event.pid}:${event.id2?.local ?? event.id2?.global ?? event.id}`;
    const key = `${event.name}|${id}`;
    if (event.ph === 'b') {
      begun.set(key, event);
      continue;
    }
    const begin = begun.get(key);
    if (!begin) continue;
    begun.delete(key);
    spans.push({ name: event.name!, id, begin, ms: (event.ts! - begin.ts!) / 1000 });
  }
  // The type is on a span's beginning.
  const presses = spans.filter((span) => span.name === 'EventLatency' && span.begin.args?.event_latency?.event_type === KEY_PRESSED);
  // Chromium reuses a span's id: a stage belongs to the press of its id that it lies within.
  const stagesOf = (press: (typeof presses)[number]) => {
    const stages: Record<string, number> = {};
    const end = press.begin.ts! + press.ms * 1000;
    for (const span of spans) {
      if (span.name === 'EventLatency' || span.id !== press.id || span.begin.ts! < press.begin.ts! || span.begin.ts! + span.ms * 1000 > end) continue;
      stages[span.name] = (stages[span.name] ?? 0) + span.ms;
    }
    return stages;
  };
  return presses.sort((a, b) => a.begin.ts! - b.begin.ts!).map((press) => ({ ms: press.ms, stages: stagesOf(press) }));
}
