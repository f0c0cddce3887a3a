//! The two seed scenarios, built in Rust without JSON (see `rust_api`).

pub(crate) use super::rust_api::{agent_unauthorized_refunds, support_bot_offensive_output};
