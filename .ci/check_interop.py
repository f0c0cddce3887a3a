"""Exports checked by the formats' own validators.

usage: check_interop.py <dir written by export_interop_documents>

- STIX 2.1 bundles: OASIS `stix2-validator` (the STIX 2.1 JSON schemas and the
  specification's MUST rules). Two SHOULD checks are disabled, on purpose: 103 (ids
  SHOULD be UUIDv4: the crate writes UUIDv5 from its own ids, so re-exporting the same
  incident gives the same objects) and 302 (an external reference with a URL SHOULD
  carry a hash: the ATLAS technique pages change).
- SSVC SelectionLists: CERT/CC's SelectionList 2.0.0 JSON Schema.
- CACAO 2.0 playbooks (every built-in playbook): OASIS's CACAO 2.0 JSON schemas, as
  declared and strict (see below).
- OCSF Incident Findings: the JSON Schema of class `incident_finding` that
  `ocsf-json-schema` generates from the compiled OCSF 1.5.0 schema (draft 2020-12,
  `additionalProperties: false`), with format checking; and the detection findings the
  import is tested on, against class `detection_finding`.
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema
from stix2validator import ValidationOptions, print_results, validate_file

root = pathlib.Path(sys.argv[1])
failed = 0

# The Incident Core extension's own JSON Schema (OASIS CTI TC, cti-stix-common-objects,
# extension-definition-specifications/incident-core/
# extension-definition--ef765651-680c-498d-9894-99799f2fa126.json, the property
# extension's object), with its remote `identifier.json` references replaced by the
# STIX 2.1 identifier pattern: stix2-validator does not look inside extensions.
IDENT = {"type": "string", "pattern": "^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"}
NEXT = {"type": "object", "additionalProperties": False,
        "properties": {"condition_type": {"enum": ["optional", "required", "unknown"]},
                       "transition_type": {"enum": ["completion", "failure", "success", "unknown"]}}}
def sequence(ref, prefix):
    nxt = json.loads(json.dumps(NEXT))
    nxt["required"] = ["condition_type", ref, "transition_type"]
    nxt["properties"][ref] = dict(IDENT, pattern=f"^{prefix}--")
    return {"type": "object", "additionalProperties": False, "required": [ref],
            "properties": {ref: dict(IDENT, pattern=f"^{prefix}--"), "sequence_start": {"type": "boolean"},
                           "next_steps": {"type": "array", "minItems": 1, "items": nxt}}}
INCIDENT_CORE = {
    "type": "object", "additionalProperties": False,
    "required": ["extension_type", "determination", "investigation_status"],
    "properties": {
        "extension_type": {"enum": ["property-extension"]},
        "scores": {"type": "array", "items": {"type": "object", "required": ["name", "value"],
                   "properties": {"name": {"type": "string"}, "value": {"type": "number"}, "description": {"type": "string"}}}},
        "events": {"type": "array", "minItems": 1, "items": sequence("event_ref", "event")},
        "tasks": {"type": "array", "minItems": 1, "items": sequence("task_ref", "task")},
        "determination": {"enum": ["blocked", "failed-attempt", "false-positive", "low-value", "successful-attempt", "suspected"]},
        "impact_refs": {"type": "array", "minItems": 1, "items": dict(IDENT, pattern="^impact--")},
        "investigation_status": {"type": "string"},
        "incident_types": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "detection_methods": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "criticality": {"type": "integer", "minimum": 0, "maximum": 100},
        "recoverability": {"enum": ["not-applicable", "regular", "supplemented", "extended", "not-recoverable"]},
        "impacted_entity_counts": {"patternProperties": {"^[a-z\\-]+": {"type": "integer", "minimum": 0}}},
    },
}
core_validator = Draft202012Validator(INCIDENT_CORE)
core_failed = 0

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
    for obj in json.loads(path.read_text())["objects"]:
        core = obj.get("extensions", {}).get("extension-definition--ef765651-680c-498d-9894-99799f2fa126")
        if obj["type"] == "incident":
            errors = list(core_validator.iter_errors(core)) if core is not None else ["no Incident Core extension"]
            if errors:
                core_failed += 1
                for e in errors[:5]:
                    print(f"{path.name}: Incident Core: {getattr(e, 'message', e)}")
print(f"STIX 2.1 bundles (stix2-validator): {len(stix)} checked, {failed} invalid, {warnings} warnings")
print(f"Incident Core extension (its OASIS JSON Schema): {len(stix)} checked, {core_failed} invalid")
failed += core_failed

def check_all(label, paths, errors_of):
    """Checks every file, prints the first errors of each invalid one and a summary
    line; the number of invalid files."""
    invalid = 0
    for path in paths:
        errors = errors_of(json.loads(path.read_text()))
        if errors:
            invalid += 1
            for e in errors[:5]:
                print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"{label}: {len(paths)} checked, {invalid} invalid")
    return invalid

def with_formats(schema):
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

ocsf_schemas = OcsfJsonSchemaEmbedded(get_ocsf_schema("1.5.0"))
validator = with_formats(ocsf_schemas.get_class_schema("incident_finding"))
ocsf = sorted((root / "ocsf").glob("*.json"))
ocsf_failed = check_all("OCSF 1.5.0 incident_finding (ocsf-json-schema)", ocsf,
                        lambda doc: list(validator.iter_errors(doc)))

# The detection findings the import is tested on (tests/fixtures/ocsf/) are valid OCSF
# 1.5.0 `detection_finding` events, by the same generator.
repo = pathlib.Path(__file__).resolve().parent.parent
detection_validator = with_formats(ocsf_schemas.get_class_schema("detection_finding"))
detections = sorted((repo / "tests" / "fixtures" / "ocsf").glob("*.json"))
failed += check_all("OCSF 1.5.0 detection_finding fixtures (ocsf-json-schema)", detections,
                    lambda doc: list(detection_validator.iter_errors(doc)))

# SSVC SelectionLists: CERT/CC's SelectionList 2.0.0 schema (CERTCC/SSVC
# data/schema/v2/SelectionList_2_0_0.schema.json, tests/fixtures/ssvc/), with format
# checking.
selection_schema = json.loads((repo / "tests" / "fixtures" / "ssvc" / "SelectionList_2_0_0.schema.json").read_text())
selection_validator = with_formats(selection_schema)
ssvc = sorted((root / "ssvc").glob("*.json"))
failed += check_all("SSVC SelectionList 2.0.0 (CERT/CC schema)", ssvc,
                    lambda doc: list(selection_validator.iter_errors(doc)))

# CACAO 2.0 playbooks: OASIS's CACAO 2.0 JSON schemas (oasis-open/cacao-json-schemas,
# tests/fixtures/cacao/schemas/), twice: as declared (draft-07, where
# `unevaluatedProperties` is not a keyword) and again under draft 2020-12, where
# `unevaluatedProperties: false` rejects any property a step or agent type does not
# define. Every schema's `$ref`s resolve inside the vendored set, by `$id`. One
# adjustment in the strict pass: `action.json` checks commands against the base
# `command-data.json`, which is closed (`unevaluatedProperties: false`) without the
# properties each command type adds (`command` of `manual`, …), so under 2020-12 it
# would reject every real command; there the base is left open and each command is
# checked strictly against its own type's schema (`commands/<type>.json`) instead.
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7, DRAFT202012
from jsonschema import Draft7Validator

cacao_dir = repo / "tests" / "fixtures" / "cacao" / "schemas"
cacao_schemas = [json.loads(p.read_text()) for p in sorted(cacao_dir.rglob("*.json"))]
def registry(spec):
    resources = []
    for s in cacao_schemas:
        s = dict(s)
        if spec is DRAFT202012:
            s.pop("$schema", None)
            if s["$id"].endswith("/commands/command-data.json"):
                s.pop("unevaluatedProperties", None)
        resources.append((s["$id"], spec.create_resource(s)))
    return Registry().with_resources(resources)
base = "https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/"
playbook_id = base + "playbook.json"
strict_registry = registry(DRAFT202012)
def command_validator(kind):
    return Draft202012Validator({"$ref": f"{base}commands/{kind}.json"}, registry=strict_registry)
declared = Draft7Validator({"$ref": playbook_id}, registry=registry(DRAFT7))
strict = Draft202012Validator({"$ref": playbook_id}, registry=strict_registry)
cacao = sorted((root / "cacao").glob("*.json"))
def cacao_errors(doc):
    errors = list(declared.iter_errors(doc)) + list(strict.iter_errors(doc))
    for step in doc.get("workflow", {}).values():
        for command in step.get("commands", []):
            errors += list(command_validator(command["type"]).iter_errors(command))
    return errors
failed += check_all("CACAO 2.0 playbooks (OASIS schemas, draft-07 and strict)", cacao, cacao_errors)

if not stix or not ocsf or not ssvc or not cacao or not detections:
    print("nothing exported")
    sys.exit(1)
sys.exit(1 if failed or ocsf_failed else 0)
