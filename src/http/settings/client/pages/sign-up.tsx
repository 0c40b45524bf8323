import { useEffect, useRef } from "preact/hooks";
import { navigate } from "../router.js";
import { renderSignUp } from "../sign-up.js";

export default function SignUpPage() {
  const root = useRef<HTMLDivElement>(null);
  useEffect(
    () =>
      renderSignUp(
        root.current!,
        () => location.assign("/settings/api-keys"),
        () => navigate("/sign-in"),
      ),
    [],
  );
  return <div ref={root} />;
}
