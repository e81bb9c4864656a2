/** Binding a props table to `location.hash`: read on load and on hashchange, write on change. */
import { type PropsTable, parseState, serializeState } from "./state.js";

export type HashBinding<S> = {
  state: S;
  /** Updates the state and the URL (replaceState: a slider drag does not flood history). */
  update(patch: Partial<S>): void;
  /** The shareable link for the current state. */
  link(): string;
};

export function bindHash<S>(
  props: PropsTable<S>,
  onExternalChange: (s: S) => void,
): HashBinding<S> {
  const binding: HashBinding<S> = {
    state: parseState(props, location.hash),
    update(patch) {
      binding.state = { ...binding.state, ...patch };
      const hash = `#${serializeState(props, binding.state)}`;
      if (location.hash !== hash) history.replaceState(null, "", hash);
    },
    link() {
      return location.href;
    },
  };
  window.addEventListener("hashchange", () => {
    binding.state = parseState(props, location.hash);
    onExternalChange(binding.state);
  });
  const hash = `#${serializeState(props, binding.state)}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
  return binding;
}
