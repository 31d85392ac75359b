//! From reports to rows, and from rows to the portfolio: order, labels, groups and summaries.
//!
//! Everything here depends only on the rows and the framework, never on the order in which
//! rows arrive, so a parallel run gives the same portfolio as a sequential one.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::evaluate::score::band_in;
use crate::framework::Framework;
use crate::report::{Report, RespondentInfo};

impl Row {
    /// The row of one report, with a cell for every principle and risk of `framework` (in its
    /// order); `file` names the input it came from.
    pub fn from_report(framework: &Framework, report: &Report, file: &str) -> Row {
        let a = &report.assessment;
        let d = &a.deployment;
        let principle_cells = framework
            .principles
            .iter()
            .map(|p| {
                let found = report.principles.iter().find(|r| r.id == p.id);
                Cell {
                    id: p.id.clone(),
                    value: found.and_then(|r| r.score),
                    band: found.and_then(|r| r.band.clone()),
                }
            })
            .collect();
        let risk_cells = framework
            .risks
            .iter()
            .map(|k| {
                let found = report.risks.iter().find(|r| r.id == k.id);
                Cell {
                    id: k.id.clone(),
                    value: found.and_then(|r| r.exposure),
                    band: found.and_then(|r| r.band.clone()),
                }
            })
            .collect();
        Row {
            label: d.name.clone(),
            deployment: d.name.clone(),
            country: d.country.clone(),
            building_blocks: d.building_blocks.clone(),
            stage: d.stage.clone(),
            assessed_on: a.assessed_on,
            score: report.summary.score,
            rated: report.summary.rated,
            band: report.summary.band.clone(),
            coverage: report.summary.coverage,
            gender_index: report.gender.index,
            critical_failures: report.summary.critical_failures.clone(),
            principles: principle_cells,
            risks: risk_cells,
            respondents: Some(a.respondents.iter().map(respondent).collect()),
            file: Some(file.to_owned()),
            history: Vec::new(),
            actions: report.actions.len(),
            register: report.plan.as_ref().map(|p| RowRegister {
                tracked: p.tracked,
                overdue: p.overdue.clone(),
            }),
        }
    }

    /// What identifies the deployment across assessments: name, country and building blocks.
    pub fn deployment_key(&self) -> (String, Option<String>, Vec<String>) {
        let mut blocks = self.building_blocks.clone();
        blocks.sort();
        (self.deployment.clone(), self.country.clone(), blocks)
    }

    fn earlier(&self) -> Earlier {
        Earlier {
            assessed_on: self.assessed_on,
            score: self.score,
            rated: self.rated,
            band: self.band.clone(),
            coverage: self.coverage,
            file: self.file.clone(),
        }
    }
}

/// Keeps the latest assessment of each deployment as its row and moves the earlier ones into
/// its history, oldest first. Rows of one deployment that share the latest date (saved
/// results, or questionnaires that could not be merged) all stay.
fn fold_history(rows: Vec<Row>) -> Vec<Row> {
    let mut by_deployment: BTreeMap<(String, Option<String>, Vec<String>), Vec<Row>> =
        BTreeMap::new();
    for row in rows {
        by_deployment
            .entry(row.deployment_key())
            .or_default()
            .push(row);
    }
    let mut out = Vec::new();
    for (_, mut members) in by_deployment {
        members.sort_by(|a, b| (a.assessed_on, &a.file).cmp(&(b.assessed_on, &b.file)));
        let latest = members.iter().filter_map(|r| r.assessed_on).max();
        let (current, earlier): (Vec<Row>, Vec<Row>) = members
            .into_iter()
            .partition(|r| r.assessed_on == latest || latest.is_none());
        let mut current = current.into_iter();
        if let Some(mut first) = current.next() {
            first.history = earlier.iter().map(Row::earlier).collect();
            out.push(first);
        }
        out.extend(current);
    }
    out
}

/// How a respondent is named in an unredacted row: person and organisation, else role or
/// authority.
fn respondent(r: &RespondentInfo) -> String {
    match (&r.name, &r.organisation) {
        (Some(name), Some(org)) => format!("{name} ({org})"),
        (Some(name), None) => name.clone(),
        (None, Some(org)) => org.clone(),
        (None, None) => r
            .role
            .clone()
            .or_else(|| r.authority.clone())
            .unwrap_or_else(|| "unnamed".to_owned()),
    }
}

/// Builds the portfolio from rows made by [`Row::from_report`] (in any order) and the skipped
/// inputs.
pub fn build(
    framework: &Framework,
    rows: Vec<Row>,
    mut skipped: Vec<Skipped>,
    options: Options,
) -> Portfolio {
    let mut rows = fold_history(rows);
    rows.sort_by(by_name);
    label(&mut rows, options.redact);
    if options.sort == Sort::Score {
        // Stable: equal scores keep name order.
        rows.sort_by(by_score);
    }
    let date = options
        .as_of
        .or_else(|| rows.iter().filter_map(|r| r.assessed_on).max());
    skipped.sort_by_key(|s| s.input);
    if options.redact {
        redact(&mut rows, &mut skipped);
    }
    let deployments = rows.len();
    let groups = group(framework, rows, options.group_by)
        .into_iter()
        .map(|(key, name, rows)| Group {
            key,
            name,
            summary: summarise(framework, &rows),
            rows,
        })
        .collect();
    Portfolio {
        dpisafe_portfolio: PORTFOLIO_VERSION,
        tool: Tool::current(),
        framework: FrameworkInfo::of(framework),
        date,
        redacted: options.redact,
        group_by: options.group_by,
        sort: options.sort,
        principles: framework
            .principles
            .iter()
            .map(|p| Heading::new(&p.id, &p.name))
            .collect(),
        risks: framework
            .risks
            .iter()
            .map(|r| Heading::new(&r.id, &r.name))
            .collect(),
        bands: bands(&framework.scoring.bands),
        risk_bands: bands(&framework.scoring.risk.bands),
        deployments,
        groups,
        skipped,
    }
}

/// Highest score first; unscored rows last.
fn by_score(a: &Row, b: &Row) -> Ordering {
    match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Drops who answered and which file each row came from, for a portfolio shared outside
/// the team.
fn redact(rows: &mut [Row], skipped: &mut [Skipped]) {
    for row in rows {
        row.respondents = None;
        row.file = None;
        for earlier in &mut row.history {
            earlier.file = None;
        }
    }
    for s in skipped {
        s.file = None;
    }
}

fn bands(bands: &[crate::framework::raw::RawBand]) -> Vec<BandInfo> {
    bands
        .iter()
        .map(|b| BandInfo {
            id: b.id.clone(),
            label: b.label.clone(),
            min: b.min,
        })
        .collect()
}

/// Name order: case-insensitive name, then the exact name, country and file.
fn by_name(a: &Row, b: &Row) -> Ordering {
    (
        a.deployment.to_lowercase(),
        &a.deployment,
        &a.country,
        &a.file,
    )
        .cmp(&(
            b.deployment.to_lowercase(),
            &b.deployment,
            &b.country,
            &b.file,
        ))
}

/// Labels rows that share name and country by what tells them apart: their building blocks,
/// else their stage, else their file (unless redacted), else a number in name order, so each
/// label names one row.
fn label(rows: &mut [Row], redact: bool) {
    let mut clashes: BTreeMap<(String, Option<String>), Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        clashes
            .entry((row.deployment.clone(), row.country.clone()))
            .or_default()
            .push(i);
    }
    for members in clashes.values().filter(|m| m.len() > 1) {
        let fields: [fn(&Row) -> Option<String>; 3] = [
            |r| Some(r.building_blocks.join(", ")),
            |r| Some(r.stage.clone()),
            |r| r.file.clone(),
        ];
        let usable = |field: &fn(&Row) -> Option<String>| {
            let values: BTreeSet<Option<String>> =
                members.iter().map(|&i| field(&rows[i])).collect();
            values.len() == members.len() && values.iter().all(Option::is_some)
        };
        let chosen = fields
            .iter()
            .take(if redact { 2 } else { 3 })
            .find(|f| usable(f))
            .copied();
        for (n, &i) in members.iter().enumerate() {
            let row = &mut rows[i];
            let suffix = match chosen {
                Some(field) => field(row).unwrap_or_default(),
                None => (n + 1).to_string(),
            };
            row.label = format!("{} ({suffix})", row.deployment);
        }
    }
}

type Grouped = Vec<(Option<String>, String, Vec<Row>)>;

/// Splits rows into groups, in framework order for blocks and stages and by code for
/// countries; values the framework does not know come after, sorted.
fn group(framework: &Framework, rows: Vec<Row>, by: Option<GroupBy>) -> Grouped {
    let Some(by) = by else {
        return vec![(None, "All deployments".to_owned(), rows)];
    };
    let known: Vec<(String, String)> = match by {
        GroupBy::Block => framework
            .metadata
            .building_blocks
            .iter()
            .map(|b| (b.id.clone(), b.name.clone()))
            .collect(),
        GroupBy::Stage => framework
            .stages
            .iter()
            .map(|s| (s.id.clone(), format!("{} {}", s.id, s.name)))
            .collect(),
        GroupBy::Country => Vec::new(),
    };
    let keys_of = |row: &Row| -> Vec<Option<String>> {
        match by {
            GroupBy::Block => row.building_blocks.iter().cloned().map(Some).collect(),
            GroupBy::Stage => vec![Some(row.stage.clone())],
            GroupBy::Country => vec![row.country.clone()],
        }
    };
    let present: BTreeSet<Option<String>> = rows.iter().flat_map(keys_of).collect();
    let mut order: Vec<(Option<String>, String)> = known
        .into_iter()
        .filter(|(id, _)| present.contains(&Some(id.clone())))
        .map(|(id, name)| (Some(id), name))
        .collect();
    for key in present.iter().flatten() {
        if !order.iter().any(|(k, _)| k.as_ref() == Some(key)) {
            order.push((Some(key.clone()), key.clone()));
        }
    }
    if present.contains(&None) {
        order.push((None, "No country given".to_owned()));
    }
    order
        .into_iter()
        .map(|(key, name)| {
            let members = rows
                .iter()
                .filter(|row| keys_of(row).contains(&key))
                .cloned()
                .collect();
            (key, name, members)
        })
        .collect()
}

/// The figures under one group's matrix.
fn summarise(framework: &Framework, rows: &[Row]) -> GroupSummary {
    let bands = &framework.scoring.bands;
    let weak_from = bands
        .iter()
        .position(|b| b.id == "weak")
        .unwrap_or(bands.len().saturating_sub(1));
    let weak_or_worse: BTreeSet<&str> = bands[weak_from..].iter().map(|b| b.id.as_str()).collect();
    // A guess is not averaged: only rated rows, and only their rated cells, count.
    let rated: Vec<&Row> = rows.iter().filter(|r| r.rated).collect();
    let principles: Vec<PrincipleStat> = framework
        .principles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let cells = rated.iter().map(|r| &r.principles[i]).filter(|c| c.rated());
            let mean = mean(cells.clone().filter_map(|c| c.value));
            PrincipleStat {
                id: p.id.clone(),
                name: p.name.clone(),
                band: mean.map(|m| band_in(bands, m)),
                mean,
                scored: cells.clone().count(),
                weak_or_worse: cells
                    .filter(|c| c.band.as_deref().is_some_and(|b| weak_or_worse.contains(b)))
                    .count(),
            }
        })
        .collect();
    let mut weakest: Vec<&PrincipleStat> = principles.iter().filter(|p| p.mean.is_some()).collect();
    weakest.sort_by(|a, b| a.mean.unwrap_or(0.0).total_cmp(&b.mean.unwrap_or(0.0)));
    let weakest_principles = weakest.iter().take(WEAKEST).map(|p| p.id.clone()).collect();
    let mean_score = mean(rated.iter().filter_map(|r| r.score));
    GroupSummary {
        deployments: rows.len(),
        unrated: rows.len() - rated.len(),
        mean_score,
        mean_band: mean_score.map(|m| band_in(bands, m)),
        weakest_principles,
        principles,
        risks: risks(framework, &rated),
        critical_failures: critical_failures(framework, rows),
    }
}

/// Mean exposure per risk, highest first (framework order among equals, unknown last).
fn risks(framework: &Framework, rows: &[&Row]) -> Vec<RiskStat> {
    let mut stats: Vec<RiskStat> = framework
        .risks
        .iter()
        .enumerate()
        .map(|(i, risk)| {
            let values: Vec<f64> = rows
                .iter()
                .map(|r| &r.risks[i])
                .filter(|c| c.rated())
                .filter_map(|c| c.value)
                .collect();
            let mean = mean(values.iter().copied());
            RiskStat {
                id: risk.id.clone(),
                name: risk.name.clone(),
                band: mean.map(|m| band_in(&framework.scoring.risk.bands, m)),
                mean,
                scored: values.len(),
            }
        })
        .collect();
    stats.sort_by(|a, b| match (a.mean, b.mean) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    stats
}

/// How many rows answered each critical question `no`, most frequent first, then in
/// framework order.
fn critical_failures(framework: &Framework, rows: &[Row]) -> Vec<CriticalCount> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        for question in &row.critical_failures {
            *counts.entry(question.as_str()).or_default() += 1;
        }
    }
    let rank = |id: &str| {
        framework
            .questions
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut list: Vec<CriticalCount> = counts
        .into_iter()
        .map(|(question, deployments)| CriticalCount {
            question: question.to_owned(),
            principle: framework
                .question(question)
                .or_else(|| framework.gender_check(question))
                .map(|q| q.principle.clone())
                .unwrap_or_default(),
            deployments,
        })
        .collect();
    list.sort_by(|a, b| {
        b.deployments
            .cmp(&a.deployments)
            .then_with(|| rank(&a.question).cmp(&rank(&b.question)))
            .then_with(|| a.question.cmp(&b.question))
    });
    list
}

/// The mean, rounded to one decimal as every output prints it; `None` for no values.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0_u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| crate::report::build::round1(sum / f64::from(n)))
}
