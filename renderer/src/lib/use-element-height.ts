// The rendered height of an element, kept current as it changes: a toolbar that wraps onto more lines as
// its pane narrows or a message arrives tells the table under it where its sticky header goes.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** A ref for the element and its border-box height in CSS pixels (null before it is measured). */
export function useElementHeight<T extends HTMLElement>(): [RefObject<T | null>, number | null] {
  const ref = useRef<T | null>(null);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.offsetHeight);
    measure();
    // No ResizeObserver (jsdom): the first measure stands.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, height];
}
