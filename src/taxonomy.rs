//! Incident categories as data, with typed references to MITRE ATLAS, OWASP and AVID.
//!
//! The seed control (CSA AICM v1.0 SEF-09, v1.1.0 SEF-07) asks each organisation to
//! *define* its AI incident categories, so categories live in the policy. The built-in
//! catalog (in [`Policy::builtin`](crate::Policy::builtin)) follows the CoSAI "AI Incident
//! Response Framework" V1.0 five-domain taxonomy and maps each category to:
//! MITRE ATLAS 5.6.0 technique IDs (Apache-2.0, © MITRE), OWASP Top 10 for LLM
//! Applications 2025 IDs and OWASP Top 10 for Agentic Applications IDs (IDs only, CC BY-SA
//! 4.0), AVID SEP codes (`avidml/avidtools`, Apache-2.0) and the AICM v1.1.0 threat
//! category.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::id::{CategoryId, string_newtype};
use crate::report::ValidationReport;
use crate::validation::check_unique;

fn all_digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

fn is_atlas_technique(s: &str) -> bool {
    // AML.T0051 or AML.T0051.001
    let Some(rest) = s.strip_prefix("AML.T") else {
        return false;
    };
    match rest.as_bytes() {
        [a, b, c, d] => all_digits(&[*a, *b, *c, *d]),
        [a, b, c, d, b'.', e, f, g] => all_digits(&[*a, *b, *c, *d, *e, *f, *g]),
        _ => false,
    }
}

/// `01` to `10`.
fn is_one_to_ten(b: &[u8]) -> bool {
    matches!(b, [b'0', b'1'..=b'9'] | [b'1', b'0'])
}

fn is_owasp_llm(s: &str) -> bool {
    // LLM01:2025 … LLM10:2025 (any 20xx edition)
    match s.as_bytes() {
        [b'L', b'L', b'M', n1, n2, b':', b'2', b'0', y1, y2] => is_one_to_ten(&[*n1, *n2]) && all_digits(&[*y1, *y2]),
        _ => false,
    }
}

fn is_owasp_agentic(s: &str) -> bool {
    match s.as_bytes() {
        [b'A', b'S', b'I', n1, n2] => is_one_to_ten(&[*n1, *n2]),
        _ => false,
    }
}

fn is_avid(s: &str) -> bool {
    match s.as_bytes() {
        [b'S' | b'E' | b'P', rest @ ..] => rest.len() == 4 && all_digits(rest),
        _ => false,
    }
}

string_newtype!(
    /// A MITRE ATLAS technique or sub-technique ID, e.g. `AML.T0051` or `AML.T0051.001`.
    AtlasTechniqueId,
    what = "MITRE ATLAS technique id",
    pattern = "^AML\\.T[0-9]{4}(\\.[0-9]{3})?$",
    expected = "`AML.T` and four digits, optionally `.` and three digits (e.g. `AML.T0051.001`)",
    check = is_atlas_technique
);

impl AtlasTechniqueId {
    /// The parent technique of a sub-technique (`AML.T0051.001` → `AML.T0051`), if any.
    pub fn parent(&self) -> Option<Self> {
        // Validated ASCII: `AML.T0051.001` has 13 bytes, the parent the first 9.
        self.as_str()
            .get(..9)
            .filter(|_| self.as_str().len() == 13)
            .map(|p| Self(p.into()))
    }
}

string_newtype!(
    /// An OWASP Top 10 for LLM Applications ID with its edition, e.g. `LLM01:2025`.
    OwaspLlmId,
    what = "OWASP LLM Top 10 id",
    pattern = "^LLM(0[1-9]|10):20[0-9]{2}$",
    expected = "`LLM01` to `LLM10`, a colon and the edition year (e.g. `LLM01:2025`)",
    check = is_owasp_llm
);

string_newtype!(
    /// An OWASP Top 10 for Agentic Applications ID, `ASI01` to `ASI10`.
    OwaspAgenticId,
    what = "OWASP agentic Top 10 id",
    pattern = "^ASI(0[1-9]|10)$",
    expected = "`ASI01` to `ASI10`",
    check = is_owasp_agentic
);

string_newtype!(
    /// An AVID (AI Vulnerability Database) SEP taxonomy code, e.g. `S0403` or `E0301`.
    AvidCode,
    what = "AVID code",
    pattern = "^[SEP][0-9]{4}$",
    expected = "`S`, `E` or `P` and four digits (e.g. `S0403`)",
    check = is_avid
);

/// The CoSAI AI incident domain a category belongs to (CoSAI AI Incident Response
/// Framework V1.0, §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Domain {
    /// Training, fine-tuning, retrieval and evaluation data: poisoning, leakage, integrity.
    Data,
    /// The model itself: theft, inversion, backdoors, evasion, drift.
    Model,
    /// The deployed AI application and agents: prompt injection, jailbreaks, rogue agents.
    Deployment,
    /// Hosting, APIs, identities and dependencies: unauthorized access, service abuse, supply chain.
    Infrastructure,
    /// What users receive or do with outputs: malicious code, phishing, manipulation, bias.
    UserInteraction,
}

/// The CSA AICM v1.1.0 threat category (`threat_category` column, nine values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AicmThreatCategory {
    /// Model manipulation.
    ModelManipulation,
    /// Data poisoning.
    DataPoisoning,
    /// Sensitive data disclosure.
    SensitiveDataDisclosure,
    /// Model theft.
    ModelTheft,
    /// Model or service failure and malfunctioning.
    ModelServiceFailureMalfunctioning,
    /// Insecure supply chain.
    InsecureSupplyChain,
    /// Insecure apps and plugins.
    InsecureAppsPlugins,
    /// Denial of service.
    DenialOfService,
    /// Loss of governance or compliance.
    LossOfGovernanceCompliance,
}

/// One incident category of a policy's taxonomy, with its framework mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Category {
    /// The category's identifier, referenced by incidents (`category`).
    pub id: CategoryId,
    /// A short human-readable name.
    pub name: String,
    /// The CoSAI domain the category belongs to.
    pub domain: Domain,
    /// What incidents of this category look like.
    pub description: String,
    /// MITRE ATLAS technique IDs this category covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlas: Vec<AtlasTechniqueId>,
    /// OWASP Top 10 for LLM Applications IDs this category covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_llm: Vec<OwaspLlmId>,
    /// OWASP Top 10 for Agentic Applications IDs this category covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_agentic: Vec<OwaspAgenticId>,
    /// AVID SEP codes this category covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avid: Vec<AvidCode>,
    /// CSA AICM threat categories this category falls under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aicm_threat: Vec<AicmThreatCategory>,
}

impl Category {
    /// A category with no framework mappings yet; add them with the `with_*` methods.
    pub fn new(id: CategoryId, name: impl Into<String>, domain: Domain, description: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            domain,
            description: description.into(),
            atlas: Vec::new(),
            owasp_llm: Vec::new(),
            owasp_agentic: Vec::new(),
            avid: Vec::new(),
            aicm_threat: Vec::new(),
        }
    }

    setters! {
        with_atlas => atlas: list AtlasTechniqueId;
        with_owasp_llm => owasp_llm: list OwaspLlmId;
        with_owasp_agentic => owasp_agentic: list OwaspAgenticId;
        with_avid => avid: list AvidCode;
        with_aicm_threat => aicm_threat: list AicmThreatCategory;
    }
}

/// The set of incident categories an organisation has defined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Taxonomy {
    /// The categories, in the order the policy lists them. IDs are unique.
    pub categories: Vec<Category>,
}

impl Taxonomy {
    /// A taxonomy of `categories`, in that order.
    pub fn new(categories: impl IntoIterator<Item = Category>) -> Self {
        Self {
            categories: categories.into_iter().collect(),
        }
    }

    /// Appends every problem to `report`: repeated category ids, with pointers under
    /// `{at}/categories` (`at` is the taxonomy's place in the document).
    pub(crate) fn check_at(&self, at: &str, report: &mut ValidationReport) {
        check_unique(
            &self.categories,
            |c| &c.id,
            &format!("{at}/categories"),
            "id",
            "a category id unique in the taxonomy",
            report,
        );
    }

    /// The category with this id, if the taxonomy defines it.
    pub fn get(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }

    /// `true` when the taxonomy defines `id`.
    pub fn contains(&self, id: &CategoryId) -> bool {
        self.get(id).is_some()
    }

    /// Categories mapped to this ATLAS technique (or to its parent technique).
    pub fn by_atlas<'a>(&'a self, technique: &'a AtlasTechniqueId) -> impl Iterator<Item = &'a Category> + 'a {
        let parent = technique.parent();
        self.categories
            .iter()
            .filter(move |c| c.atlas.iter().any(|t| t == technique || Some(t) == parent.as_ref()))
    }

    /// Categories in one CoSAI domain.
    pub fn by_domain(&self, domain: Domain) -> impl Iterator<Item = &Category> + '_ {
        self.categories.iter().filter(move |c| c.domain == domain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_id_forms() {
        assert!(AtlasTechniqueId::new("AML.T0051").is_ok());
        assert!(AtlasTechniqueId::new("AML.T0051.001").is_ok());
        assert!(AtlasTechniqueId::new("AML.T51").is_err());
        assert!(AtlasTechniqueId::new("AML.TA0002").is_err());
        assert!(AtlasTechniqueId::new("AML.T0051.01").is_err());
        assert!(OwaspLlmId::new("LLM01:2025").is_ok());
        assert!(OwaspLlmId::new("LLM10:2025").is_ok());
        assert!(OwaspLlmId::new("LLM11:2025").is_err());
        assert!(OwaspLlmId::new("LLM00:2025").is_err());
        assert!(OwaspLlmId::new("LLM01").is_err());
        assert!(OwaspAgenticId::new("ASI10").is_ok());
        assert!(OwaspAgenticId::new("ASI11").is_err());
        assert!(AvidCode::new("S0403").is_ok());
        assert!(AvidCode::new("X0403").is_err());
        assert!(AvidCode::new("S040").is_err());
    }

    #[test]
    fn reference_checks_agree_with_patterns() {
        let cases = [
            "AML.T0051",
            "AML.T0051.001",
            "AML.T005",
            "AML.T0051.0011",
            "aml.t0051",
            "AML.T0051x001",
            "LLM01:2025",
            "LLM10:2025",
            "LLM11:2025",
            "LLM1:2025",
            "LLM01:1999",
            "LLM01-2025",
            "ASI01",
            "ASI10",
            "ASI00",
            "ASI1",
            "S0403",
            "E0101",
            "P0402",
            "s0403",
            "S04031",
            "",
        ];
        type Check = fn(&str) -> bool;
        let pairs: [(&str, Check); 4] = [
            (AtlasTechniqueId::PATTERN, is_atlas_technique),
            (OwaspLlmId::PATTERN, is_owasp_llm),
            (OwaspAgenticId::PATTERN, is_owasp_agentic),
            (AvidCode::PATTERN, is_avid),
        ];
        for (pattern, check) in pairs {
            let re = regex::Regex::new(pattern).unwrap();
            for s in cases {
                assert_eq!(re.is_match(s), check(s), "`{s}` against {pattern}");
            }
        }
    }

    #[test]
    fn parent_technique() {
        let sub = AtlasTechniqueId::new("AML.T0051.001").unwrap();
        assert_eq!(sub.parent().unwrap().as_str(), "AML.T0051");
        assert!(sub.parent().unwrap().parent().is_none());
    }
}
