/**
 * Explorable state in the URL hash, after TensorFlow Playground's `state.ts`: one props table
 * drives both parse and serialize, and the seed is part of the state, so a link replays a view.
 */

export type PropType =
  | { kind: "number"; min?: number; max?: number }
  | { kind: "int"; min?: number; max?: number; oneOf?: readonly number[] }
  | { kind: "string"; maxLength?: number }
  | { kind: "enum"; values: readonly string[] };

/** One row of a props table: the key in the hash, its type, and the default value. */
export type Prop<S> = { [K in keyof S]: { name: K; type: PropType; fallback: S[K] } }[keyof S];

export type PropsTable<S> = ReadonlyArray<Prop<S>>;

/** Parses one value; returns undefined when it does not fit the type (the default is kept). */
function parseValue(type: PropType, raw: string): number | string | undefined {
  switch (type.kind) {
    case "number":
    case "int": {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v)) return undefined;
      if (type.kind === "int" && !Number.isInteger(v)) return undefined;
      if (type.min !== undefined && v < type.min) return undefined;
      if (type.max !== undefined && v > type.max) return undefined;
      if (type.kind === "int" && type.oneOf && !type.oneOf.includes(v)) return undefined;
      return v;
    }
    case "string":
      return type.maxLength !== undefined && raw.length > type.maxLength ? undefined : raw;
    case "enum":
      return type.values.includes(raw) ? raw : undefined;
  }
}

/** State from a hash such as `#p=N(0,1)&q=N(0,4)&seed=0`; unknown keys and bad values are ignored. */
export function parseState<S>(props: PropsTable<S>, hash: string): S {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state = {} as Record<string, unknown>;
  for (const prop of props) {
    const raw = params.get(String(prop.name));
    const value = raw === null ? undefined : parseValue(prop.type, raw);
    state[String(prop.name)] = value === undefined ? prop.fallback : value;
  }
  return state as S;
}

/** The hash for a state (without the leading `#`), keys in props-table order. */
export function serializeState<S>(props: PropsTable<S>, state: S): string {
  const params = new URLSearchParams();
  for (const prop of props) params.set(String(prop.name), String(state[prop.name]));
  return params.toString();
}
