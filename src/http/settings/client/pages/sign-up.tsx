/**
 * Sign up (/sign-up). The handle is offered here because it never changes: it is the namespace
 * of the account's workflows (`handle/slug`). The rule and the default come from the server's
 * own code (domain/handle.ts); the server still decides, and its message about a refused or
 * taken handle is shown under the field.
 */
import { useRef, useState } from "preact/hooks";
import { derivedHandle, HANDLE_RULE, handleProblem, normalizeHandle, RESERVED_HANDLES } from "../../../../domain/handle.js";
import { gql } from "../api.js";
import { SignUpPage } from "../operations.js";
import { AuthForm } from "./auth-form.js";

const EMAIL_LIKE = /^[^@\s]+@/;

/** What the account's workflows will be addressed as: the chosen handle, or the one made from the email. */
function HandlePreview({ email, handle }: { email: string; handle: string }) {
  const chosen = normalizeHandle(handle);
  const fromEmail = EMAIL_LIKE.test(email) ? derivedHandle(email.trim()) : null;
  let text: preact.ComponentChildren = null;
  // Only a handle the rule allows is previewed; what is wrong with another, the server says on submit.
  if (chosen !== "") {
    if (handleProblem(chosen) === null)
      text = (
        <>
          Your workflows will be <code>{chosen}/…</code>.
        </>
      );
  } else if (fromEmail) {
    text = (
      <>
        Left empty, it is made from your email: <code>{fromEmail}/…</code> (a few random characters are added if that one is taken).
      </>
    );
  } else text = "Left empty, it is made from your email.";
  return (
    <span class="handle-preview" aria-live="polite">
      {text}
    </span>
  );
}

export default function SignUp() {
  const [email, setEmail] = useState("");
  const [handle, setHandle] = useState("");
  const password = useRef<HTMLInputElement>(null);
  const name = useRef<HTMLInputElement>(null);
  const placeholder = EMAIL_LIKE.test(email) ? derivedHandle(email.trim()) : "";
  return (
    <AuthForm
      title="Create your Knouds account"
      fields={[
        {
          name: "email",
          label: "Email",
          control: (props) => (
            <input
              {...props}
              name="email"
              type="email"
              autocomplete="email"
              required
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          ),
        },
        {
          name: "password",
          label: "Password",
          hints: ["At least 8 characters."],
          control: (props) => (
            <input {...props} ref={password} name="password" type="password" autocomplete="new-password" minLength={8} required />
          ),
        },
        {
          name: "handle",
          label: "Handle (optional)",
          hints: [
            <>
              The namespace of your workflows (<code>handle/name</code>); it can never be changed.{" "}
              {`${HANDLE_RULE[0]?.toUpperCase()}${HANDLE_RULE.slice(1)}. `}
              {`Reserved words (${RESERVED_HANDLES.slice(0, 4).join(", ")}, …) and look-alikes are refused.`}
            </>,
            <HandlePreview key="preview" email={email} handle={handle} />,
          ],
          control: (props) => (
            <input
              {...props}
              name="handle"
              type="text"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              placeholder={placeholder}
              value={handle}
              onInput={(event) => setHandle(event.currentTarget.value)}
            />
          ),
        },
        {
          name: "name",
          label: "Name (optional)",
          control: (props) => <input {...props} ref={name} name="name" type="text" autocomplete="name" />,
        },
      ]}
      submitLabel="Create account"
      busyLabel="Creating account…"
      send={() =>
        gql(SignUpPage, {
          input: { email, password: password.current!.value, handle: handle.trim() || null, name: name.current!.value || null },
        })
      }
      conflictField={(message) => (/\bhandle\b/.test(message) ? "handle" : /\bemail\b/.test(message) ? "email" : null)}
      switchText="Already have an account? "
      switchLabel="Sign in"
      switchHref="/sign-in"
    />
  );
}
