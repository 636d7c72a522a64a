import { useEffect, useState } from 'preact/hooks';

/** Loads something when its dependencies change (load gives an api answer, or {data}): { data, meta, error, loading, reload }. */
export function useResource(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true, meta: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then((result) => live && setState({ data: result ? result.data : null, meta: result, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, meta: null, error, loading: false }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
