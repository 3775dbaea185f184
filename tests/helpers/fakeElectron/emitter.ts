/** The event part of Electron's objects: listeners kept by event name, so a test can fire events and see who listens. */
export type Listener = (...args: never[]) => unknown;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Like Electron's: the listener runs for the next event only. */
  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]): unknown => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }
  off(event: string, listener: Listener): this {
    const left = (this.listeners.get(event) ?? []).filter((l) => l !== listener);
    if (left.length > 0) this.listeners.set(event, left);
    else this.listeners.delete(event);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}
