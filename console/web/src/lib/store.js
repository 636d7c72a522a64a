import { useEffect, useState } from 'preact/hooks';

/** A tiny observable value shared by components (the signed-in user, the language, the alerts). */
export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      listeners.forEach((listener) => listener(state));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore(store) {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}

/** localStorage / sessionStorage that never throws (private mode, storage disabled). */
export const storage = {
  get(area, key) {
    try {
      return window[area].getItem(key);
    } catch {
      return null;
    }
  },
  set(area, key, value) {
    try {
      window[area].setItem(key, value);
    } catch {
      /* storage full or disabled: nothing to do */
    }
  },
  remove(area, key) {
    try {
      window[area].removeItem(key);
    } catch {
      /* ignore */
    }
  },
};
