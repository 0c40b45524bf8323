/** Settings → API Keys (still the DOM-built tab; being ported). */
import { useEffect, useRef } from "preact/hooks";
import { renderApiKeysTab } from "../api-keys.js";
import { navigate, useRoute } from "../router.js";
import { useSession } from "../session.js";

export default function ApiKeysPage() {
  const { me } = useSession();
  const { query } = useRoute();
  const panel = useRef<HTMLElement>(null);
  const create = query.get("create");
  useEffect(() => renderApiKeysTab(panel.current!, me), [me]);
  useEffect(() => {
    // ?create=free (from "Call it from code"): open Create key with that scope chosen, once.
    if (create && me.viewer?.account.allowedScopes.some((scope) => scope === create)) {
      navigate("/settings/api-keys", { replace: true });
      panel.current!.querySelector<HTMLButtonElement>("button.primary")?.click();
      const radio = document.querySelector<HTMLInputElement>(`dialog input[name="scope"][value="${create}"]`);
      if (radio) radio.checked = true;
    }
  }, [create, me]);
  return <section class="card" ref={panel} />;
}
