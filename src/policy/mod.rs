//! The policy `dpisafe check` applies: thresholds on scores, coverage, the gender index and
//! risk exposure; what critical failures and evidence problems do; and governed waivers.
//!
//! `validate::policy::load` validates a policy file like a questionnaire (schema, then
//! references to the framework, every problem with its line); `gate::judge` applies it to a
//! report.

pub mod raw;

use crate::questionnaire::Waiver;
use crate::source::Pos;
pub use raw::Strictness;

/// A validated policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The file it came from; `None` for the default policy.
    pub file: Option<String>,
    /// Lowest overall score.
    pub min_overall: Option<Threshold>,
    /// Lowest coverage of the scope (percent).
    pub min_coverage: Option<Threshold>,
    /// Lowest coverage of the whole deployment (percent).
    pub min_deployment_coverage: Option<Threshold>,
    /// Lowest score of any principle.
    pub min_principle: Option<Threshold>,
    /// Lowest score per principle, overriding `min_principle`.
    pub principles: Vec<(String, Threshold)>,
    /// Lowest gender index.
    pub min_gender_index: Option<Threshold>,
    /// Highest exposure of any risk.
    pub max_risk_exposure: Option<Threshold>,
    /// Highest exposure per risk, overriding `max_risk_exposure`.
    pub risks: Vec<(String, Threshold)>,
    /// What a critical `no` does.
    pub critical_failures: Strictness,
    /// What a missing or altered evidence file does.
    pub evidence_problems: Strictness,
    /// Where evidence must lie (`evidence_root`, resolved against the policy's directory), and
    /// where that is written.
    pub evidence_root: Option<(std::path::PathBuf, Pos)>,
    /// The largest evidence file hashed, in bytes (`max_hash_mib`).
    pub max_hashed_bytes: Option<u64>,
    /// What an overdue critical action in the register does.
    pub overdue_critical_actions: Strictness,
    /// Whether the questionnaire's own waivers count.
    pub questionnaire_waivers: bool,
    /// Waivers from the policy file.
    pub waivers: Vec<Waiver>,
}

/// A numeric limit and where it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// The limit.
    pub value: f64,
    /// Its place in the policy file.
    pub pos: Pos,
}

impl Default for Policy {
    /// The policy used without `--policy`: no critical failure and no broken evidence.
    fn default() -> Self {
        Self {
            file: None,
            min_overall: None,
            min_coverage: None,
            min_deployment_coverage: None,
            min_principle: None,
            principles: Vec::new(),
            min_gender_index: None,
            max_risk_exposure: None,
            risks: Vec::new(),
            critical_failures: Strictness::Fail,
            evidence_problems: Strictness::Fail,
            evidence_root: None,
            max_hashed_bytes: None,
            overdue_critical_actions: Strictness::Allow,
            questionnaire_waivers: true,
            waivers: Vec::new(),
        }
    }
}

impl Policy {
    /// The threshold that applies to `principle`, if any.
    pub fn principle_threshold(&self, principle: &str) -> Option<Threshold> {
        self.principles
            .iter()
            .find(|(id, _)| id == principle)
            .map(|(_, t)| *t)
            .or(self.min_principle)
    }

    /// The limit that applies to `risk`, if any.
    pub fn risk_threshold(&self, risk: &str) -> Option<Threshold> {
        self.risks
            .iter()
            .find(|(id, _)| id == risk)
            .map(|(_, t)| *t)
            .or(self.max_risk_exposure)
    }
}
