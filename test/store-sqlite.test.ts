import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after } from "node:test";
import { openStore } from "../src/record/open-store.ts";
import { storeConformance } from "./store-conformance.ts";

const dir = mkdtempSync(path.join(tmpdir(), "onrecord-store-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

// Each test gets a new database file (with no overrides file beside it).
storeConformance("SQLite", () => openStore(path.join(dir, `conformance-${counter++}.db`), { create: true }));
