import type { Collection } from "mongodb";
import type { SecretFingerprintStore } from "../interface.js";
import { isDuplicateKey, type SettingDoc } from "./documents.js";

const ID = "secret-fingerprint";

/** One document in `server_settings` holds the server secret's fingerprint (see auth/secret.ts). */
export function mongoSecretFingerprintStore(col: Collection<SettingDoc>): SecretFingerprintStore {
  const get = async () => (await col.findOne({ _id: ID }))?.value ?? null;
  return {
    get,
    async recordIfAbsent(fingerprint) {
      try {
        // Inserts only when absent; instances starting together race on the _id, one wins.
        await col.updateOne({ _id: ID }, { $setOnInsert: { value: fingerprint, recordedAt: Date.now() } }, { upsert: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      return (await get()) ?? fingerprint;
    },
    async replace(fingerprint) {
      await col.updateOne({ _id: ID }, { $set: { value: fingerprint, recordedAt: Date.now() } }, { upsert: true });
    },
  };
}
