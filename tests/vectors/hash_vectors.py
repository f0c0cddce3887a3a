#!/usr/bin/env python3
"""Timeline hash test vectors computed outside Rust.

Each event object of events.json (an incident timeline event without its `hash`) is
canonicalized with RFC 8785 (the `rfc8785` package) and hashed with SHA-256 (`hashlib`).
The result, hash-vectors.json, is checked in; the Rust test suite checks that aiir
computes the same hash for every vector, and `--check` (run by .ci/run) checks that the
checked-in file is what this script computes.

Numbers are read as aiir reads them (`verify_chain.js_int`: an integer literal beyond
64 bits is the nearest double, as in JavaScript). rejected-events.json lists events with
no canonical form (integers from 2^53 up within 64 bits, beyond the I-JSON range
±(2^53 - 1)): `--check` confirms that `rfc8785` refuses each, and the Rust suite that
aiir refuses each too, so no event verifies in one implementation and not the other.
"""
import hashlib
import json
import pathlib
import sys

import rfc8785

from verify_chain import js_int

HERE = pathlib.Path(__file__).parent


def vectors():
    events = json.loads((HERE / "events.json").read_text(encoding="utf-8"), parse_int=js_int)
    out = []
    for event in events:
        canonical = rfc8785.dumps(event)
        out.append(
            {
                "event": event,
                "canonical": canonical.decode("utf-8"),
                "sha256": hashlib.sha256(canonical).hexdigest(),
            }
        )
    return out


def check_rejections():
    events = json.loads((HERE / "rejected-events.json").read_text(encoding="utf-8"))
    for event in events:
        try:
            rfc8785.dumps(event)
        except rfc8785.CanonicalizationError:
            continue
        sys.exit(f"rfc8785 canonicalized an event listed as rejected: {event}")
    print(f"rejected-events.json: rfc8785 refuses all {len(events)} events")


def main():
    text = json.dumps(vectors(), indent=2, ensure_ascii=False) + "\n"
    target = HERE / "hash-vectors.json"
    if "--check" in sys.argv:
        if target.read_text(encoding="utf-8") != text:
            sys.exit(f"{target} is out of date: run python3 {pathlib.Path(__file__).name}")
        print(f"{target.name}: up to date ({len(json.loads(text))} vectors)")
        check_rejections()
    else:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
