/** Sign in (/sign-in). */
import { useRef } from "preact/hooks";
import { gql } from "../api.js";
import { SignInPage } from "../operations.js";
import { AuthForm } from "./auth-form.js";

export default function SignIn() {
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  return (
    <AuthForm
      title="Sign in to Knouds"
      fields={[
        {
          name: "email",
          label: "Email",
          control: (props) => <input {...props} ref={email} name="email" type="email" autocomplete="email" required />,
        },
        {
          name: "password",
          label: "Password",
          control: (props) => <input {...props} ref={password} name="password" type="password" autocomplete="current-password" required />,
        },
      ]}
      submitLabel="Sign in"
      busyLabel="Signing in…"
      send={() => gql(SignInPage, { input: { email: email.current!.value, password: password.current!.value } })}
      switchText="New to Knouds? "
      switchLabel="Create an account"
      switchHref="/sign-up"
    />
  );
}
