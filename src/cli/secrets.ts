/**
 * Secrets for the operator CLI, kept off the command line (where they show in `ps`, in shell
 * history and in npm's banner): read from stdin with --password-stdin, or typed at a prompt
 * that does not echo.
 */
import { text } from "node:stream/consumers";

/** All of stdin, without the one line ending `echo` or a here-string adds. */
export async function readPasswordFromStdin(): Promise<string> {
  return (await text(process.stdin)).replace(/\r?\n$/, "");
}

/** Asks on the terminal with echo off; Ctrl-C or Ctrl-D gives up. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the question shows: a fast typist (or a script) must never be echoed.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.setEncoding("utf8");
  stdin.resume();
  let typed = "";
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(() => resolve(typed));
        if (char === "\u0003" || char === "\u0004") return finish(() => reject(new Error("cancelled: no password given")));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on("data", onData);
  });
}

/** A new password typed twice at the prompt; throws when the two differ. */
export async function promptNewPassword(): Promise<string> {
  const first = await promptHidden("Password: ");
  const again = await promptHidden("Password (again): ");
  if (first !== again) throw new Error("the two passwords differ");
  return first;
}
