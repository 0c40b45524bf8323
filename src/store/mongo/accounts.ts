import type { Collection } from "mongodb";
import { KnoudsError } from "../../domain/errors.js";
import type { AccountStore } from "../interface.js";
import { fromDoc, isDuplicateKey, type AccountDoc } from "./documents.js";

export function mongoAccountStore(col: Collection<AccountDoc>): AccountStore {
  return {
    async create(account) {
      const { id, ...rest } = account;
      try {
        await col.insertOne({ _id: id, ...rest });
      } catch (error) {
        if (isDuplicateKey(error)) {
          // MongoDB names the index in the message: "… index: handle_1 dup key: …".
          const what = /index: handle_1\b/.test((error as Error).message) ? "handle" : "email";
          throw KnoudsError.conflict(`An account with this ${what} already exists`);
        }
        throw error;
      }
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },
    async findByEmail(email) {
      const doc = await col.findOne({ email });
      return doc ? fromDoc(doc) : null;
    },
    async findByHandle(handle) {
      const doc = await col.findOne({ handle });
      return doc ? fromDoc(doc) : null;
    },
    async update(id, changes) {
      const set: Partial<AccountDoc> = {};
      if (changes.tier !== undefined) set.tier = changes.tier;
      if (changes.isPlatformAdmin !== undefined) set.isPlatformAdmin = changes.isPlatformAdmin;
      const doc = await col.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: "after" });
      return doc ? fromDoc(doc) : null;
    },
  };
}
