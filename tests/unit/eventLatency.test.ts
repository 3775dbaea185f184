import { describe, expect, it } from 'vitest';
import { keyPresses } from '../../bench/eventLatency.js';

/** Each key press's latency alone, in ms. */
const latencies = (trace: unknown) => keyPresses(JSON.stringify(trace)).map((press) => press.ms);

/** An EventLatency span as Chromium traces it: a nestable async begin and end sharing a local id. */
function span(id: string, type: string, beginUs: number, endUs: number, pid = 7) {
  return [
    { name: 'EventLatency', cat: 'cc,benchmark,input', ph: 'b', ts: beginUs, pid, id2: { local: id }, args: { event_latency: { event_type: type } } },
    { name: 'EventLatency', cat: 'cc,benchmark,input', ph: 'e', ts: endUs, pid, id2: { local: id }, args: {} },
  ];
}

describe('keyPresses: the latencies', () => {
  it("reads each key press's latency, in ms, in the order of the presses", () => {
    const trace = { traceEvents: [...span('0x2', 'KEY_PRESSED', 50_000, 61_500), ...span('0x1', 'KEY_PRESSED', 10_000, 19_250)] };
    expect(latencies(trace)).toEqual([9.25, 11.5]);
  });

  it('leaves out key releases, other inputs and the stages inside a span', () => {
    const trace = [
      ...span('0x1', 'KEY_PRESSED', 0, 12_000),
      ...span('0x2', 'KEY_RELEASED', 20_000, 21_000),
      ...span('0x3', 'MOUSE_PRESSED', 30_000, 40_000),
      ...stage('0x1', 'RendererMainProcessing', 1_000, 6_000),
    ];
    expect(latencies(trace)).toEqual([12]);
  });

  it('does not count a span the trace cut off, nor mix up two processes that use the same id', () => {
    const trace = [
      ...span('0x1', 'KEY_PRESSED', 0, 8_000, 7),
      { name: 'EventLatency', ph: 'b', ts: 2_000, pid: 8, id2: { local: '0x1' }, args: { event_latency: { event_type: 'KEY_PRESSED' } } },
      { name: 'EventLatency', ph: 'b', ts: 90_000, pid: 7, id2: { local: '0x9' }, args: { event_latency: { event_type: 'KEY_PRESSED' } } },
    ];
    expect(latencies(trace)).toEqual([8]);
  });
});

/** A stage inside a span: another async begin and end with the span's id. */
function stage(id: string, name: string, beginUs: number, endUs: number, pid = 7) {
  return [
    { name, ph: 'b', ts: beginUs, pid, id2: { local: id } },
    { name, ph: 'e', ts: endUs, pid, id2: { local: id } },
  ];
}

describe('keyPresses', () => {
  it('gives each key press the stages Chromium traced inside it, by name, in ms', () => {
    const trace = [
      ...span('0x1', 'KEY_PRESSED', 0, 12_000),
      ...span('0x2', 'KEY_PRESSED', 30_000, 39_000),
      ...stage('0x1', 'RendererMainProcessing', 1_000, 6_000),
      ...stage('0x1', 'EndCommitToActivation', 8_000, 10_500),
      ...stage('0x2', 'RendererMainProcessing', 31_000, 33_000),
    ];
    expect(keyPresses(JSON.stringify(trace))).toEqual([
      { ms: 12, stages: { RendererMainProcessing: 5, EndCommitToActivation: 2.5 } },
      { ms: 9, stages: { RendererMainProcessing: 2 } },
    ]);
  });

  it('gives a stage to the press of its id that it lies within (Chromium uses an id again)', () => {
    const trace = [
      ...span('0x1', 'KEY_PRESSED', 0, 10_000),
      ...span('0x1', 'KEY_PRESSED', 50_000, 58_000),
      ...stage('0x1', 'RendererMainProcessing', 1_000, 4_000),
      ...stage('0x1', 'RendererMainProcessing', 51_000, 52_000),
    ];
    expect(keyPresses(JSON.stringify(trace)).map((press) => press.stages)).toEqual([{ RendererMainProcessing: 3 }, { RendererMainProcessing: 1 }]);
  });
});
