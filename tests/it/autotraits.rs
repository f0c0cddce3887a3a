//! Every public type is `Send + Sync` (embedders share policies across threads).

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    use aiir::regulation::{Art73Report, Calendar, Obligation, Obligations, Regulation, RegulatoryProfile, Rule};
    use aiir::*;
    #[allow(unused_imports)]
    use aiir::{
        audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*,
        threat::*, timeline::*,
    };
    assert_send_sync::<Error>();
    assert_send_sync::<IncidentId>();
    assert_send_sync::<CategoryId>();
    assert_send_sync::<ResponderId>();
    assert_send_sync::<AssetId>();
    assert_send_sync::<PartyId>();
    assert_send_sync::<PlaybookId>();
    assert_send_sync::<ThreatId>();
    assert_send_sync::<EvidenceId>();
    assert_send_sync::<IsoDuration>();
    assert_send_sync::<Incident>();
    assert_send_sync::<Impact>();
    assert_send_sync::<Phase>();
    assert_send_sync::<Metrics>();
    assert_send_sync::<Timeline>();
    assert_send_sync::<Event>();
    assert_send_sync::<EventKind>();
    assert_send_sync::<Anchor>();
    assert_send_sync::<ChainBreak>();
    assert_send_sync::<CompiledPolicy>();
    assert_send_sync::<Jurisdiction>();
    assert_send_sync::<RegimeId>();
    assert_send_sync::<ReportKind>();
    assert_send_sync::<ResidentCount>();
    assert_send_sync::<Determination>();
    assert_send_sync::<Regulation>();
    assert_send_sync::<RegulatoryProfile>();
    assert_send_sync::<Rule>();
    assert_send_sync::<Calendar>();
    assert_send_sync::<Obligations>();
    assert_send_sync::<Obligation>();
    assert_send_sync::<Art73Report>();
    assert_send_sync::<Sha256Digest>();
    assert_send_sync::<Policy>();
    assert_send_sync::<Taxonomy>();
    assert_send_sync::<Category>();
    assert_send_sync::<AtlasTechniqueId>();
    assert_send_sync::<OwaspLlmId>();
    assert_send_sync::<OwaspAgenticId>();
    assert_send_sync::<AvidCode>();
    assert_send_sync::<Severity>();
    assert_send_sync::<Actor>();
    assert_send_sync::<ValidationReport>();
    assert_send_sync::<Problem>();
    assert_send_sync::<schema::SchemaDocument>();
    assert_send_sync::<SeverityPolicy>();
    assert_send_sync::<Assessment>();
    assert_send_sync::<Ownership>();
    assert_send_sync::<SupplyChain>();
    assert_send_sync::<ControlRef>();
    assert_send_sync::<Raci>();
    assert_send_sync::<AuditReport>();
    assert_send_sync::<ThreatRegister>();
    assert_send_sync::<Prioritizer>();
    assert_send_sync::<RankIndex<'static>>();
    assert_send_sync::<Ranking<'static>>();
    assert_send_sync::<CompiledTable>();
    assert_send_sync::<CvssVector>();
    assert_send_sync::<MitigationPlan>();
    assert_send_sync::<Inventory>();
    assert_send_sync::<AssetGraph<'static>>();
    assert_send_sync::<Affected<'static>>();
    assert_send_sync::<EscalationPolicy>();
    assert_send_sync::<EscalationGraph>();
    assert_send_sync::<Plan>();
    assert_send_sync::<Rotation>();
}
