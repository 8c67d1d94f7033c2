//! Agenda 2030 references (DOMAIN.md §2.5): the UN Sustainable Development Goals (1–17) a
//! goal's prose names inside an `Agenda 2030` subsection.
//!
//! Only text inside such a block counts, so "Agenda 2030." at the end of a sentence
//! (VP21:2286) or the T1's general remark (T1:156-158) gives nothing. Inside the block the
//! reading is lenient, because the plans write the goals three ways: "Mål 1, Ingen
//! fattigdom", "Mål 1. Ingen fattigdom - …" and "nr.6 ”Rent vatten och sanitet”" or "det
//! globala målet nr.13" (VP21:402-406, :1561-1570, :2119-2123, :1990). A line that starts with
//! a goal number ("4 God utbildning för alla", VP21:826) counts too; an SDG *target* line
//! ("4.2 Lika tillgång …", :829) never does.

use std::sync::LazyLock;

use regex::Regex;

/// The pattern DOMAIN.md §2.5 gives. The trailing `\b` keeps "mål 2030" from reading as 20.
static GOAL_REFERENCE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)mål\s*(?:nr\.?\s*)?(\d{1,2})\b|nr\.?\s*(\d{1,2})\b").ok());

/// "4 God utbildning för alla": a goal number and its name opening a line. "4.2 Lika …" has
/// a dot after the number and so does not match.
static NUMBERED_GOAL_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+\p{Lu}").ok());

/// A line that opens an Agenda 2030 block: the heading alone, with or without a colon.
fn is_agenda_heading(paragraph: &str) -> bool {
    let text = paragraph.trim().trim_end_matches(':').trim();
    text.eq_ignore_ascii_case("agenda 2030")
}

/// A themed subheading that closes the block ("Jämställdhetsarbetet", "Barnrätten",
/// "Tillgänglighet och delaktighet"): short, no closing punctuation, not an SDG line.
fn is_next_subheading(paragraph: &str) -> bool {
    let text = paragraph.trim();
    let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
    let names_a_goal = GOAL_REFERENCE
        .as_ref()
        .is_some_and(|re| re.find(text).is_some_and(|m| m.start() == 0));
    starts_upper
        && !names_a_goal
        && text.split_whitespace().count() <= 7
        && !text.ends_with(['.', ':', ';', ',', '”', '"', ')'])
}

/// The paragraphs of every Agenda 2030 block in `text` (one paragraph per line, as
/// `lines::join_prose` leaves it).
pub fn agenda_blocks(text: &str) -> Vec<&str> {
    let mut inside = false;
    let mut block = Vec::new();
    for paragraph in text.lines() {
        if is_agenda_heading(paragraph) {
            inside = true;
            continue;
        }
        if inside && is_next_subheading(paragraph) {
            inside = false;
        }
        if inside && !paragraph.trim().is_empty() {
            block.push(paragraph);
        }
    }
    block
}

/// The SDG numbers (1–17) named inside the Agenda 2030 blocks of `text`, deduplicated and
/// sorted. Numbers outside 1–17 are dropped: the prose can be wrong (§2.5).
pub fn sdg_refs(text: &str) -> Vec<u8> {
    let mut found: Vec<u8> = Vec::new();
    for paragraph in agenda_blocks(text) {
        if let Some(re) = GOAL_REFERENCE.as_ref() {
            for caps in re.captures_iter(paragraph) {
                if let Some(number) = caps.get(1).or_else(|| caps.get(2)) {
                    found.extend(number.as_str().parse::<u8>().ok());
                }
            }
        }
        if let Some(caps) = NUMBERED_GOAL_LINE
            .as_ref()
            .and_then(|re| re.captures(paragraph.trim_start()))
            && let Some(number) = caps.get(1)
        {
            found.extend(number.as_str().parse::<u8>().ok());
        }
    }
    found.retain(|n| (1..=17).contains(n));
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::join_prose;

    /// Joins sample lines the way the importer joins a goal's narrative.
    fn narrative(lines: &[&str]) -> String {
        join_prose(lines.iter().copied())
    }

    #[test]
    fn mal_comma_name_lines_vp21_402() {
        let text = narrative(&[
            "ensamkommande ungdomar är en prioriterad grupp för feriejobb, i syfte att de ska ",
            "introduceras till arbetslivet.",
            "Agenda 2030",
            "Förvaltningens arbete bidrar till att uppfylla följande mål i Agenda 2030:",
            "Mål 1, Ingen fattigdom",
            "Mål 5, Jämställdhet",
            "Mål 10, Minskad ojämlikhet",
            "Förvaltningen kommer att fortsätta arbetet för att fler personer ska komma i självförsörjning ",
            "och arbetet med att utjämna könsskillnader mellan kvinnor och män.",
            "Jämställdhetsarbetet",
            "Förvaltningen arbetar enligt mål 3 i handlingsplanen.",
        ]);
        assert_eq!(sdg_refs(&text), [1, 5, 10]);
    }

    #[test]
    fn mal_dot_name_dash_target_text_vp21_1561() {
        let text = narrative(&[
            "Agenda 2030",
            "Förvaltningens arbete bidrar till att uppfylla följande mål i Agenda 2030:",
            "Mål 1. Ingen fattigdom - Införa nationellt lämpliga system och åtgärder för socialt skydd för ",
            "alla, inklusive grund- skydd, och senast 2030 säkerställa att de omfattar en väsentlig andel av ",
            "de fattiga och de utsatta.",
            "Mål 3. God hälsa och välbefinnande - Minska antalet dödsfall till följd av icke smittsamma ",
            "sjukdomar och främja mental hälsa. ",
            "Till 2030 genom förebyggande insatser och behandling minska det antal människor som dör i ",
            "förtid av icke smittsamma sjukdomar med en tredjedel samt främja psykisk hälsa och ",
            "välbefinnande.",
            "Tillgänglighet och delaktighet",
        ]);
        assert_eq!(sdg_refs(&text), [1, 3]);
    }

    #[test]
    fn nr_with_and_without_dot_vp21_2119_and_1990() {
        let text = narrative(&[
            "Agenda 2030",
            "Verksamhetsområdesmålet bidrar särskilt till de globala målen: nr.6 ”Rent vatten och sanitet”, ",
            "nr.7 ”Hållbar energi för alla”, nr.11 ”Hållbara städer och samhällen”, nr.12 ”Hållbar ",
            "konsumtion och produktion”, nr 13 ”Bekämpa klimatförändringarna”, nr.14 ”Hav och marina ",
            "resurser” samt nr.15 ”Ekosystem och biologisk mångfald”.",
            "Förvaltningens verksamheter är energi- och resurseffektiva",
            "Lampor nr. 4 byts.",
        ]);
        assert_eq!(sdg_refs(&text), [6, 7, 11, 12, 13, 14, 15]);
        let single = narrative(&[
            "Agenda 2030",
            "Verksamhetsområdesmålet bidrar särskilt till det globala målet nr.13 \"Bekämpa ",
            "klimatförändringarna\".",
        ]);
        assert_eq!(sdg_refs(&single), [13]);
    }

    #[test]
    fn a_target_line_is_never_a_goal_number_vp21_825() {
        let text = narrative(&[
            "Agenda 2030",
            "4 God utbildning för alla",
            "Säkerställa en inkluderande och likvärdig utbildning av god kvalitet och främja livslångt ",
            "lärande för alla",
            "4.2 Lika tillgång till förskola av god kvalitet",
            "Senast 2030 säkerställa att alla flickor och pojkar har tillgång till förskola av god kvalitet som ",
            "ger omvårdnad och förbereder dem för att börja grundskola",
        ]);
        assert_eq!(sdg_refs(&text), [4]);
        assert_eq!(
            sdg_refs(&narrative(&[
                "Agenda 2030",
                "4.2 Lika tillgång till förskola"
            ])),
            Vec::<u8>::new()
        );
    }

    #[test]
    fn vp22_block_one_paragraph_per_line() {
        // VP22:737-739 names no goal number; the block is found but gives nothing.
        let kf_13 = narrative(&[
            "Förskoleavdelningens uppföljningar har identifierat tre övergripande utvecklingsområden som särskilt kommer att prioriteras under 2022. Hållbar utveckling, Agenda 2030, ledarskap och medarbetarskap samt undervisning.",
            "",
            "Agenda 2030",
            "",
            "Agenda 2030 omfattar social samt miljömässig hållbarhet. Det sociala hållbarhetsarbetet lägger fokus på barns rätt enligt barnkonventionen.",
        ]);
        assert_eq!(agenda_blocks(&kf_13).len(), 1);
        assert_eq!(sdg_refs(&kf_13), Vec::<u8>::new());
        // The same layout with numbers, duplicated and out of order, and one out of range.
        let numbered = narrative(&[
            "Agenda 2030",
            "",
            "Arbetet bidrar till mål 4 och mål 3, och särskilt till mål 4 God utbildning samt mål 18.",
        ]);
        assert_eq!(sdg_refs(&numbered), [3, 4]);
    }

    #[test]
    fn prose_mentions_outside_a_block_give_nothing() {
        let text = narrative(&[
            "Förvaltningen ska arbeta för att vid upphandlingar ta hänsyn till de mål som finns i ",
            "Agenda 2030.",
            "Förvaltningen bidrar till mål 5 genom jämställdhetsarbetet.",
        ]);
        assert_eq!(sdg_refs(&text), Vec::<u8>::new());
    }
}
