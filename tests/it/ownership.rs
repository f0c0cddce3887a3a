//! SSRM ownership strings and codes, supply-chain gaps, RACI, control references, audit
//! and AI-CAIQ answers.

use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use chrono::NaiveDate;

use super::root;

/// The ten AICM ownership strings and the CAIQ codes, as `taxonomies.md` §1.2 lists them.
/// A **secondary source**: the AICM and AI-CAIQ are published as spreadsheets that are
/// not in `../shared/reference/formats/`, so our sourced notes are what is checked.
fn published() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(root("tests/fixtures/taxonomies.md")).unwrap();
    let start = text.find("**Exact ownership strings").unwrap();
    let section = &text[start..text[start..].find("- **Examples:**").map_or(text.len(), |e| start + e)];
    let strings: Vec<String> = section
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- \"").and_then(|r| r.strip_suffix('"')))
        .map(str::to_owned)
        .collect();
    let codes_line = section
        .lines()
        .filter(|l| l.contains('`'))
        .flat_map(|l| l.split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>());
    let codes: Vec<String> = codes_line
        .filter(|c| c.ends_with("-Owned") || c.starts_with("Shared ") || c == "ND")
        .collect();
    (strings, codes)
}

#[test]
fn every_aicm_string_and_caiq_code_round_trips() {
    let (strings, codes) = published();
    assert_eq!(strings.len(), 10, "{strings:?}");
    assert_eq!(codes.len(), 10, "{codes:?}"); // 5 owned, 4 shared, ND
    for s in &strings {
        let o = Ownership::from_aicm(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&o.to_aicm(), s);
        assert_eq!(Ownership::from_caiq(&o.to_caiq()).unwrap(), o);
        assert_eq!(s.parse::<Ownership>().unwrap(), o, "FromStr accepts the AICM form");
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<Ownership>(&json).unwrap(), o);
    }
    for c in &codes {
        let o = Ownership::from_caiq(c).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&o.to_caiq(), c);
    }
    // "Shared Across the Supply Chain" has no abbreviation; ND has no AICM string.
    assert_eq!(Ownership::SupplyChain.to_caiq(), "Shared Across the Supply Chain");
    assert_eq!(Ownership::from_caiq("ND").unwrap(), Ownership::NotDetermined);
    assert!(Ownership::from_aicm("Owned by the MP").is_err());
    assert!(Ownership::shared(Actor::Csp, Actor::Ap).is_err());
    assert_eq!(
        Ownership::shared(Actor::Osp, Actor::Mp).unwrap(),
        Ownership::Shared(SharedPair::MpOsp)
    );
}

fn chain() -> SupplyChain {
    serde_json::from_value(serde_json::json!({
        "system": "support bot", "self_party": "acme",
        "parties": [
            {"id": "acme", "name": "Acme", "roles": ["AP"]},
            {"id": "modelco", "name": "ModelCo", "roles": ["MP"]},
            {"id": "agentops", "name": "AgentOps", "roles": ["OSP"]},
            {"id": "cloudco", "name": "CloudCo", "roles": ["CSP"]},
            {"id": "shopper", "name": "Customers", "roles": ["AIC"]}
        ]
    }))
    .unwrap()
}

fn ids(entries: &[RaciEntry]) -> Vec<String> {
    entries.iter().map(|e| format!("{}:{}", e.party, e.actor)).collect()
}

#[test]
fn raci_owned_layer() {
    let r = chain().raci(&ControlRef::aicm_sef_07(), &[Layer::Model]);
    assert_eq!(ids(&r.responsible), ["modelco:MP"]);
    assert_eq!(r.accountable.as_ref().map(|a| a.party.as_str()), Some("modelco"));
    assert_eq!(
        ids(&r.consulted),
        ["cloudco:CSP", "agentops:OSP", "acme:AP", "shopper:AIC"],
        "layer order"
    );
    assert!(r.informed.is_empty());
    assert!(r.gaps.is_empty());
    insta::assert_json_snapshot!(r);
}

#[test]
fn raci_shared_layer_has_both_responsible_and_one_accountable() {
    let r = chain().raci(&ControlRef::aicm_tvm_10(), &[Layer::Application]);
    assert_eq!(ids(&r.responsible), ["agentops:OSP", "acme:AP"]);
    let a = r.accountable.unwrap();
    assert_eq!(
        (a.party.as_str(), a.actor),
        ("acme", Actor::Ap),
        "the downstream provider is accountable"
    );
    assert!(
        a.reason
            .contains("Shared Orchestrated Service Provider-Application Provider (Shared OSP-AP)")
    );
}

#[test]
fn raci_supply_chain_layer_and_several_layers() {
    let r = chain().raci(&ControlRef::aicm_sef_07(), &[Layer::ProcessingInfrastructure]);
    assert_eq!(r.responsible.len(), 5, "shared across the supply chain: every party");
    assert_eq!(r.accountable.unwrap().party.as_str(), "acme", "AP, not the AI customer");
    let r = chain().raci(&ControlRef::aicm_sef_07(), &[Layer::Model, Layer::OrchestratedServices]);
    assert_eq!(ids(&r.responsible), ["modelco:MP", "agentops:OSP"]);
    assert_eq!(
        r.accountable.unwrap().party.as_str(),
        "agentops",
        "topmost affected layer, downstream actor"
    );
}

#[test]
fn gaps_are_reported_not_hidden() {
    let mut c = chain();
    c.parties.retain(|p| p.id.as_str() != "modelco");
    let gaps: Vec<String> = c
        .gaps(&ControlRef::aicm_tvm_10())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        gaps,
        [
            "Model layer is MP-Owned but no party plays MP (Model Provider)",
            "Orchestrated Services layer is Shared MP-OSP but no party plays MP (Model Provider)"
        ]
    );
    let r = c.raci(&ControlRef::aicm_tvm_10(), &[Layer::Model]);
    assert!(r.responsible.is_empty());
    assert!(r.accountable.is_none());
    assert_eq!(r.gaps.len(), 1);
}

#[test]
fn seed_controls_with_their_v1_0_aliases() {
    let sef = ControlRef::aicm_sef_07();
    assert!(sef.matches("1.1.0", "SEF-07") && sef.matches("1.0.0", "SEF-09"));
    assert_eq!(
        sef.ownership.application.to_aicm(),
        "Owned by the Application Provider (AP)"
    );
    let tvm = ControlRef::aicm_tvm_10();
    assert!(tvm.matches("1.0.0", "TVM-13"));
    assert_eq!(tvm.ownership.processing_infrastructure.to_caiq(), "CSP-Owned");
    assert!(
        tvm.mappings
            .iter()
            .any(|m| m.standard == "EU AI Act" && m.references == ["Article 9(2)"])
    );
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

#[test]
fn empty_policy_fails_every_guideline_with_missing_text() {
    let report = audit(&Policy::new("empty"), today());
    for c in &report.controls {
        for g in &c.guidelines {
            assert_eq!(g.status, Status::NotMet, "{} {}", c.control, g.label);
            assert!(!g.missing.is_empty());
        }
        assert_eq!(c.caiq.answer, Answer::No);
        assert_eq!(c.caiq.owner, Ownership::NotDetermined);
    }
    insta::assert_snapshot!(report.to_markdown());
}

#[test]
fn builtin_policy_meets_every_guideline_and_answers_yes() {
    let report = audit(Policy::builtin(), today());
    assert!(report.all_met(), "{}", report.to_markdown());
    let answers: Vec<(String, Answer, String)> = report
        .controls
        .iter()
        .map(|c| (c.caiq.question.clone(), c.caiq.answer, c.caiq.owner.to_caiq()))
        .collect();
    assert_eq!(
        answers,
        [
            ("SEF-07.1".to_owned(), Answer::Yes, "AP-Owned".to_owned()),
            ("TVM-10.1".to_owned(), Answer::Yes, "Shared OSP-AP".to_owned())
        ]
    );
    // A year later, reviews, exercises, training and threat models are stale.
    let later = audit(Policy::builtin(), NaiveDate::from_ymd_opt(2028, 1, 1).unwrap());
    assert!(!later.all_met());
}

#[test]
fn yes_without_an_owner_is_flagged() {
    let mut p = Policy::builtin().clone();
    p.supply_chain.as_mut().unwrap().self_party = None;
    let report = audit(&p, today());
    let sef = &report.controls[0].caiq;
    assert_eq!((sef.answer, sef.owner), (Answer::Yes, Ownership::NotDetermined));
    assert_eq!(
        sef.issues,
        ["a YES answer must name an owner: set `supply_chain.self_party` to the policy's own party"]
    );
}
