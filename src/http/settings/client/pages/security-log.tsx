/** Settings → Security log (still the DOM-built tab; being ported). */
import { useEffect, useRef } from "preact/hooks";
import { renderSecurityLogTab } from "../security-log.js";
import { useSession } from "../session.js";

export default function SecurityLogPage() {
  const { me } = useSession();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => renderSecurityLogTab(panel.current!, me), [me]);
  return <section class="card" ref={panel} />;
}
