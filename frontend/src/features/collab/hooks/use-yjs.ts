import { useEffect, useState } from "react";
import type * as Y from "yjs";

/** A Y.Map's entries as a plain object, re-read on every change (deep, for nested values). */
export function useYMap<T extends Record<string, unknown>>(map: Y.Map<unknown> | null | undefined): Partial<T> {
  const [value, setValue] = useState<Partial<T>>({});
  useEffect(() => {
    if (!map) return;
    const read = () => setValue(map.toJSON() as Partial<T>);
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [map]);
  return value;
}

/** A Y.Text's content, re-read on every change. */
export function useYText(text: Y.Text | null | undefined): string {
  const [value, setValue] = useState("");
  useEffect(() => {
    if (!text) return;
    const read = () => setValue(text.toString());
    read();
    text.observe(read);
    return () => text.unobserve(read);
  }, [text]);
  return value;
}

/** A Y.Array's items, re-read on every change. */
export function useYArray<T>(array: Y.Array<T> | null | undefined): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    if (!array) return;
    const read = () => setItems(array.toArray());
    read();
    array.observe(read);
    return () => array.unobserve(read);
  }, [array]);
  return items;
}
