import { useEffect, useRef, useState } from "react";

import { advance } from "../player";

/**
 * The playhead: moves at `speed` while playing (requestAnimationFrame), stops at the end.
 * `initialAt` null opens at the end (the final code) once the duration is known.
 */
export function usePlayer(initialAt: number | null, duration: number, activity: readonly number[]) {
  const [at, setAt] = useState(initialAt ?? 0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const placed = useRef(initialAt !== null);
  useEffect(() => {
    if (placed.current || duration <= 0) return;
    placed.current = true;
    setAt(duration);
  }, [duration]);
  const [skipIdle, setSkipIdle] = useState(true);
  const settings = useRef({ duration, activity, speed, skipIdle });
  settings.current = { duration, activity, speed, skipIdle };

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const s = settings.current;
      const elapsed = now - last;
      last = now;
      setAt((current) => {
        const next = advance(current, elapsed, s.speed, s.duration, s.activity, s.skipIdle);
        if (next >= s.duration) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const play = () => {
    if (at >= duration) setAt(0);
    setPlaying(true);
  };
  const seek = (t: number) => {
    placed.current = true;
    setAt(t);
  };
  return { at, seek, playing, play, pause: () => setPlaying(false), speed, setSpeed, skipIdle, setSkipIdle };
}
