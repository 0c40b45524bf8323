import { describe, it } from "vitest";
import { openMongoStore } from "../../src/store/mongo/index.js";
import { accountsKeysAndSessionsContract } from "./contract.js";
import { pagesContract } from "./contract-pages.js";
import { workflowsAndRunsContract } from "./contract-workflows.js";

const uri = process.env.MONGODB_URI;

if (uri) {
  const openMongo = () => openMongoStore(uri);
  accountsKeysAndSessionsContract("MongoDB", openMongo);
  workflowsAndRunsContract("MongoDB", openMongo);
  pagesContract("MongoDB", openMongo);
} else {
  describe("MongoDB store", () => {
    it.skip("contract suite skipped: set MONGODB_URI (e.g. mongodb://127.0.0.1:27017/knouds_test) to run it", () => {});
  });
  console.log("[mongo.test] skipped: MONGODB_URI is not set; the MongoDB half of the store contract did not run");
}
