/**
 * The state file's table of shared values: each distinct value once, referred to by its index. At
 * 10,000 accounts most of an account is the same as many others' (its platform's icon, cookies,
 * colour and default params; its status; its squids), so rows of indexes keep the file small.
 *
 * Values are written in a keyless form: an object is `[1 + shape, ...its values]`, where `shapes`
 * lists each distinct list of keys once, and an array is `[0, ...its items]`; anything else is itself.
 * Free-form data (params, extra) thus pays for its keys once, not once per account.
 */

import { setOwn } from '../lobstr/sharedValues.js';

interface ShapeNode {
  next: Map<string, ShapeNode> | null;
  index: number;
}

/** Collects the values while a file is written; `texts[i]` is value i in the keyless form, as JSON. */
export class SharedValuesWriter {
  readonly texts: string[] = [];
  readonly shapes: string[][] = [];
  private readonly byString = new Map<string, number>();
  private readonly byText = new Map<string, number>();
  /** Shapes by their keys, one level per key (keys are interned strings: no text is built to find one). */
  private readonly shapeRoot: ShapeNode = { next: null, index: -1 };

  /** The index of `value`, added if new. */
  add(value: unknown): number {
    if (typeof value === 'string') {
      let index = this.byString.get(value);
      if (index === undefined) {
        index = this.texts.push(JSON.stringify(value)) - 1;
        this.byString.set(value, index);
      }
      return index;
    }
    return this.addText(JSON.stringify(typeof value === 'object' && value !== null ? this.keyless(value) : value));
  }

  /** The index of a list of indexes (what a group of shared fields is). */
  addList(indexes: readonly number[]): number {
    return this.addText(`[0,${indexes.join(',')}]`);
  }

  private addText(text: string): number {
    let index = this.byText.get(text);
    if (index === undefined) {
      index = this.texts.push(text) - 1;
      this.byText.set(text, index);
    }
    return index;
  }

  private keyless(value: unknown): unknown {
    if (Array.isArray(value)) {
      const out: unknown[] = [0];
      for (const item of value) out.push(typeof item === 'object' && item !== null ? this.keyless(item) : item);
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const keys: string[] = [];
      const out: unknown[] = [0];
      for (const key of Object.keys(record)) {
        const item = record[key];
        // As JSON does: a key whose value is undefined is not written.
        if (item === undefined) continue;
        keys.push(key);
        out.push(typeof item === 'object' && item !== null ? this.keyless(item) : item);
      }
      out[0] = 1 + this.shapeOf(keys);
      return out;
    }
    return value;
  }

  private shapeOf(keys: string[]): number {
    let node = this.shapeRoot;
    for (const key of keys) {
      node.next ??= new Map();
      let child = node.next.get(key);
      if (child === undefined) {
        child = { next: null, index: -1 };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.index < 0) node.index = this.shapes.push(keys) - 1;
    return node.index;
  }
}

/** A defect of the file, with where it is (`snapshot.accounts.3.id`). */
export class FileFormError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads values back, each once: every reference to a value gets the same instance (one string per icon). */
export class SharedValuesReader {
  private readonly decoded: unknown[];
  private readonly done: Uint8Array;

  constructor(
    private readonly shapes: readonly (readonly string[])[],
    private readonly raw: readonly unknown[],
  ) {
    this.decoded = new Array<unknown>(raw.length);
    this.done = new Uint8Array(raw.length);
  }

  /** Value `index`; `where` names the reference in an error. */
  get(index: unknown, where: string): unknown {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= this.raw.length) {
      throw new FileFormError(where, 'refers to a value that is not there');
    }
    if (this.done[index] === 0) {
      this.decoded[index] = this.fromKeyless(this.raw[index], `values.${index}`);
      this.done[index] = 1;
    }
    return this.decoded[index];
  }

  private fromKeyless(value: unknown, where: string): unknown {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (!Array.isArray(value) || value.length === 0) throw new FileFormError(where, 'expected a value in the keyless form');
    const tag: unknown = value[0];
    if (tag === 0) {
      const items: unknown[] = [];
      for (let i = 1; i < value.length; i++) items.push(this.fromKeyless(value[i], where));
      return items;
    }
    const keys = typeof tag === 'number' && Number.isInteger(tag) ? this.shapes[tag - 1] : undefined;
    if (keys === undefined || keys.length !== value.length - 1) throw new FileFormError(where, 'refers to a list of keys that is not there');
    const record: Record<string, unknown> = {};
    keys.forEach((key, i) => setOwn(record, key, this.fromKeyless(value[i + 1], where)));
    return record;
  }
}
