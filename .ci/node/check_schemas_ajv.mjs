// Every published schema compiled by ajv (draft 2020-12) with its DEFAULT options
// (strict mode) plus ajv-formats, as a JavaScript consumer would; every example validated;
// documents with known faults rejected, enum typos named with their allowed values.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (p) => JSON.parse(readFileSync(join(root, p), "utf8"));
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
};

const warnings = [];
const ajv = new Ajv2020({ logger: { log() {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) } });
addFormats(ajv);
const validators = {};
for (const file of readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).sort()) {
  const name = file.replace(/\.schema\.json$/, "");
  try {
    validators[name] = ajv.compile(read(join("schemas", file)));
    check(true, file);
  } catch (e) {
    check(false, `${file}: ${e.message}`);
  }
}
check(Object.keys(validators).length >= 13, "every schema compiled");

const dir = (d) => readdirSync(join(root, d)).filter((f) => f.endsWith(".json")).sort().map((f) => join(d, f));
const documents = [["policy", "data/builtin-policy.json"]];
for (const [kind, d] of [["incident", "examples/incidents"], ["threat-register", "examples/threats"], ["inventory", "examples/inventory"], ["escalation-policy", "examples/escalation"]]) {
  for (const p of dir(d)) documents.push([kind, p]);
}
for (const [kind, path] of documents) {
  const validate = validators[kind];
  const ok = validate && validate(read(path));
  check(ok, `${path} against ${kind}: ${JSON.stringify(validate && validate.errors)}`);
}

const example = read("examples/incidents/agent-unauthorized-refunds.json");
const mutations = {
  "incident id with a space": (d) => { d.id = "INC 1"; },
  "unknown property": (d) => { d.colour = "red"; },
  "unknown phase": (d) => { d.phase = "finished"; },
  "a blast radius typo": (d) => { d.impact.blast_radius = "multitenant"; },
  "a time without a zone": (d) => { d.times.detected_at = "2026-03-14T09:12:00"; },
  "a non-canonical event time": (d) => { d.timeline[0].at = "2026-03-14T09:12:00.000Z"; },
  "schema_version with a leading zero": (d) => { d.schema_version = "1.01.0"; },
  "schema_version beyond u64": (d) => { d.schema_version = "1.18446744073709551616.0"; },
  "bad hash": (d) => { d.timeline[0].hash = "ABC"; },
};
for (const [name, mutate] of Object.entries(mutations)) {
  const doc = structuredClone(example);
  mutate(doc);
  check(!validators.incident(doc), `ajv accepted an incident with ${name}`);
}
// An enum typo is reported with the allowed values (an `enum`, not a `oneOf` of consts).
const typo = structuredClone(example);
typo.impact.blast_radius = "multitenant";
validators.incident(typo);
const allowed = (validators.incident.errors || []).find((e) => e.keyword === "enum");
check(allowed && allowed.params.allowedValues.includes("multi_tenant"), `enum error names the values: ${JSON.stringify(validators.incident.errors)}`);

// Documents the crate wrote (`export_rust_built_documents`), when a directory is given.
const exportedDir = process.argv[2];
if (exportedDir) {
  let exported = 0;
  for (const kind of readdirSync(exportedDir).sort()) {
    for (const file of readdirSync(join(exportedDir, kind)).filter((f) => f.endsWith(".json")).sort()) {
      const path = join(exportedDir, kind, file);
      const validate = validators[kind];
      const ok = validate && validate(JSON.parse(readFileSync(path, "utf8")));
      check(ok, `${path} (written by the crate) against ${kind}: ${JSON.stringify(validate && validate.errors)}`);
      exported++;
    }
  }
  check(exported >= 40, `${exported} documents written by the crate checked`);
  console.log(`documents written by the crate: ${exported}`);
}

console.log(`ajv (default options + ajv-formats): ${passed} passed, ${failed} failed; ${warnings.length} warnings`);
for (const w of warnings.slice(0, 5)) console.log(`  warning: ${w}`);
process.exit(failed ? 1 : 0);
