#!/usr/bin/env python3
"""Verifies the hash chain of aiir incident documents without aiir.

Each timeline event's `hash` is the lowercase hex SHA-256 of the RFC 8785 (JCS)
canonical JSON of the event object without its `hash` member; `prev_hash` is the
previous event's `hash` (64 zeros for the first); `seq` counts from 0.

    python3 verify_chain.py incident.json...

Exits 1 naming the first broken event of the first broken document.

Numbers are read as aiir (serde_json) reads them: an integer literal beyond the 64-bit
range is the nearest double, as JavaScript's JSON.parse reads it; integers from 2^53 up
within 64 bits stay integers, which RFC 8785 (and aiir) refuse.
"""
import hashlib
import json
import sys

import rfc8785


def js_int(text):
    """An integer literal as serde_json reads it: a double beyond the 64-bit range."""
    value = int(text)
    return value if -(2**63) <= value < 2**64 else float(value)


def verify(incident):
    prev = "0" * 64
    for i, event in enumerate(incident.get("timeline", [])):
        if event["seq"] != i:
            return f"event {i}: seq is {event['seq']}"
        if event["prev_hash"] != prev:
            return f"event {i}: prev_hash does not link to the previous event"
        body = {k: v for k, v in event.items() if k != "hash"}
        digest = hashlib.sha256(rfc8785.dumps(body)).hexdigest()
        if digest != event["hash"]:
            return f"event {i}: hash does not match its content"
        prev = event["hash"]
    return None


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            problem = verify(json.load(f, parse_int=js_int))
        if problem:
            print(f"{path}: {problem}")
            failed = True
        else:
            print(f"{path}: chain verified")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
