/** Settings → API Keys (still the DOM-built tab; being ported). */
import { useEffect, useRef } from "preact/hooks";
import { renderApiKeysTab } from "../api-keys.js";
import { useSession } from "../session.js";

export default function ApiKeysPage() {
  const { me } = useSession();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => renderApiKeysTab(panel.current!, me), [me]);
  return <section class="card" ref={panel} />;
}
