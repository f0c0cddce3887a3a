"""Schema → crate agreement: documents generated from each input schema by a
property-based generator (hypothesis-jsonschema) must be accepted *structurally* by the
crate (`aiir validate --format json`: no syntax, version or structure problem).
Semantic rules (a category the policy does not define, a broken hash chain, …) are
outside what a schema can say; docs/validation.md lists them.

usage: schema_agreement.py <aiir binary> [documents per kind]
"""

import collections
import json
import pathlib
import subprocess
import sys
import tempfile
import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema

root = pathlib.Path(__file__).resolve().parent.parent
aiir = sys.argv[1]
per_kind = int(sys.argv[2]) if len(sys.argv) > 2 else 200
KINDS = ["incident", "inventory", "threat-register", "escalation-policy", "policy"]


def inline(schema, limit=3):
    """`$ref`s into `$defs` replaced by their targets (recursive ones `limit` deep, then
    `false`, which generation avoids), as hypothesis-jsonschema wants them."""
    defs = schema.get("$defs", {})

    def walk(node, stack):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref[len("#/$defs/"):]
                if stack.count(name) >= limit:
                    return False
                target = walk(defs[name], stack + [name])
                rest = {k: walk(v, stack) for k, v in node.items() if k != "$ref"}
                if not rest:
                    return target
                return {"allOf": [target, rest]} if target is not False else False
            return {k: walk(v, stack) for k, v in node.items() if k not in ("$defs", "$id", "$schema")}
        if isinstance(node, list):
            return [walk(v, stack) for v in node]
        return node

    return walk(schema, [])


def generate(kind, n):
    schema = inline(json.loads((root / "schemas" / f"{kind}.schema.json").read_text()))
    docs = []

    @settings(max_examples=n, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(from_schema(schema))
    def collect(doc):
        docs.append(doc)

    collect()
    return docs


failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for kind in KINDS:
        start = time.time()
        docs = generate(kind, per_kind)
        files = []
        for i, doc in enumerate(docs):
            path = pathlib.Path(tmp) / f"{kind}-{i:04}.json"
            path.write_text(json.dumps(doc))
            files.append(str(path))
        out = subprocess.run([aiir, "validate", kind, "--format", "json", *files], capture_output=True, text=True)
        reports = json.loads(out.stdout)
        rejected = collections.Counter()
        n_rejected = 0
        for report in reports:
            shape = [p for p in report["problems"] if p["kind"] != "semantic"]
            if shape:
                n_rejected += 1
                for p in shape[:3]:
                    at = "/".join("N" if t.isdigit() else t for t in p["pointer"].split("/"))
                    rejected[f"{at}: {p['expected'][:100]}"] += 1
        print(f"{kind}: {len(reports)} generated documents, {n_rejected} rejected for their shape ({time.time() - start:.0f} s)")
        for what, count in rejected.most_common(10):
            print(f"   {count:4} {what}")
        failed += n_rejected + (len(reports) == 0)
sys.exit(1 if failed else 0)
