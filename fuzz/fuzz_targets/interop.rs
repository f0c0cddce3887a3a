//! Interop imports: CACAO playbooks (the built-in playbooks as exported, and another
//! tool's), OCSF detection findings, STIX bundles (ours), AVID reports and SSVC
//! SelectionLists, edited structurally. Never a panic; a CACAO playbook that imports
//! is one the policy accepts, exports again and imports back equal; an OCSF finding
//! that imports is an incident that reads back equal, verifies and triages.
#![no_main]

use std::sync::OnceLock;

use aiir::interop::{avid, cacao, ocsf, ssvc, stix};
use aiir::{CompiledPolicy, Document, Incident};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const FIXED: &[&str] = &[
    include_str!("../../tests/fixtures/cacao/foreign-model-rollback.json"),
    include_str!("../../tests/fixtures/ocsf/llm-firewall-prompt-injection.json"),
    include_str!("../../tests/fixtures/ocsf/cloud-credential-exfiltration.json"),
    include_str!("../../tests/fixtures/avid/AVID-2026-R1342.json"),
    include_str!("../../tests/fixtures/avid/AVID-2022-R0001.json"),
];

/// The fixed seeds, the built-in playbooks as CACAO, and a STIX bundle and SSVC list.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let policy = CompiledPolicy::builtin();
        let mut out: Vec<String> = FIXED.iter().map(|s| (*s).to_owned()).collect();
        out.extend(cacao::to_cacao(policy).iter().take(4).map(|p| p.to_string()));
        let incident = policy
            .incident_from_json(include_str!("../../examples/incidents/agent-unauthorized-refunds.json"))
            .expect("example");
        let triage = policy.triage(&incident, "2026-05-03T00:00:00Z".parse().expect("time")).expect("triage");
        out.push(stix::to_stix(&incident, &triage).to_string());
        let register = aiir::threat::ThreatRegister::from_json(include_str!("../../examples/threats/ai-threats.json"))
            .expect("example register");
        let at = "2026-03-14T10:00:00Z".parse().expect("time");
        out.extend(register.threats.iter().flat_map(|t| ssvc::selection_lists(t, at)).take(2).map(|l| l.to_string()));
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let seeds: Vec<&str> = seeds().iter().map(String::as_str).collect();
    let Ok(text) = mutate::document(&mut u, &seeds) else { return };
    let policy = CompiledPolicy::builtin();

    if let Ok(imports) = cacao::playbooks_from_cacao(&text, policy) {
        for import in imports {
            let mut with = policy.policy().clone();
            let section = with.response.as_mut().expect("built-in response section");
            section.playbooks.retain(|p| p.id != import.playbook.id);
            section.playbooks.push(import.playbook.clone());
            let compiled = with.compile().expect("an imported playbook is one the policy accepts");
            let again = cacao::playbook_to_cacao(&compiled, &import.playbook.id).expect("exported");
            let back = cacao::playbook_from_cacao(&again.to_string(), &compiled).expect("imports back");
            assert_eq!(back.playbook, import.playbook);
        }
    }
    if let Ok(import) = ocsf::incident_from_detection(&text, policy, &ocsf::DetectionMapping::new()) {
        let back = Incident::from_json(&import.incident.to_json_pretty()).expect("reads back");
        assert_eq!(back, import.incident);
        back.timeline().verify().expect("verifies");
        let _ = policy.triage(&back, back.times.detected_at).expect("triages");
    }
    if let Ok(incident) = stix::incident_from_stix(&text, policy) {
        incident.validate().expect("a STIX import validates");
    }
    let import = avid::threats_from_avid("fuzz", [("fuzz", text.as_str())], policy);
    import.register.validate().expect("an AVID import validates");
    if let Ok(register) = ssvc::register_from_selection_lists("fuzz", [("fuzz", text.as_str())], aiir::threat::SSVC_CISA) {
        register.validate().expect("an SSVC import validates");
    }
});
