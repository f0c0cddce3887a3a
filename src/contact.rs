//! Contacts: a person or organisation to reach.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;

/// A person or organisation to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Contact {
    /// Name of the person or function.
    pub name: String,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Role or capacity, e.g. `provider`, `deployer`, `security contact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Contact {
    /// A contact with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            organization: None,
            role: None,
            email: None,
            phone: None,
        }
    }

    setters! {
        with_organization => organization: opt String;
        with_role => role: opt String;
        with_email => email: opt String;
        with_phone => phone: opt String;
    }
}
