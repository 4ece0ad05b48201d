import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { EventTarget as LinkedomEventTarget, parseHTML } from "linkedom";
import { extractArticle } from "../src/ingest/html.ts";
const dir = "/work/shared/data/article-extraction/html";
const pages = readdirSync(dir).filter((n) => n.endsWith(".gz")).sort().map((n) => gunzipSync(readFileSync(`${dir}/${n}`)).toString("utf8"));
const { document } = parseHTML("<html><body><p>x</p></body></html>");
let Node: any = (document.createElement("p") as any).constructor;
while (Object.getPrototypeOf(Node) !== LinkedomEventTarget) Node = Object.getPrototypeOf(Node);
class Lazy {}
Object.setPrototypeOf(Lazy.prototype, LinkedomEventTarget.prototype);
const set = (lazy: boolean) => Object.setPrototypeOf(Node, lazy ? Lazy : LinkedomEventTarget);
const pass = () => { const c = process.cpuUsage(); for (const p of pages) extractArticle(p); const u = process.cpuUsage(c); return (u.user + u.system) / 1e6; };
set(false); pass(); set(true); pass();
let a = 0, b = 0;
for (let r = 0; r < 4; r++) { set(false); a += pass(); set(true); b += pass(); }
console.log(`original ${(4 * pages.length / a).toFixed(1)} pages/CPU s, lazy ${(4 * pages.length / b).toFixed(1)}; speed-up ${(a / b).toFixed(3)}`);
