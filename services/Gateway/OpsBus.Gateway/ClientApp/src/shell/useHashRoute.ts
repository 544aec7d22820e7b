import { useCallback, useEffect, useState } from "react";

/** The route is the URL's hash (#/runs/…), so a reload or a shared link opens the same view. */
export function useHashRoute(fallback: string): [string, (route: string) => void] {
  const read = useCallback(() => (window.location.hash.startsWith("#/") ? window.location.hash.slice(1) : fallback), [fallback]);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, [read]);
  const navigate = useCallback((next: string) => {
    window.location.hash = next;
    setRoute(next);
  }, []);
  return [route, navigate];
}
