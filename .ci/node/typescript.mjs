// TypeScript declarations for every published schema (json-schema-to-typescript), written
// to schemas/ts/ (`--write`) or compared with the files there (`--check`, in CI).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const mode = process.argv[2];
if (mode !== "--write" && mode !== "--check") {
  console.error("usage: node .ci/node/typescript.mjs --write|--check");
  process.exit(2);
}
const out = join(root, "schemas", "ts");
mkdirSync(out, { recursive: true });
const pascal = (s) => s.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
let drift = 0;
for (const file of readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).sort()) {
  const name = file.replace(/\.schema\.json$/, "");
  const schema = JSON.parse(readFileSync(join(root, "schemas", file), "utf8"));
  // The `$id` is a URN: resolve `#/$defs/...` within the document itself.
  delete schema.$id;
  const ts = await compile(schema, pascal(name), {
    bannerComment: `/* Generated from schemas/${file} by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */`,
    additionalProperties: false,
    format: true,
    unreachableDefinitions: false,
  });
  const path = join(out, `${name}.d.ts`);
  if (mode === "--write") {
    writeFileSync(path, ts);
  } else if (!existsSync(path) || readFileSync(path, "utf8") !== ts) {
    console.log(`DRIFT: schemas/ts/${name}.d.ts differs from what schemas/${file} generates (run: node .ci/node/typescript.mjs --write)`);
    drift++;
  }
}
console.log(mode === "--write" ? "TypeScript declarations written to schemas/ts/" : `TypeScript declarations: ${drift} drifted`);
process.exit(drift ? 1 : 0);
