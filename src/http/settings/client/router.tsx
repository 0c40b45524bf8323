/**
 * The app's router: the History API and a route table (routes.tsx). Pages are loaded lazily
 * (`load: () => import("./page")`), so esbuild splits each into its own chunk and a browser
 * downloads only the page it opens.
 */
import { type AnchorHTMLAttributes, type ComponentChildren, type ComponentType, createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  /** A path with `:name` segments: "/workflows/:slug/run". */
  pattern: string;
  /** The page's title, shown in the tab: "<title> — Knouds". */
  title: string;
  load: () => Promise<{ default: ComponentType<PageProps> }>;
  /** "public": shown without a session and without the app's navigation (sign-in, sign-up). */
  access?: "public" | "session";
  /** Which item of the top navigation is current on this page ("/workflows", "/runs", …). */
  section?: string;
}

export interface Route {
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** The params of `path` under `pattern`, or null when it does not match. */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const value = have[i]!;
    if (segment.startsWith(":")) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) return null;
  }
  return params;
}

export function findRoute(routes: readonly RouteDef[], path: string): { def: RouteDef; params: Record<string, string> } | null {
  for (const def of routes) {
    const params = matchPattern(def.pattern, path);
    if (params) return { def, params };
  }
  return null;
}

type Listener = () => void;
const listeners = new Set<Listener>();
function notify(): void {
  for (const listener of listeners) listener();
}
addEventListener("popstate", notify);

/** Goes to `path` (with its query) inside the app without reloading; `replace` leaves no history entry. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  scrollTo(0, 0);
  notify();
}

/** The current path and query, re-rendering the component whenever they change. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

const RouteContext = createContext<Route>({ path: "/", params: {}, query: new URLSearchParams() });
export const RouteProvider = RouteContext.Provider;

/** The current route: path, the pattern's params and the query. */
export function useRoute(): Route {
  return useContext(RouteContext);
}

/** The app's routes, set once by app.tsx: a <Link> to a path outside them loads the page normally. */
let knownRoutes: readonly RouteDef[] = [];
export function setRoutes(routes: readonly RouteDef[]): void {
  knownRoutes = routes;
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An <a> that moves inside the app without a reload (a modified or middle click still opens a new tab). */
export function Link({ href, onClick, ...rest }: AnchorProps) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const url = new URL(href, location.href);
        if (url.origin !== location.origin || !findRoute(knownRoutes, url.pathname)) return;
        event.preventDefault();
        navigate(`${url.pathname}${url.search}`);
      }}
    />
  );
}
