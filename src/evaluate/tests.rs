//! Table-driven checks of the scoring rules, with expectations worked out by hand.

use super::answers::Confidence;
use super::*;
use crate::framework::Question;
use crate::questionnaire::{AnswerValue, Questionnaire};
use crate::source::{Limits, SourceFile};

/// A questionnaire for an id + payments deployment in operations, answering each applicable
/// question as `answer` says: `Some((value, with_evidence))`, or `None` to leave it out.
fn questionnaire(answer: impl Fn(&Question) -> Option<(&'static str, bool)>) -> Questionnaire {
    let framework = crate::validate::framework::embedded();
    let mut yaml = String::from(
        "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\n\
         deployment: {name: Test, building_blocks: [id, payments], stage: L5}\n\
         assessed_on: 2026-10-01\nanswers:\n",
    );
    for question in &framework.questions {
        let Some((value, evidenced)) = answer(question) else {
            continue;
        };
        yaml.push_str(&format!("  {}:\n    answer: \"{value}\"\n", question.id));
        if value == "n/a" {
            yaml.push_str("    reason: Does not apply here.\n");
        }
        if evidenced {
            yaml.push_str("    evidence: [{ref: doc.md, date: 2026-01-01}]\n");
        }
    }
    let source = SourceFile::new("test.yaml", yaml);
    let loaded = crate::validate::questionnaire::load(&source, framework, &Limits::default());
    loaded
        .value
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics))
}

fn evaluated(answer: impl Fn(&Question) -> Option<(&'static str, bool)>) -> Evaluation {
    evaluate(
        crate::validate::framework::embedded(),
        &questionnaire(answer),
        as_of(),
    )
}

fn principle<'e>(evaluation: &'e Evaluation, id: &str) -> &'e score::PrincipleScore {
    evaluation
        .principles
        .iter()
        .find(|p| p.principle == id)
        .expect("principle")
}

#[test]
fn all_yes_scores_100_everywhere() {
    let e = evaluated(|_| Some(("yes", true)));
    assert_eq!(e.overall, Some(100.0));
    assert_eq!(e.band.as_deref(), Some("strong"));
    assert_eq!(e.coverage, 1.0);
    assert!(
        e.principles
            .iter()
            .all(|p| p.score == Some(100.0) && p.evidenced_share == Some(1.0))
    );
    assert_eq!(e.gender.index, Some(100));
    assert_eq!(e.gender.practice_code, 4);
    assert_eq!(
        e.gender.intent_flag, 1,
        "id + payments is not a principal-purpose deployment"
    );
}

#[test]
fn all_no_scores_0_and_names_the_caps() {
    let e = evaluated(|_| Some(("no", false)));
    assert_eq!(e.overall, Some(0.0));
    assert_eq!(e.band.as_deref(), Some("failing"));
    assert_eq!(principle(&e, "F1").capped_by.as_deref(), Some("F1.Q1"));
    assert_eq!(e.gender.index, Some(0));
    assert_eq!(e.gender.practice_code, 0, "no gender analysis means code 0");
}

#[test]
fn not_applicable_leaves_the_denominator() {
    // F1: one question yes, the rest n/a → 100, fully covered.
    let e = evaluated(|q| match (q.principle.as_str(), q.id.as_str()) {
        (_, "F1.Q2") => Some(("yes", true)),
        ("F1", _) => Some(("n/a", false)),
        _ => None,
    });
    let f1 = principle(&e, "F1");
    assert_eq!(f1.score, Some(100.0));
    assert_eq!(f1.coverage, 1.0);
}

#[test]
fn a_critical_no_caps_the_principle_and_the_overall_score() {
    // Everything yes except the critical F1.Q1 (weight 3): F1 would score 100·(W−3)/W, well
    // above the cap of 39, so it is capped at 39 and the overall at 59.
    let e = evaluated(|q| {
        Some(if q.id == "F1.Q1" {
            ("no", false)
        } else {
            ("yes", true)
        })
    });
    let f1 = principle(&e, "F1");
    assert_eq!(f1.score, Some(39.0));
    assert_eq!(f1.capped_by.as_deref(), Some("F1.Q1"));
    assert_eq!(e.overall, Some(59.0));
    assert!(principle(&e, "F2").capped_by.is_none());
}

#[test]
fn a_partial_counts_half() {
    // F2 in this deployment: all yes except F2.Q2 partial.
    let framework = crate::validate::framework::embedded();
    let e = evaluated(|q| {
        Some(if q.id == "F2.Q2" {
            ("partial", true)
        } else {
            ("yes", true)
        })
    });
    let f2_weights: Vec<u32> = framework
        .questions
        .iter()
        .filter(|q| q.principle == "F2")
        .map(|q| if q.is_gender() { 1 } else { q.weight })
        .collect();
    let total = f64::from(f2_weights.iter().sum::<u32>());
    let half = f64::from(framework.question("F2.Q2").expect("F2.Q2").weight) / 2.0;
    assert_eq!(
        principle(&e, "F2").score,
        Some(100.0 * (total - half) / total)
    );
}

#[test]
fn unanswered_lowers_coverage_only() {
    let e = evaluated(|q| (q.principle == "F1").then_some(("yes", true)));
    assert_eq!(principle(&e, "F1").score, Some(100.0));
    assert_eq!(principle(&e, "F2").score, None);
    assert_eq!(principle(&e, "F2").coverage, 0.0);
    assert_eq!(e.overall, Some(100.0));
    assert!(e.coverage < 0.2, "coverage {}", e.coverage);
}

#[test]
fn a_yes_without_evidence_is_claimed() {
    let q = questionnaire(|q| Some(("yes", q.principle != "F3")));
    let items = answers::items(crate::validate::framework::embedded(), &q, as_of());
    let f3 = items
        .iter()
        .find(|i| i.question.id == "F3.Q1")
        .expect("F3.Q1");
    assert_eq!(f3.confidence, Some(Confidence::Claimed));
    let e = evaluate(crate::validate::framework::embedded(), &q, as_of());
    assert_eq!(principle(&e, "F3").evidenced_share, Some(0.0));
    assert_eq!(
        principle(&e, "F3").score,
        Some(100.0),
        "claimed still scores; confidence shows it"
    );
}

#[test]
fn stale_evidence_is_flagged() {
    let framework = crate::validate::framework::embedded();
    let mut q = questionnaire(|q| (q.id == "F1.Q2").then_some(("yes", true)));
    q.answers[0].evidence[0].date = crate::questionnaire::Date::parse("2023-01-01");
    let items = answers::items(framework, &q, as_of());
    let item = items
        .iter()
        .find(|i| i.question.id == "F1.Q2")
        .expect("item");
    assert_eq!(item.confidence, Some(Confidence::Stale));
}

/// Gender cases: every check yes with evidence except those listed.
fn gender_with(exceptions: &[(&'static str, &'static str)]) -> gender::GenderIndex {
    evaluated(|q| {
        let value = exceptions
            .iter()
            .find(|(id, _)| *id == q.id)
            .map_or("yes", |(_, v)| v);
        Some((value, true))
    })
    .gender
}

/// Answers that differ from yes, the cap they should set, its condition and the practice code.
type CapCase = (
    &'static [(&'static str, &'static str)],
    u32,
    crate::framework::raw::GenderCapCondition,
    u8,
);

#[test]
fn gender_caps_each_hit() {
    use crate::framework::raw::GenderCapCondition as C;
    let cases: &[CapCase] = &[
        (&[("G-PAY-01", "no")], 39, C::OneCriticalNo, 1),
        (
            &[("G-PAY-01", "no"), ("G-DATA-01", "no")],
            19,
            C::SeveralCriticalNo,
            1,
        ),
        (&[("G-PAY-01", "partial")], 69, C::CriticalPartial, 3),
        // G-PRIVACY-02 reuses F6.Q2, which is not critical itself: the check caps the index.
        (&[("F6.Q2", "no")], 39, C::OneCriticalNo, 1),
    ];
    for (exceptions, cap, condition, code) in cases {
        let g = gender_with(exceptions);
        let applied = g
            .cap
            .as_ref()
            .unwrap_or_else(|| panic!("{exceptions:?} set no cap"));
        assert_eq!(
            (applied.cap, applied.condition),
            (*cap, *condition),
            "{exceptions:?}"
        );
        assert_eq!(
            g.index,
            Some(g.raw_index.expect("raw").min(*cap)),
            "{exceptions:?}"
        );
        assert!(
            g.raw_index.expect("raw") > *cap,
            "the raw index sits above the cap"
        );
        assert_eq!(g.practice_code, *code, "{exceptions:?}");
        for (id, _) in *exceptions {
            let check = if id.starts_with("G-") {
                *id
            } else {
                "G-PRIVACY-02"
            };
            assert!(
                applied.checks.iter().any(|c| c == check),
                "{check} named as setting the cap"
            );
        }
    }
}

#[test]
fn a_reused_check_sets_at_most_one_cap() {
    // G-GOVERN-01 (the gender analysis) reuses F1.Q1, which is critical: a `no` caps F1 and
    // the overall score, and sets no second cap on the gender index.
    let e = evaluated(|q| Some((if q.id == "F1.Q1" { "no" } else { "yes" }, true)));
    assert_eq!(principle(&e, "F1").capped_by.as_deref(), Some("F1.Q1"));
    assert!(e.overall.is_some_and(|s| s <= 59.0));
    assert_eq!(e.gender.cap, None, "one gap, one cap");
    assert!(
        e.gender.raw_index.is_some_and(|i| i < 100),
        "it still counts"
    );
    assert_eq!(e.gender.practice_code, 0, "no gender analysis means code 0");
    assert_eq!(e.gender.intent_flag, 0);
    // The same answer counts once in F1 and once in the index, under the GOVERN group.
    let framework = crate::validate::framework::embedded();
    let q = questionnaire(|_| Some(("yes", true)));
    let items = answers::items(framework, &q, as_of());
    assert!(
        items.iter().all(|i| i.question.id != "G-GOVERN-01"),
        "never asked"
    );
    let in_f1 = items
        .iter()
        .filter(|i| i.question.principle == "F1")
        .count();
    assert_eq!(
        principle(&e, "F1").applicable,
        in_f1,
        "scored once, as F1.Q1"
    );
    let govern = e
        .gender
        .groups
        .iter()
        .find(|g| g.group == "GOVERN")
        .expect("GOVERN");
    assert!(govern.index.is_some_and(|i| i < 100));
    assert_eq!(govern.answered, govern.applicable);
}

#[test]
fn group_sub_scores_carry_their_coverage() {
    // Every check answered yes except the payment checks, left out.
    let e = evaluated(|q| (!q.id.starts_with("G-PAY-")).then_some(("yes", true)));
    let pay = e
        .gender
        .groups
        .iter()
        .find(|g| g.group == "PAY")
        .expect("PAY");
    // G-PAY-02 reuses O1.Q3, which is answered; the three others are not.
    assert_eq!((pay.applicable, pay.answered), (4, 1));
    // Coverage is by weight: G-PAY-01 is critical (3), the others count 1 each, so the one
    // answered check holds 1 of 6.
    assert!((pay.coverage - 1.0 / 6.0).abs() < 1e-9, "{}", pay.coverage);
    assert!(
        pay.index.is_some_and(|i| i < 100),
        "unanswered counts as no"
    );
    let data = e
        .gender
        .groups
        .iter()
        .find(|g| g.group == "DATA")
        .expect("DATA");
    assert_eq!((data.index, data.coverage), (Some(100), 1.0));
    let groups: Vec<&str> = e.gender.groups.iter().map(|g| g.group.as_str()).collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
}

#[test]
fn a_failed_critical_check_raises_its_risks() {
    let floor = crate::validate::framework::embedded()
        .scoring
        .risk
        .gender_critical_no_floor
        .expect("the framework sets a floor");
    let e = evaluated(|q| Some((if q.id == "G-PAY-01" { "no" } else { "yes" }, true)));
    for risk in &e.risks {
        let mapped = ["RI4", "RI3"].contains(&risk.risk.as_str());
        assert_eq!(
            risk.raised_by == ["G-PAY-01"],
            mapped,
            "{}: {:?}",
            risk.risk,
            risk.raised_by
        );
        if mapped {
            assert_eq!(risk.exposure, Some(floor), "{}", risk.risk);
            assert_eq!(risk.band.as_deref(), Some("high"));
        } else {
            assert_eq!(risk.exposure, Some(0.0), "{}", risk.risk);
        }
    }
    // Unanswered is not a failure: it lowers coverage and the index, not the risks.
    let e = evaluated(|q| (q.id != "G-PAY-01").then_some(("yes", true)));
    assert!(e.risks.iter().all(|r| r.raised_by.is_empty()));
}

#[test]
fn gender_unanswered_counts_as_no_and_claimed_yes_as_partial() {
    // Leaving the critical G-PAY-01 unanswered is a critical `no`.
    let e = evaluated(|q| (q.id != "G-PAY-01").then_some(("yes", true)));
    assert_eq!(e.gender.cap.as_ref().map(|c| c.cap), Some(39));
    // A critical yes with no evidence is scored as partial.
    let e = evaluated(|q| Some(("yes", q.id != "G-PAY-01")));
    assert_eq!(e.gender.cap.as_ref().map(|c| c.cap), Some(69));
}

#[test]
fn gender_practice_code_needs_half_the_checks_answered() {
    let e = evaluated(|q| (q.is_gender() && q.id.starts_with("G-GOVERN")).then_some(("yes", true)));
    assert_eq!(e.gender.practice_code, 0);
    assert!(e.gender.answered * 2 < e.gender.applicable);
}

#[test]
fn gender_intent_flag_follows_the_dac_criteria() {
    assert_eq!(gender_with(&[]).intent_flag, 1);
    assert_eq!(
        gender_with(&[("F1.Q1", "partial")]).intent_flag,
        0,
        "G-GOVERN-01 reuses F1.Q1"
    );
    assert_eq!(
        gender_with(&[("G-DATA-03", "no"), ("G-FUND-02", "no")]).intent_flag,
        0
    );
    assert_eq!(
        gender_with(&[("G-DATA-03", "no")]).intent_flag,
        1,
        "a gender marker also shows monitoring"
    );
    assert_eq!(
        gender_with(&[("G-DATA-03", "partial"), ("G-FUND-02", "no")]).intent_flag,
        1
    );
}

/// The evaluation date the tests use.
fn as_of() -> crate::questionnaire::Date {
    crate::questionnaire::Date::parse("2026-10-01").expect("date")
}

#[test]
fn risk_exposure_is_the_weight_left_unmitigated() {
    let framework = crate::validate::framework::embedded();
    let all_yes = evaluated(|_| Some(("yes", true)));
    assert!(
        all_yes
            .risks
            .iter()
            .all(|r| r.exposure == Some(0.0) && r.drivers.is_empty())
    );
    let all_no = evaluated(|_| Some(("no", false)));
    assert!(all_no.risks.iter().all(|r| r.exposure == Some(100.0)));
    // Only F5.Q2 (weight 3, names RS3 directly) is `no`: RS3 loses 3 of its linked weight.
    let e = evaluated(|q| {
        Some(if q.id == "F5.Q2" {
            ("no", false)
        } else {
            ("yes", true)
        })
    });
    let q = questionnaire(|_| Some(("yes", true)));
    let items = answers::items(framework, &q, as_of());
    let linked: f64 = items
        .iter()
        .map(|i| risk::link(framework, i.question, "RS3") * score::weight(framework, i))
        .sum();
    let rs3 = e.risks.iter().find(|r| r.risk == "RS3").expect("RS3");
    let expected = 100.0 * 3.0 / linked;
    assert!(
        rs3.exposure.is_some_and(|x| (x - expected).abs() < 1e-9),
        "{rs3:?} vs {expected}"
    );
    assert_eq!(rs3.drivers, ["F5.Q2"]);
    assert!(rs3.raised_by.is_empty(), "no gender check failed");
}

#[test]
fn a_process_link_counts_half_a_direct_one() {
    let framework = crate::validate::framework::embedded();
    let via_process = framework.questions.iter().find_map(|q| {
        framework
            .risks
            .iter()
            .find(|r| !q.risks.contains(&r.id) && risk::link(framework, q, &r.id) > 0.0)
            .map(|r| (q, r))
    });
    let (question, r) = via_process.expect("some question mitigates a risk through a process");
    assert_eq!(risk::link(framework, question, &r.id), 0.5);
    assert_eq!(risk::link(framework, question, &question.risks[0]), 1.0);
}

#[test]
fn the_action_plan_ranks_by_criticality_kind_and_weight() {
    use actions::{ActionKind as K, Priority as P};
    let e = evaluated(|q| match q.id.as_str() {
        "O1.Q3" | "F1.Q1" | "F2.Q2" => Some(("no", true)),
        "F1.Q2" => Some(("partial", true)),
        "F5.Q1" => Some(("yes", false)),
        "F5.Q3" => None,
        _ => Some(("yes", true)),
    });
    let plan: Vec<(&str, K, P)> = e
        .actions
        .iter()
        .map(|a| (a.question.as_str(), a.kind, a.priority))
        .collect();
    assert_eq!(
        plan,
        [
            ("F1.Q1", K::Remedy, P::Critical),
            ("O1.Q3", K::Remedy, P::Critical),
            ("F2.Q2", K::Remedy, P::High),
            ("F1.Q2", K::Complete, P::Medium),
            ("F5.Q1", K::Evidence, P::Low),
            ("F5.Q3", K::Assess, P::Low),
        ],
        "critical first, foundational before operational, then by weight"
    );
    let first = &e.actions[0];
    assert_eq!(first.authority.as_deref(), Some("R1"));
    // The deployment is at L5: F1.Q1, due from L1, is placed where people can act, and is
    // not missed because it is also expected at L5 (it is redone after major changes).
    assert_eq!(first.stage.as_deref(), Some("L5"));
    assert_eq!(first.due_stage.as_deref(), Some("L1"));
    assert!(!first.missed);
    // F2.Q2 is expected at L1 and L2 only: missed at L1, to fix now at L5.
    let f22 = e
        .actions
        .iter()
        .find(|a| a.question == "F2.Q2")
        .expect("F2.Q2");
    assert_eq!(
        (f22.stage.as_deref(), f22.due_stage.as_deref(), f22.missed),
        (Some("L5"), Some("L1"), true)
    );
    assert!(!first.support.is_empty(), "F1 names kinds of support");
    let o1 = &e.actions[1];
    assert!(o1.processes.iter().all(|p| p.starts_with("O1.")));
}

#[test]
fn stage_and_authority_views_cover_their_questions() {
    let e = evaluated(|q| {
        Some(if q.id == "F1.Q1" {
            ("no", false)
        } else {
            ("yes", true)
        })
    });
    let l1 = e.stages.iter().find(|v| v.id == "L1").expect("L1");
    assert_eq!(l1.shortfalls, 1, "F1.Q1 belongs to L1");
    assert!(l1.score.is_some_and(|s| s < 100.0));
    let r3 = e.authorities.iter().find(|v| v.id == "R3").expect("R3");
    assert_eq!(r3.shortfalls, 0, "F1.Q1 is for R1, R2 and R4");
    assert_eq!(e.stages.len(), 5);
    assert_eq!(e.authorities.len(), 5);
}

#[test]
fn a_waiver_holds_through_its_expiry_date() {
    let framework = crate::validate::framework::embedded();
    let mut q = questionnaire(|q| (q.id == "F1.Q1").then_some(("no", false)));
    q.waivers.push(crate::questionnaire::Waiver {
        question: "F1.Q1".to_owned(),
        reason: "Commissioned.".to_owned(),
        approved_by: "Board".to_owned(),
        expires: crate::questionnaire::Date::parse("2026-10-01").expect("date"),
        file: "test.yaml".to_owned(),
        pos: crate::source::Pos::new(1, 1),
    });
    let on = |date: &str| {
        let items = answers::items(
            framework,
            &q,
            crate::questionnaire::Date::parse(date).expect("date"),
        );
        let item = items
            .iter()
            .find(|i| i.question.id == "F1.Q1")
            .expect("F1.Q1");
        (item.waived(), item.waiver.is_some_and(|w| w.expired))
    };
    assert_eq!(on("2026-10-01"), (true, false));
    assert_eq!(on("2026-10-02"), (false, true));
    let e = evaluate(framework, &q, as_of());
    assert_eq!(
        principle(&e, "F1").capped_by.as_deref(),
        Some("F1.Q1"),
        "waivers never change scores"
    );
}

#[test]
fn merging_keeps_every_respondent_and_the_least_favourable_answer() {
    let mut ministry = questionnaire(|q| match q.id.as_str() {
        "F1.Q1" | "F1.Q2" => Some(("yes", true)),
        "F2.Q2" => Some(("n/a", false)),
        _ => None,
    });
    ministry.respondents[0].name = Some("Ministry".to_owned());
    let mut advocates = questionnaire(|q| match q.id.as_str() {
        "F1.Q1" => Some(("partial", false)),
        "F1.Q2" => Some(("yes", true)),
        "F2.Q2" => Some(("no", false)),
        "F3.Q1" => Some(("no", false)),
        _ => None,
    });
    advocates.respondents[0].organisation = Some("Advocates".to_owned());
    let merged = merge::merge(ministry, vec![advocates]).expect("same deployment");
    let ids: Vec<&str> = merged
        .disagreements
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    assert_eq!(ids, ["F1.Q1", "F2.Q2"]);
    let counted: Vec<AnswerValue> = merged.disagreements.iter().map(|d| d.counted).collect();
    assert_eq!(counted, [AnswerValue::Partial, AnswerValue::No]);
    assert_eq!(merged.disagreements[0].stances[0].respondent, "Ministry");
    assert_eq!(merged.disagreements[0].stances[1].respondent, "Advocates");
    let q = &merged.questionnaire;
    assert_eq!(q.respondents.len(), 2);
    let value = |id: &str| q.answer(id).and_then(|a| a.value);
    assert_eq!(value("F1.Q1"), Some(AnswerValue::Partial));
    assert_eq!(
        value("F3.Q1"),
        Some(AnswerValue::No),
        "answered by one only"
    );
    assert_eq!(
        q.answer("F1.Q1").map(|a| a.evidence.len()),
        Some(1),
        "evidence kept"
    );
}

#[test]
fn merging_different_deployments_is_refused() {
    let one = |q: &Question| (q.id == "F1.Q1").then_some(("yes", true));
    let a = questionnaire(one);
    let mut b = questionnaire(one);
    b.deployment.stage = "L4".to_owned();
    let err = merge::merge(a, vec![b]).expect_err("different stages");
    assert_eq!(err.field, "stage");
}

#[test]
fn evidence_whose_file_is_missing_does_not_support_an_answer() {
    let framework = crate::validate::framework::embedded();
    let mut q = questionnaire(|q| (q.id == "F1.Q2").then_some(("yes", true)));
    q.answers[0].evidence[0].found = Some(crate::questionnaire::Found::Missing);
    let items = answers::items(framework, &q, as_of());
    let item = items
        .iter()
        .find(|i| i.question.id == "F1.Q2")
        .expect("item");
    assert_eq!(item.confidence, Some(Confidence::Claimed));
}
