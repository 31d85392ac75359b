//! The few facts a new questionnaire needs before its questions can be chosen: the
//! deployment's name, country, building blocks and stage, the respondent's authority and
//! organisation, and the assessment date.

use crate::framework::{Applicability, Framework, Named};
use crate::questionnaire::Date;
use crate::questionnaire::template::Blank;
use crate::text::did_you_mean;

use super::{Io, Style, country, item_lines};

/// Asks for the facts of a new questionnaire; `None` when input ends first. `today` is only
/// offered as the default date, which the user confirms or replaces.
pub fn ask(framework: &Framework, io: &mut impl Io, style: Style, today: Date) -> Option<Blank> {
    let name = ask_until(io, "Deployment name: ", |text| {
        if text.is_empty() {
            Err("a name is needed; it heads every report".to_owned())
        } else {
            Ok(text.to_owned())
        }
    })?;
    let country = ask_country(io)?;
    let building_blocks = ask_blocks(framework, io, style)?;
    let stage = ask_stage(framework, io, style)?;
    io.show(&choices(
        style,
        "Responsible authorities",
        &named(&framework.authorities),
    ));
    let authority = ask_until(io, "Your authority (Enter to answer for all): ", |text| {
        one_of(text, &framework.authority_ids(), "authority")
    })?;
    let organisation = optional(&io.ask("Organisation (Enter to leave out): ")?);
    let date = ask_date(io, today)?;
    Some(Blank {
        scope: Applicability {
            building_blocks,
            stage: Some(stage),
            authority,
        },
        name: Some(name),
        country,
        date,
        organisation,
    })
}

/// The building blocks, listed first; all of them when the answer is empty.
fn ask_blocks(framework: &Framework, io: &mut impl Io, style: Style) -> Option<Vec<String>> {
    let blocks = framework
        .metadata
        .building_blocks
        .iter()
        .map(|b| format!("{} ({})", b.id, b.name))
        .collect::<Vec<_>>();
    io.show(&choices(style, "Building blocks", &blocks));
    ask_until(io, "Blocks, comma-separated (Enter for all): ", |text| {
        building_blocks(framework, text)
    })
}

/// The deployment's stage, listed first; an answer is needed.
fn ask_stage(framework: &Framework, io: &mut impl Io, style: Style) -> Option<String> {
    io.show(&choices(
        style,
        "Life-cycle stages",
        &named(&framework.stages),
    ));
    ask_until(io, "Stage the deployment is at: ", |text| {
        one_of(text, &framework.stage_ids(), "stage")
            .map(|s| s.unwrap_or_default())
            .and_then(|s| {
                if s.is_empty() {
                    Err("a stage is needed: it decides which questions are due".to_owned())
                } else {
                    Ok(s)
                }
            })
    })
}

/// The assessment date, `today` offered as the default.
fn ask_date(io: &mut impl Io, today: Date) -> Option<Date> {
    let prompt = format!("Assessment date [{today}]: ");
    ask_until(io, &prompt, |text| match text {
        "" => Ok(today),
        text => Date::parse(text)
            .ok_or_else(|| format!("`{text}` is not a real date in YYYY-MM-DD form")),
    })
}

/// Asks until `parse` accepts the trimmed answer, showing each refusal.
pub(crate) fn ask_until<T>(
    io: &mut impl Io,
    prompt: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    loop {
        let line = io.ask(prompt)?;
        match parse(line.trim()) {
            Ok(value) => return Some(value),
            Err(why) => io.show(&format!("  {why}\n")),
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The deployment's country as an ISO 3166-1 code: typed as a code, or as a name that is
/// looked up and confirmed ("Ghana is GH: use it? [Y/n]").
fn ask_country(io: &mut impl Io) -> Option<Option<String>> {
    loop {
        let line = io.ask("Country, a name or an ISO code such as KE (Enter to leave out): ")?;
        let text = line.trim();
        if text.is_empty() {
            return Some(None);
        }
        if text.len() == 2 && text.chars().all(|c| c.is_ascii_alphabetic()) {
            let code = text.to_ascii_uppercase();
            match country::name_of(&code) {
                Some(_) => return Some(Some(code)),
                None => io.show(&format!("  `{code}` is not an ISO 3166-1 country code\n")),
            }
            continue;
        }
        match country::find(text) {
            Some((code, name)) => {
                let answer = io.ask(&format!("  {name} is {code}: use it? [Y/n] "))?;
                if matches!(answer.trim().to_lowercase().as_str(), "" | "y" | "yes") {
                    return Some(Some(code.to_owned()));
                }
            }
            None => io.show(&format!(
                "  `{}` is not a country name known here; type its two-letter ISO code (KE, TH, BR …)\n",
                crate::text::inert(text)
            )),
        }
    }
}

fn building_blocks(framework: &Framework, text: &str) -> Result<Vec<String>, String> {
    let ids = framework.building_block_ids();
    let mut chosen = Vec::new();
    for word in text.split([',', ' ']).filter(|w| !w.is_empty()) {
        match one_of(word, &ids, "building block")? {
            Some(id) if !chosen.contains(&id) => chosen.push(id),
            _ => {}
        }
    }
    Ok(chosen)
}

/// The id in `ids` that `text` names (case aside), `None` for empty text, or why not.
fn one_of(text: &str, ids: &[&str], what: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(id) = ids.iter().find(|id| id.eq_ignore_ascii_case(text)) {
        return Ok(Some((*id).to_owned()));
    }
    Err(match did_you_mean(text, ids.iter().copied()) {
        Some(best) => format!("`{text}` is not a {what}; did you mean `{best}`?"),
        None => format!("`{text}` is not a {what}; choose from {}", ids.join(", ")),
    })
}

fn named(items: &[Named]) -> Vec<String> {
    items
        .iter()
        .map(|n| format!("{} {}", n.id, n.name))
        .collect()
}

/// A heading and its choices, wrapped to the terminal.
fn choices(style: Style, heading: &str, items: &[String]) -> String {
    let mut out = format!("\n{}\n", style.bold(heading));
    for line in item_lines(items, style.wrap_width() - 2) {
        out.push_str(&format!("  {}\n", style.dim(&line)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::interview::script::Script;

    const PLAIN: Style = Style {
        width: 80,
        color: false,
    };

    #[test]
    fn asks_again_until_each_fact_is_usable() {
        let mut io = Script::new(&[
            "",
            "Civil registry",
            "Atlantis",
            "QQ",
            "Kenia",
            "n",
            "Kenya",
            "",
            "id, paymnts",
            "id payments",
            "L9",
            "l4",
            "R7",
            "",
            "  Ministry of ICT ",
            "2026-02-30",
            "",
        ]);
        let today = Date::parse("2026-05-01").expect("a date");
        let blank = ask(
            crate::validate::framework::embedded(),
            &mut io,
            PLAIN,
            today,
        )
        .expect("answered");
        assert_eq!(blank.name.as_deref(), Some("Civil registry"));
        assert_eq!(blank.country.as_deref(), Some("KE"));
        assert_eq!(blank.scope.building_blocks, ["id", "payments"]);
        assert_eq!(blank.scope.stage.as_deref(), Some("L4"));
        assert_eq!(blank.scope.authority, None);
        assert_eq!(blank.organisation.as_deref(), Some("Ministry of ICT"));
        assert_eq!(blank.date, today);
        let shown = io.shown();
        assert!(shown.contains("a name is needed"), "{shown}");
        assert!(
            shown.contains("`Atlantis` is not a country name"),
            "{shown}"
        );
        assert!(shown.contains("`QQ` is not an ISO 3166-1"), "{shown}");
        assert!(shown.contains("Kenya is KE: use it? [Y/n]"), "{shown}");
        assert!(shown.contains("did you mean `payments`?"), "{shown}");
        assert!(shown.contains("`2026-02-30` is not a real date"), "{shown}");
        assert!(shown.contains("L1 Conception"), "{shown}");
    }

    #[test]
    fn end_of_input_gives_up_without_a_blank() {
        let mut io = Script::new(&["Civil registry", ""]);
        assert!(
            ask(
                crate::validate::framework::embedded(),
                &mut io,
                PLAIN,
                Date::from_days(0)
            )
            .is_none()
        );
    }
}
