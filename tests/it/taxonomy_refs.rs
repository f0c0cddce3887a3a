//! Every framework ID in the built-in catalog is real.
//!
//! - ATLAS IDs: against MITRE's own `ATLAS.yaml` (5.6.0), the primary artefact
//!   (`../shared/reference/formats/atlas/`, committed as a fixture).
//! - OWASP LLM / agentic and AVID IDs: no primary artefact was available (the OWASP lists
//!   are published as PDFs and web pages; the AVID taxonomy as a web page), so these are
//!   checked against our own sourced notes, `taxonomies.md` — a **secondary source**.
//!   Where primary data exists it checks those notes in turn: the AVID SEP codes used by
//!   the six published AVID reports in `../shared/reference/formats/avid/` must appear in
//!   them with the same name.

use std::collections::BTreeSet;

use aiir::Policy;
use aiir::taxonomy::Domain;
use regex::Regex;

use super::root;

fn atlas_ids() -> BTreeSet<String> {
    let yaml = std::fs::read_to_string(root("tests/fixtures/atlas/ATLAS.yaml")).unwrap();
    let re = Regex::new(r"(?m)^\s*(?:- )?id: (AML\.T\d{4}(?:\.\d{3})?)\s*$").unwrap();
    re.captures_iter(&yaml).map(|c| c[1].to_owned()).collect()
}

fn taxonomies() -> String {
    std::fs::read_to_string(root("tests/fixtures/taxonomies.md")).unwrap()
}

/// The section of `taxonomies.md` from `start` up to `end`.
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}`"));
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn atlas_fixture_is_the_expected_release() {
    let ids = atlas_ids();
    // taxonomies.md §2: "16 tactics, 170 techniques and sub-techniques" in ATLAS 5.6.0.
    assert_eq!(ids.len(), 170);
    assert!(ids.contains("AML.T0051.001"));
}

#[test]
fn every_atlas_mapping_exists_in_atlas_yaml() {
    let ids = atlas_ids();
    for c in &Policy::builtin().taxonomy.categories {
        for t in &c.atlas {
            assert!(
                ids.contains(t.as_str()),
                "{}: {t} is not an ATLAS 5.6.0 technique",
                c.id
            );
        }
    }
}

#[test]
fn every_owasp_mapping_is_in_the_published_lists() {
    let text = taxonomies();
    let llm_rows = Regex::new(r"(?m)^\| (LLM\d{2}:2025) \| [^|]+ \|$").unwrap();
    let llm: BTreeSet<String> = llm_rows.captures_iter(&text).map(|c| c[1].to_owned()).collect();
    assert_eq!(llm.len(), 10);
    let asi_rows = Regex::new(r"(?m)^\| (ASI\d{2}) \| ([^|]+) \|$").unwrap();
    // Only the released names: rows marked as draft names are not used.
    let asi: BTreeSet<String> = asi_rows
        .captures_iter(&text)
        .filter(|c| !c[2].contains("Draft name"))
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(asi.len(), 8);
    for c in &Policy::builtin().taxonomy.categories {
        for id in &c.owasp_llm {
            assert!(
                llm.contains(id.as_str()),
                "{}: {id} not in the OWASP LLM Top 10 2025",
                c.id
            );
        }
        for id in &c.owasp_agentic {
            assert!(
                asi.contains(id.as_str()),
                "{}: {id} not a released OWASP agentic ID",
                c.id
            );
        }
    }
}

#[test]
fn every_avid_mapping_is_in_the_published_taxonomy() {
    let text = taxonomies();
    let avid_section = section(&text, "### 4.1 AVID", "### 4.2");
    let codes: BTreeSet<String> = Regex::new(r"\b([SEP]\d{4})\b")
        .unwrap()
        .captures_iter(avid_section)
        .map(|c| c[1].to_owned())
        .collect();
    assert!(codes.len() > 40, "parsed {} AVID codes", codes.len());
    for c in &Policy::builtin().taxonomy.categories {
        for code in &c.avid {
            assert!(codes.contains(code.as_str()), "{}: {code} not an AVID SEP code", c.id);
        }
    }
}

#[test]
fn catalog_covers_the_cosai_domains_and_required_categories() {
    let tax = &Policy::builtin().taxonomy;
    for d in [
        Domain::Data,
        Domain::Model,
        Domain::Deployment,
        Domain::Infrastructure,
        Domain::UserInteraction,
    ] {
        assert!(tax.by_domain(d).count() >= 3, "{d:?} has fewer than 3 categories");
    }
    let required = [
        "data_poisoning",
        "data_leakage",
        "data_integrity_violation",
        "model_theft",
        "model_inversion",
        "backdoor",
        "adversarial_evasion",
        "model_drift",
        "prompt_injection",
        "indirect_prompt_injection",
        "jailbreak",
        "harmful_output",
        "rogue_agent",
        "system_prompt_leakage",
        "unauthorized_access",
        "service_abuse",
        "supply_chain_compromise",
        "malicious_code_generation",
        "phishing_deepfake_generation",
        "output_manipulation",
        "hallucination_exploitation",
        "bias_discrimination",
    ];
    for id in required {
        assert!(tax.contains(&id.parse().unwrap()), "missing category {id}");
    }
    for c in &tax.categories {
        let mappings = c.atlas.len() + c.owasp_llm.len() + c.owasp_agentic.len() + c.avid.len();
        assert!(mappings > 0, "{} has no framework mapping", c.id);
    }
}

#[test]
fn atlas_lookup_finds_categories_by_sub_technique() {
    let tax = &Policy::builtin().taxonomy;
    let direct = "AML.T0051.000".parse().unwrap();
    let ids: Vec<_> = tax.by_atlas(&direct).map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"prompt_injection"), "{ids:?}");
}

#[test]
fn the_avid_notes_agree_with_published_avid_reports() {
    // Primary data: AVID reports name the SEP codes they use (`"S0100: Software
    // Vulnerability"`); each must be in the notes with that name.
    let text = taxonomies();
    let avid_section = section(&text, "### 4.1 AVID", "### 4.2");
    let dir = root("../shared/reference/formats/avid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for sep in report["impact"]["avid"]["sep_view"].as_array().into_iter().flatten() {
            let (code, name) = sep.as_str().unwrap().split_once(": ").unwrap();
            assert!(
                avid_section.contains(code) && avid_section.contains(name),
                "{}: `{code}: {name}` is not in the AVID notes",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 4, "the published reports carry SEP codes ({seen} seen)");
}
