//! The comparison itself: whether two reports can be compared, and what changed from each
//! question up to the overall score.

use super::summary::summarise;
use super::*;

/// Why `old` and `new` are not two assessments of one deployment against one framework, if
/// they are not. The framework is checked first: it cannot be overridden.
pub fn mismatch(old: &Report, new: &Report) -> Option<Mismatch> {
    let reference = |r: &Report| format!("{}@{}", r.framework.id, r.framework.version);
    if reference(old) != reference(new) {
        return Some(Mismatch::Framework {
            old: reference(old),
            new: reference(new),
        });
    }
    let (a, b) = (&old.assessment.deployment, &new.assessment.deployment);
    if a.name != b.name {
        return Some(Mismatch::Deployment {
            field: "name",
            old: a.name.clone(),
            new: b.name.clone(),
        });
    }
    if a.country != b.country {
        let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".to_owned());
        return Some(Mismatch::Deployment {
            field: "country",
            old: show(&a.country),
            new: show(&b.country),
        });
    }
    None
}

/// Compares two reports made against `framework` (questions follow its order).
pub fn compare(framework: &Framework, old: Input<'_>, new: Input<'_>) -> Diff {
    let questions = questions(framework, old.report, new.report);
    let overall = overall(old.report, new.report);
    let principles = principles(old.report, new.report);
    let risks = risks(old.report, new.report);
    let gender = gender(old.report, new.report);
    let critical_failures = critical(old.report, new.report);
    let mut diff = Diff {
        dpisafe_diff: DIFF_VERSION,
        tool: Tool::current(),
        framework: new.report.framework.clone(),
        old: side(old),
        new: side(new),
        summary: DiffSummary {
            change: Change::Unchanged,
            questions: ChangeCounts::default(),
            regressions: Vec::new(),
            improvements: Vec::new(),
        },
        overall,
        principles,
        risks,
        gender,
        critical_failures,
        questions,
        actions: actions(old.report, new.report),
    };
    diff.summary = summarise(&diff);
    diff
}

fn side(input: Input<'_>) -> Side {
    let a = &input.report.assessment;
    Side {
        file: input.file.to_owned(),
        input: input.kind,
        deployment: a.deployment.name.clone(),
        country: a.deployment.country.clone(),
        stage: a.deployment.stage.clone(),
        building_blocks: a.deployment.building_blocks.clone(),
        assessed_on: a.assessed_on,
        as_of: a.as_of,
    }
}

fn questions(framework: &Framework, old: &Report, new: &Report) -> Vec<QuestionChange> {
    let index = |r: &'_ Report| -> HashMap<String, Finding> {
        r.findings
            .iter()
            .map(|f| (f.question.clone(), f.clone()))
            .collect()
    };
    let (before, after) = (index(old), index(new));
    framework
        .questions
        .iter()
        .filter_map(|q| {
            let (o, n) = (before.get(&q.id), after.get(&q.id));
            let finding = n.or(o)?;
            let (o, n) = (o.map(ItemState::of), n.map(ItemState::of));
            Some(QuestionChange {
                question: q.id.clone(),
                kind: finding.kind,
                principle: finding.principle.clone(),
                critical: finding.critical,
                change: item_change(o.as_ref(), n.as_ref()),
                old: o,
                new: n,
            })
        })
        .collect()
}

/// How one item moved: the answer first, then (for the same answer) its evidence, then its
/// waiver.
pub(super) fn item_change(old: Option<&ItemState>, new: Option<&ItemState>) -> Change {
    let (Some(old), Some(new)) = (old, new) else {
        return if old.is_some() || new.is_some() {
            Change::Changed
        } else {
            Change::Unchanged
        };
    };
    let evidence = if old.status == new.status {
        match (old.confidence, new.confidence) {
            (Some(a), Some(b)) => Change::of_order(confidence_rank(a).cmp(&confidence_rank(b))),
            _ => Change::Unchanged,
        }
    } else {
        Change::Unchanged
    };
    let waiver = if old.waiver == new.waiver {
        Change::Unchanged
    } else {
        Change::Changed
    };
    Change::combine([answer_change(old.status, new.status), evidence, waiver])
}

fn answer_change(old: Status, new: Status) -> Change {
    match (old, new) {
        _ if old == new => Change::Unchanged,
        // An answer taken back hides whatever it said; a new `no` is a new known shortfall.
        (_, Status::NotAssessed) | (Status::NotAssessed, Status::No) => Change::Regressed,
        (Status::NotAssessed, _) => Change::Improved,
        // Whether a question applies is a judgement, not progress.
        (Status::NotApplicable, _) | (_, Status::NotApplicable) => Change::Changed,
        _ => Change::of_order(credit_rank(old).cmp(&credit_rank(new))),
    }
}

/// Higher is better; only yes, partial and no are compared this way.
fn credit_rank(status: Status) -> u8 {
    match status {
        Status::Yes => 2,
        Status::Partial => 1,
        _ => 0,
    }
}

fn confidence_rank(confidence: Confidence) -> u8 {
    match confidence {
        Confidence::Evidenced => 2,
        Confidence::Stale => 1,
        Confidence::Claimed => 0,
    }
}

fn label(old: Option<&String>, new: Option<&String>) -> Label {
    Label {
        old: old.cloned(),
        new: new.cloned(),
    }
}

/// A band, or `not rated` for a figure too thinly answered to have one, so a diff never shows
/// a withheld verdict as "none".
fn rating(figure: Option<f64>, band: Option<&String>) -> Option<String> {
    band.cloned()
        .or_else(|| figure.map(|_| NOT_RATED.to_owned()))
}

/// What a band label holds for a figure with no verdict.
pub(crate) const NOT_RATED: &str = "not rated";

fn overall(old: &Report, new: &Report) -> OverallChange {
    let (a, b) = (&old.summary, &new.summary);
    let score = Figure::new(a.score, b.score);
    let coverage = Figure::new(Some(a.coverage), Some(b.coverage));
    let evidenced = Figure::new(a.evidenced, b.evidenced);
    OverallChange {
        change: Change::combine([
            score.trend(true),
            coverage.trend(true),
            evidenced.trend(true),
        ]),
        score,
        band: Label {
            old: rating(a.score, a.band.as_ref()),
            new: rating(b.score, b.band.as_ref()),
        },
        coverage,
        evidenced,
        confidence_old: a.confidence.clone(),
        confidence_new: b.confidence.clone(),
    }
}

fn principles(old: &Report, new: &Report) -> Vec<PrincipleChange> {
    new.principles
        .iter()
        .map(|p| {
            let before = old.principles.iter().find(|o| o.id == p.id);
            let score = Figure::new(before.and_then(|o| o.score), p.score);
            let coverage = Figure::new(before.map(|o| o.coverage), Some(p.coverage));
            let capped_by = label(
                before.and_then(|o| o.capped_by.as_ref()),
                p.capped_by.as_ref(),
            );
            let cap = match (&capped_by.old, &capped_by.new) {
                (None, Some(_)) => Change::Regressed,
                (Some(_), None) => Change::Improved,
                (a, b) if a != b => Change::Changed,
                _ => Change::Unchanged,
            };
            let coverage_moved = if coverage.trend(true) == Change::Unchanged {
                Change::Unchanged
            } else {
                Change::Changed
            };
            PrincipleChange {
                id: p.id.clone(),
                name: p.name.clone(),
                change: Change::combine([score.trend(true), cap, coverage_moved]),
                score,
                band: Label {
                    old: before.and_then(|o| rating(o.score, o.band.as_ref())),
                    new: rating(p.score, p.band.as_ref()),
                },
                coverage,
                capped_by,
            }
        })
        .collect()
}

fn risks(old: &Report, new: &Report) -> Vec<RiskChange> {
    new.risks
        .iter()
        .map(|r| {
            let before = old.risks.iter().find(|o| o.id == r.id);
            let exposure = Figure::new(before.and_then(|o| o.exposure), r.exposure);
            RiskChange {
                id: r.id.clone(),
                name: r.name.clone(),
                change: exposure.trend(false),
                exposure,
                level: Label {
                    old: before.and_then(|o| rating(o.exposure, o.band.as_ref())),
                    new: rating(r.exposure, r.band.as_ref()),
                },
            }
        })
        .collect()
}

fn gender(old: &Report, new: &Report) -> GenderChange {
    let index = Figure::new(
        old.gender.index.map(f64::from),
        new.gender.index.map(f64::from),
    );
    let practice_code = Figure::new(
        Some(f64::from(old.gender.practice_code)),
        Some(f64::from(new.gender.practice_code)),
    );
    GenderChange {
        change: Change::combine([index.trend(true), practice_code.trend(true)]),
        index,
        practice_code,
    }
}

fn actions(old: &Report, new: &Report) -> ActionChanges {
    let ids = |r: &Report| r.actions.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    let (a, b) = (ids(old), ids(new));
    ActionChanges {
        closed: a.iter().filter(|id| !b.contains(id)).cloned().collect(),
        opened: b.iter().filter(|id| !a.contains(id)).cloned().collect(),
    }
}

fn critical(old: &Report, new: &Report) -> CriticalChange {
    let (a, b) = (
        &old.summary.critical_failures,
        &new.summary.critical_failures,
    );
    CriticalChange {
        added: b.iter().filter(|id| !a.contains(id)).cloned().collect(),
        removed: a.iter().filter(|id| !b.contains(id)).cloned().collect(),
        kept: b.iter().filter(|id| a.contains(id)).cloned().collect(),
    }
}
