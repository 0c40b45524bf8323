/**
 * Account handles: the namespace a workflow's address starts with (`ada/my-flow`). A handle is
 * chosen at sign-up or derived from the email, is unique, and never changes (a workflow's
 * address, its runs and every client's calls carry it).
 */
// No Node import: the settings page's bundle uses these rules too (the sign-up form's preview).

export const MAX_HANDLE_LENGTH = 39;
/** Lowercase letters, digits and dashes; starts with a letter or digit. */
export const HANDLE = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_HANDLE_LENGTH - 1}}$`);
export const HANDLE_RULE = `1-${MAX_HANDLE_LENGTH} characters of a-z, 0-9 and -, starting with a letter or digit`;

/** The built-in account that owns the example workflow (`knouds/hello-world`). */
export const SYSTEM_ACCOUNT_ID = "acc_system";
export const SYSTEM_HANDLE = "knouds";
/** Never given to a tenant, chosen or derived: the system account's and route-like words. */
// "undefined" and "null" too: what a missing handle turns into when printed into an address.
export const RESERVED_HANDLES: readonly string[] = [
  SYSTEM_HANDLE,
  "api",
  "admin",
  "graphql",
  "models",
  "workflows",
  "runs",
  "undefined",
  "null",
];

/** Characters a reader takes for a letter (kn0uds, 1 for l); i and l read alike too. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "l",
  i: "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "2": "z",
  "9": "g",
};

/**
 * What a handle reads as: look-alike characters folded (0 -> o, 1 and i -> l, 5 -> s, rn -> m,
 * vv -> w, …) and dashes dropped, so `kn0uds`, `knouds-` and `kn-ouds` all read `knouds`.
 */
function handleSkeleton(handle: string): string {
  return handle
    .replace(/-/g, "")
    .replace(/[0-9i]/g, (c) => LOOK_ALIKES[c] ?? c)
    .replace(/rn/g, "m")
    .replace(/vv/g, "w");
}

const RESERVED_SKELETONS = new Set(RESERVED_HANDLES.map(handleSkeleton));
const SYSTEM_SKELETON = handleSkeleton(SYSTEM_HANDLE);

/**
 * Reserved: a reserved word or anything that reads as one (`adm1n`, `gr-aphql`), and anything
 * that reads as containing the system account's name (`knouds-official`, `team-kn0uds`), which
 * only the system account may carry.
 */
export function isReservedHandle(handle: string): boolean {
  const skeleton = handleSkeleton(handle);
  return RESERVED_SKELETONS.has(skeleton) || skeleton.includes(SYSTEM_SKELETON);
}

export function normalizeHandle(raw: string): string {
  return raw.trim().toLowerCase();
}

/** What is wrong with a chosen (normalized) handle, or null. */
export function handleProblem(handle: string): string | null {
  if (!HANDLE.test(handle)) return `must be ${HANDLE_RULE}`;
  if (!isReservedHandle(handle)) return null;
  return handleSkeleton(handle).includes(SYSTEM_SKELETON)
    ? `"${handle}" reads as the system account's name "${SYSTEM_HANDLE}", which no other account may carry`
    : `"${handle}" is reserved (it reads as one of ${RESERVED_HANDLES.join(", ")})`;
}

/** How many derived handles sign-up tries before giving up with CONFLICT (each try after the first is random). */
export const HANDLE_ATTEMPTS = 8;

/**
 * The handle derived from an email's local part (`Ada.Lovelace+x@…` -> `ada-lovelace-x`).
 * `attempt` 0 is the plain form; later attempts append a random `-xxxxx` to step past a taken
 * one. Always a valid, unreserved handle.
 */
export function derivedHandle(email: string, attempt = 0): string {
  const suffix = attempt === 0 ? "" : `-${(globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0).toString(36).slice(0, 5)}`;
  let base = (email.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_HANDLE_LENGTH - suffix.length - "-account".length)
    .replace(/-+$/, "");
  if (base === "") base = "user";
  if (isReservedHandle(base)) base = `${base}-account`;
  // `knouds-account` still reads as the system account, and a suffix can complete a name
  // (`knoud` + `-s1x2y`): fall back to a plain one.
  return isReservedHandle(`${base}${suffix}`) ? `user${suffix}` : `${base}${suffix}`;
}
