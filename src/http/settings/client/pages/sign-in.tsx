import { useEffect, useRef } from "preact/hooks";
import { navigate } from "../router.js";
import { renderSignIn } from "../sign-in.js";

export default function SignInPage() {
  const root = useRef<HTMLDivElement>(null);
  useEffect(
    () =>
      renderSignIn(
        root.current!,
        () => location.assign("/settings/api-keys"),
        () => navigate("/sign-up"),
      ),
    [],
  );
  return <div ref={root} />;
}
