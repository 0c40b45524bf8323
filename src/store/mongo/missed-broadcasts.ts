import type { Collection } from "mongodb";
import type { MissedBroadcastStore } from "../interface.js";
import type { MarkDoc } from "./documents.js";

/** One document counts the changes not broadcast over Redis (see auth/revocation-redis.ts). */
export function mongoMissedBroadcastStore(col: Collection<MarkDoc>): MissedBroadcastStore {
  return {
    async bump() {
      await col.updateOne({ _id: "missed-broadcasts" }, { $inc: { count: 1 } }, { upsert: true });
    },
    async count() {
      return (await col.findOne({ _id: "missed-broadcasts" }))?.count ?? 0;
    },
  };
}
