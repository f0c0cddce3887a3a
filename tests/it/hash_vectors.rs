//! The timeline's hash agrees with an independent implementation: vectors computed in
//! Python with the `rfc8785` package and `hashlib` (`tests/vectors/hash_vectors.py`,
//! re-run by `.ci/run`).

use aiir::Sha256Digest;
use aiir::timeline::Event;
use serde_json::Value;

use super::root;

#[test]
fn event_hashes_match_the_python_vectors() {
    let text = std::fs::read_to_string(root("tests/vectors/hash-vectors.json")).unwrap();
    let vectors: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(vectors.len() >= 10, "the vectors file lists every case");
    for v in &vectors {
        let expected = v["sha256"].as_str().unwrap();
        // The canonical form of the event object, as Python wrote it.
        let digest = Sha256Digest::of_canonical_json(&v["event"]).unwrap();
        assert_eq!(digest.as_str(), expected, "canonical JSON of {}", v["event"]);
        assert_eq!(
            Sha256Digest::of(v["canonical"].as_str().unwrap().as_bytes()).as_str(),
            expected
        );
        // The same event read as a timeline event hashes the same.
        let mut with_hash = v["event"].clone();
        with_hash["hash"] = expected.into();
        let event: Event = serde_json::from_value(with_hash).unwrap_or_else(|e| panic!("{e}: {}", v["event"]));
        assert_eq!(event.compute_hash().as_str(), expected, "{}", v["event"]);
        assert_eq!(event.hash.as_str(), expected);
    }
    // The events as written in events.json (integer literals beyond 64 bits included)
    // hash the same when aiir reads the text itself.
    let text = std::fs::read_to_string(root("tests/vectors/events.json")).unwrap();
    let events: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(events.len(), vectors.len());
    for (event, v) in events.iter().zip(&vectors) {
        assert_eq!(
            Sha256Digest::of_canonical_json(event).unwrap().as_str(),
            v["sha256"].as_str().unwrap()
        );
    }
}

#[test]
fn events_python_cannot_canonicalize_are_refused_too() {
    let text = std::fs::read_to_string(root("tests/vectors/rejected-events.json")).unwrap();
    let events: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(events.len(), 2);
    for v in &events {
        // No canonical form, so no digest …
        assert!(Sha256Digest::of_canonical_json(v).is_err(), "{v}");
        // … and the event is not read (whatever hash it claims).
        let mut with_hash = v.clone();
        with_hash["hash"] = "0".repeat(64).into();
        let err = serde_json::from_value::<Event>(with_hash).unwrap_err().to_string();
        assert!(err.contains("2^53"), "{err}");
    }
}
