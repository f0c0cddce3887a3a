"""Exports checked by the formats' own validators.

usage: check_interop.py <dir written by export_interop_documents>

- STIX 2.1 bundles: OASIS `stix2-validator` (the STIX 2.1 JSON schemas and the
  specification's MUST rules). Two SHOULD checks are disabled, on purpose: 103 (ids
  SHOULD be UUIDv4: the crate writes UUIDv5 from its own ids, so re-exporting the same
  incident gives the same objects) and 302 (an external reference with a URL SHOULD
  carry a hash: the ATLAS technique pages change).
- OCSF Incident Findings: the JSON Schema of class `incident_finding` that
  `ocsf-json-schema` generates from the compiled OCSF 1.5.0 schema (draft 2020-12,
  `additionalProperties: false`), with format checking.
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema
from stix2validator import ValidationOptions, print_results, validate_file

root = pathlib.Path(sys.argv[1])
failed = 0

stix = sorted((root / "stix").glob("*.json"))
options = ValidationOptions(version="2.1", disabled="103,302")
warnings = 0
for path in stix:
    results = validate_file(str(path), options)
    for r in results.object_results:
        warnings += len(r.warnings or [])
    if not results.is_valid:
        failed += 1
        print_results(results)
print(f"STIX 2.1 bundles (stix2-validator): {len(stix)} checked, {failed} invalid, {warnings} warnings")

ocsf_failed = 0
schema = OcsfJsonSchemaEmbedded(get_ocsf_schema("1.5.0")).get_class_schema("incident_finding")
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
ocsf = sorted((root / "ocsf").glob("*.json"))
for path in ocsf:
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        ocsf_failed += 1
        for e in errors[:5]:
            print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
print(f"OCSF 1.5.0 incident_finding (ocsf-json-schema): {len(ocsf)} checked, {ocsf_failed} invalid")

if not stix or not ocsf:
    print("nothing exported")
    sys.exit(1)
sys.exit(1 if failed or ocsf_failed else 0)
