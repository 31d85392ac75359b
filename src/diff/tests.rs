//! Tests of the comparison and its summary.

use super::compare::item_change;
use super::*;

fn state(status: Status, confidence: Option<Confidence>) -> ItemState {
    ItemState {
        status,
        confidence,
        waiver: None,
    }
}

#[test]
fn answers_move_by_credit_and_evidence_by_confidence() {
    let yes = state(Status::Yes, Some(Confidence::Evidenced));
    let claimed = state(Status::Yes, Some(Confidence::Claimed));
    let no = state(Status::No, None);
    let unanswered = state(Status::NotAssessed, None);
    let na = state(Status::NotApplicable, None);
    assert_eq!(item_change(Some(&no), Some(&yes)), Change::Improved);
    assert_eq!(item_change(Some(&yes), Some(&no)), Change::Regressed);
    assert_eq!(item_change(Some(&claimed), Some(&yes)), Change::Improved);
    assert_eq!(item_change(Some(&yes), Some(&claimed)), Change::Regressed);
    assert_eq!(
        item_change(Some(&yes), Some(&unanswered)),
        Change::Regressed
    );
    assert_eq!(item_change(Some(&unanswered), Some(&no)), Change::Regressed);
    assert_eq!(
        item_change(Some(&unanswered), Some(&claimed)),
        Change::Improved
    );
    assert_eq!(item_change(Some(&no), Some(&na)), Change::Changed);
    assert_eq!(item_change(None, Some(&no)), Change::Changed);
    assert_eq!(item_change(Some(&yes), Some(&yes)), Change::Unchanged);
}

#[test]
fn a_waiver_changes_nothing_but_itself() {
    let no = state(Status::No, None);
    let waived = ItemState {
        waiver: Some(WaiverStanding::InForce),
        ..no
    };
    assert_eq!(item_change(Some(&no), Some(&waived)), Change::Changed);
    assert_eq!(waived.describe(), "no, waived");
}

#[test]
fn a_regression_is_never_hidden_by_an_improvement() {
    assert_eq!(
        Change::combine([Change::Improved, Change::Regressed, Change::Changed]),
        Change::Regressed
    );
    assert_eq!(
        Change::combine([Change::Changed, Change::Unchanged]),
        Change::Changed
    );
}

#[test]
fn figures_compare_as_printed() {
    assert_eq!(
        Figure::new(Some(70.0), Some(70.04)).trend(true),
        Change::Unchanged
    );
    assert_eq!(
        Figure::new(Some(70.0), Some(65.0)).trend(true),
        Change::Regressed
    );
    assert_eq!(
        Figure::new(Some(70.0), Some(65.0)).trend(false),
        Change::Improved
    );
    assert_eq!(Figure::new(None, Some(65.0)).trend(true), Change::Changed);
}
