import { useEffect, useState } from "preact/hooks";

/** The value after it has stopped changing for `ms`: what type-ahead asks about, once typing pauses. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
