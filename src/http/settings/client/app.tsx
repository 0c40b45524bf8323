/**
 * The app: the current route's page, inside the shell (navigation, account menu) for every page
 * but sign-in and sign-up. The account is loaded once (Me); a visitor without a session goes to
 * sign-in or sign-up, and `/` to the workflows.
 */
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "./api.js";
import { Me } from "./operations.js";
import { findRoute, type PageProps, type RouteDef, RouteProvider, navigate, setRoutes, useLocation } from "./router.js";
import { HOME, routes } from "./routes.js";
import { SessionProvider, signInPath } from "./session.js";
import { Shell } from "./shell.js";
import { Button, EmptyState, Page, ToastRegion } from "./ui/index.js";
import { useQuery } from "./use-query.js";

setRoutes(routes);

const loaded = new Map<RouteDef, ComponentType<PageProps>>();

/** The page's module, loaded on first visit (its own chunk), then rendered with the route's params. */
function LazyPage({ def, params }: { def: RouteDef; params: Record<string, string> }) {
  const [, setLoadedCount] = useState(0);
  const [failed, setFailed] = useState(false);
  const Component = loaded.get(def);
  useEffect(() => {
    if (Component) return;
    def
      .load()
      .then((module) => {
        loaded.set(def, module.default);
        setLoadedCount((n) => n + 1);
      })
      .catch(() => setFailed(true));
  }, [def, Component]);
  if (failed) {
    return (
      <div class="error" role="alert">
        This page could not be loaded (the server may have been updated). <Button onClick={() => location.reload()}>Reload</Button>
      </div>
    );
  }
  if (!Component) {
    return (
      <p role="status" class="loading">
        Loading…
      </p>
    );
  }
  return <Component params={params} />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <EmptyState title={`Nothing lives at ${location.pathname}.`}>
        Go to your <a href={HOME}>workflows</a>.
      </EmptyState>
    </Page>
  );
}

/** Loads the account; sends a visitor without a session away; renders the shell around `children`. */
function SignedIn({ def, params, path }: { def: RouteDef | undefined; params: Record<string, string>; path: string }) {
  const me = useQuery(Me);
  const signedIn = me.data?.viewer?.authenticatedBy === "SESSION";
  useEffect(() => {
    if (me.data && !signedIn) navigate(signInPath(), { replace: true });
    else if (signedIn && (path === "/" || path === "")) navigate(HOME, { replace: true });
  }, [me.data, signedIn, path]);
  if (!me.data) {
    if (me.error) {
      return (
        <main class="card error" role="alert">
          Could not load your account: {errorMessage(me.error)} <Button onClick={() => void me.reload()}>Try again</Button>
        </main>
      );
    }
    return (
      <p role="status" class="loading">
        Loading…
      </p>
    );
  }
  if (!signedIn) return null;
  const session = { me: me.data, account: me.data.viewer!.account, reload: me.reload };
  return (
    <SessionProvider value={session}>
      <Shell section={def?.section}>{def ? <LazyPage key={path} def={def} params={params} /> : path === "/" ? null : <NotFound />}</Shell>
    </SessionProvider>
  );
}

export function App() {
  const { path, query } = useLocation();
  const match = findRoute(routes, path);
  const first = useRef(true);
  useEffect(() => {
    document.title = match ? `${match.def.title} — Knouds` : "Knouds";
    // After a move inside the app, focus goes to the new page (a screen reader starts reading there).
    if (first.current) first.current = false;
    else document.getElementById("main")?.focus();
  }, [path, match]);
  const route = { path, params: match?.params ?? {}, query };
  return (
    <RouteProvider value={route}>
      {match?.def.access === "public" ? (
        <LazyPage key={path} def={match.def} params={match.params} />
      ) : (
        <SignedIn def={match?.def} params={match?.params ?? {}} path={path} />
      )}
      <ToastRegion />
    </RouteProvider>
  );
}
