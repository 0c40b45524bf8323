/**
 * Builds the settings page into dist/settings/ once before the suite (`npm run build:settings`,
 * the step `npm run build` runs): servers started from src/, in this process or as children,
 * serve what is built there, as `npm start` does.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup() {
  execFileSync("npm", ["run", "--silent", "build:settings"], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "inherit" });
}
