"""Independent check of aiir's JSON schemas with Python's `jsonschema` (not Rust), with
format checking on (`date-time`, `date`, `duration` are asserted, as the crate does).

1. Every file in schemas/ is a valid draft 2020-12 schema with a URN $id.
2. Every example incident and the built-in policy validate against their schema.
3. Documents the Rust side rejects for their shape are rejected here too, so the
   check itself can fail.
"""

import copy
import json
import pathlib
import sys

import re

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError


def end_anchored_pattern(validator, pattern, instance, schema):
    """`pattern` as ECMAScript reads it: Python's `$` also matches before a final
    newline (so plain `re.search` accepts `"INC-1\\n"`, which Rust, ECMAScript and the
    crate refuse); a final `$` is read as `\\Z`, the end of the string."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    if validator.is_type(instance, "string") and not re.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# What docs/validation.md tells Python users to use.
Validator = validators.extend(Draft202012Validator, {"pattern": end_anchored_pattern})

root = pathlib.Path(__file__).resolve().parent.parent
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


schemas = {}
for path in sorted((root / "schemas").glob("*.schema.json")):
    schema = json.loads(path.read_text())
    try:
        Draft202012Validator.check_schema(schema)
        check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema", f"{path.name}: $schema")
        check(str(schema.get("$id", "")).startswith("urn:aiir:schema:"), f"{path.name}: $id")
    except Exception as e:  # noqa: BLE001 - report any schema error as a failure
        check(False, f"{path.name}: {e}")
    schemas[path.name.removesuffix(".schema.json")] = Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )

check({"incident", "policy", "validation-report", "severity-policy", "assessment", "threat-register", "ranking", "mitigation-plan", "inventory", "affected", "audit-report", "escalation-policy", "escalation-plan", "obligations", "art73-report", "response-plan", "communications", "response-metrics", "lint-report", "triage", "replay-report"} <= schemas.keys(), "expected schemas present")

documents = [("policy", root / "data" / "builtin-policy.json")]
documents += [("incident", p) for p in sorted((root / "examples" / "incidents").glob("*.json"))]
documents += [("threat-register", p) for p in sorted((root / "examples" / "threats").glob("*.json"))]
documents += [("inventory", p) for p in sorted((root / "examples" / "inventory").glob("*.json"))]
documents += [("escalation-policy", p) for p in sorted((root / "examples" / "escalation").glob("*.json"))]
builtin = json.loads((root / "data" / "builtin-policy.json").read_text())
errors = [e.message for e in schemas["severity-policy"].iter_errors(builtin["severity"])]
check(not errors, f"built-in severity section against severity-policy: {errors}")
for kind, path in documents:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schemas[kind].iter_errors(json.loads(path.read_text()))]
    check(not errors, f"{path.relative_to(root)} against {kind}: {errors}")

example = json.loads((root / "examples" / "incidents" / "agent-unauthorized-refunds.json").read_text())
mutations = {
    "incident id with a space": lambda d: d.__setitem__("id", "INC 1"),
    "unknown property": lambda d: d.__setitem__("colour", "red"),
    "unknown phase": lambda d: d.__setitem__("phase", "finished"),
    "missing times": lambda d: d.pop("times"),
    "bad SSRM actor": lambda d: d["parties"][0]["roles"].__setitem__(0, "vendor"),
    "bad hash": lambda d: d["timeline"][0].__setitem__("hash", "ABC"),
    "schema_version 2": lambda d: d.__setitem__("schema_version", "2.0.0"),
    "schema_version with a leading zero": lambda d: d.__setitem__("schema_version", "1.01.0"),
    "a blast radius typo": lambda d: d["impact"].__setitem__("blast_radius", "multitenant"),
    "an impossible date": lambda d: d["times"].__setitem__("detected_at", "2026-02-30T09:00:00Z"),
    "a non-canonical event time": lambda d: d["timeline"][0].__setitem__("at", "2026-03-14T09:12:00.000Z"),
    "Arabic-Indic digits in a version": lambda d: d["affected"][0].__setitem__("version", "\u0661.0.0"),
    "an id with a trailing newline": lambda d: d.__setitem__("id", "INC-1\n"),
    "an event time with a trailing newline": lambda d: d["timeline"][0].__setitem__("at", d["timeline"][0]["at"] + "\n"),
}
for name, mutate in mutations.items():
    doc = copy.deepcopy(example)
    mutate(doc)
    check(not schemas["incident"].is_valid(doc), f"schema accepted a document with {name}")

# An enum typo names the allowed values (an `enum`, not a `oneOf` of consts).
doc = copy.deepcopy(example)
doc["impact"]["blast_radius"] = "multitenant"
messages = [e.message for e in schemas["incident"].iter_errors(doc)]
check(any("multi_tenant" in m for m in messages), f"an enum typo names the allowed values: {messages}")

# Patterns must not backtrack catastrophically in a backtracking engine (Python `re`, and
# V8 behind ajv): a version range with 31 comparators and a bad last character is
# refused quickly. Run in a child process with a generous timeout, so an exponential
# pattern fails this check instead of hanging CI.
import subprocess
version_range = root / "schemas" / "incident.schema.json"
pattern = json.loads(version_range.read_text())["$defs"]["VersionRange"]["pattern"]
hostile = "1, " * 31 + "1!"
probe = "import re, sys; sys.exit(0 if re.match(sys.argv[1], sys.argv[2]) is None else 1)"
try:
    done = subprocess.run([sys.executable, "-c", probe, pattern, hostile], timeout=60)
    check(done.returncode == 0, "the VersionRange pattern refuses a range with a bad last character")
except subprocess.TimeoutExpired:
    check(False, "the VersionRange pattern backtracks catastrophically (over 60 s on a 95-character range)")

# Documents the crate wrote (`export_rust_built_documents`), when a directory is given:
# each `<dir>/<kind>/*.json` must satisfy its schema here too.
if len(sys.argv) > 1:
    exported = 0
    for kind_dir in sorted(pathlib.Path(sys.argv[1]).iterdir()):
        for path in sorted(kind_dir.glob("*.json")):
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schemas[kind_dir.name].iter_errors(json.loads(path.read_text()))]
            check(not errors, f"{path} (written by the crate) against {kind_dir.name}: {errors[:3]}")
            exported += 1
    check(exported >= 40, f"{exported} documents written by the crate checked")
    print(f"documents written by the crate: {exported}")

print(f"schemas: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
