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
    assert!(vectors.len() >= 9, "the vectors file lists every case");
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
}
