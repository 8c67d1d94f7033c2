//! Deterministic, city-scale demo data: every district council's plan years with goals,
//! indicators, activities and every period's values, made from a seed.
//!
//! Used for the benchmarks of DESIGN.md §8 and for trying the program without real documents
//! (`malkoll gen-demo`). The same seed always gives the same plans: the random stream is
//! ChaCha8, which is portable and stable across crate versions, and each council-year gets
//! its own stream, so changing one does not shift the others.
//!
//! Shape per council-year: 3 inriktningsmål, 12 KF-mål (5 + 5 + 2), 15–30 nämndmål; 3–8
//! indicators per KF-mål (the Council's, the same in every council during a budget period),
//! 0–4 per nämndmål; 2–6 activities per KF-mål and nämndmål. Periods: VP, T1, T2 and VB, and
//! for the last year only VP and T1 (the year in progress), and the months of the monthly
//! follow-up with an economy per verksamhetsområde ([`economy`]). Indicator values follow a
//! series per council and name, so last year's VB outcome reappears as "Periodens utfall VB".

pub mod economy;
pub mod words;

use jiff::civil::Date;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::domain::text::capitalize;
use crate::domain::{
    Activity, ActivityReport, Assessment, Completion, Council, DocKind, Goal, GoalLevel,
    GoalStatus, Indicator, IndicatorReport, NodeId, Origin, Period, Periodicity, PlanYear,
    Quantity, SourceDocument, Target, Trend, Value, format_number,
    indicator::{Direction, default_tolerance},
};
use words::{Magnitude, Naming, Stem, Theme};

/// The newest generated year; `years` years end with it.
pub const LAST_YEAR: u16 = 2025;

/// The plans of `councils` councils over the `years` years up to [`LAST_YEAR`], ordered by
/// council, then year. Councils beyond the 14 real ones get numbered copies of their names.
pub fn generate(seed: u64, councils: usize, years: usize) -> Vec<PlanYear> {
    let years = u16::try_from(years).unwrap_or(u16::MAX).min(LAST_YEAR);
    let first_year = LAST_YEAR + 1 - years;
    let mut plans = Vec::with_capacity(councils * usize::from(years));
    for council_index in 0..councils {
        let council = council(council_index);
        for year in first_year..=LAST_YEAR {
            plans.push(council_year(seed, council_index, &council, year));
        }
    }
    plans
}

/// The `index`-th council: the real 14, then "… 2", "… 3".
fn council(index: usize) -> Council {
    let (slug, name) = words::COUNCILS[index % words::COUNCILS.len()];
    let round = index / words::COUNCILS.len();
    if round == 0 {
        Council {
            id: slug.to_owned(),
            name: name.to_owned(),
        }
    } else {
        Council {
            id: format!("{slug}-{}", round + 1),
            name: format!("{name} {}", round + 1),
        }
    }
}

/// Which KF budget period (2015–18, 2019–22, 2023–26, then round again) a year falls in.
fn budget_period(year: u16) -> usize {
    (i32::from(year) - 2015).div_euclid(4).rem_euclid(3) as usize
}

/// The random stream: ChaCha8 plus the few draws the generator needs.
struct Dice(ChaCha8Rng);

impl Dice {
    fn new(seed: u64, parts: &[u64]) -> Dice {
        Dice(ChaCha8Rng::seed_from_u64(mix(seed, parts)))
    }

    /// Uniform in `0..n` (0 when `n` is 0). The modulo bias is far below what demo data shows.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or(fallback)
    }

    /// `k` distinct indices of `0..n`, in drawn order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut pool: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// splitmix64's finaliser: spreads every input bit over the output.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn mix(seed: u64, parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(splitmix(seed), |acc, &part| splitmix(acc ^ splitmix(part)))
}

/// FNV-1a: a name's hash that, unlike std's hasher, is the same in every Rust version.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A pure noise value in `[-1, 1)` for the given coordinates.
fn noise(seed: u64, parts: &[u64]) -> f64 {
    (mix(seed, parts) >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

fn round_to(amount: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(i32::from(decimals));
    (amount * factor).round() / factor
}

fn period_code(period: Period) -> u64 {
    u64::from(period.ordinal())
}

/// An activity ending with its `{place}` and `{year}` filled in.
fn ending(context: &Context<'_>, dice: &mut Dice) -> String {
    let places = words::PLACES
        .get(context.council_index as usize % words::PLACES.len())
        .copied()
        .unwrap_or(&[]);
    let place = dice.pick(places, "stadsdelsområdet");
    dice.pick(words::ACTION_ENDINGS, "")
        .replace("{place}", place)
        .replace("{year}", &context.year.to_string())
}

/// Everything fixed for one council-year.
struct Context<'a> {
    seed: u64,
    council_index: u64,
    council: &'a Council,
    year: u16,
    periods: Vec<Period>,
}

/// Hands out node ids in document order.
struct Ids(NodeId);

impl Ids {
    fn next(&mut self) -> NodeId {
        self.0 += 1;
        self.0
    }
}

fn council_year(seed: u64, council_index: usize, council: &Council, year: u16) -> PlanYear {
    let periods = if year == LAST_YEAR {
        vec![Period::Plan, Period::Tertial(1)]
    } else {
        vec![
            Period::Plan,
            Period::Tertial(1),
            Period::Tertial(2),
            Period::AnnualReport,
        ]
    };
    let context = Context {
        seed,
        council_index: council_index as u64,
        council,
        year,
        periods,
    };
    let mut dice = Dice::new(seed, &[1, context.council_index, u64::from(year)]);
    let mut ids = Ids(0);
    let budget = budget_period(year);

    // 15–30 nämndmål spread over the KF-mål, at most as many per KF-mål as its theme has.
    let wanted = dice.between(15, 30);
    let mut per_slot = [0usize; 12];
    let mut placed = 0;
    while placed < wanted {
        let slot = dice.below(12);
        let room = words::THEMES
            .get(slot)
            .map_or(0, |theme| theme.committee_goals.len());
        if per_slot[slot] < room {
            per_slot[slot] += 1;
            placed += 1;
        }
    }
    // Some councils leave their nämndmål unnumbered (VP19, VP22).
    let numbered = !dice.chance(0.2);

    let mut goals = Vec::with_capacity(3);
    let mut slot = 0;
    for (im, &kf_count) in words::AREA_GOALS_PER_DIRECTION.iter().enumerate() {
        let im_number = (im + 1).to_string();
        let title = words::DIRECTION_GOALS[budget][im];
        let mut direction = Goal::new(ids.next(), GoalLevel::Direction, Some(&im_number), title);
        direction.narrative = sentences(&mut dice, words::DESCRIPTION_SENTENCES, 2, 3, title);
        for kf in 0..kf_count {
            let theme = &words::THEMES[slot];
            let number = format!("{im_number}.{}", kf + 1);
            let area_goal = area_goal(
                &context,
                &mut dice,
                &mut ids,
                slot,
                &number,
                per_slot[slot],
                numbered,
                theme,
            );
            direction.children.push(area_goal);
            slot += 1;
        }
        set_direction_status(&context, &mut dice, &mut direction);
        goals.push(direction);
    }

    let committee_goals = per_slot.iter().sum::<usize>();
    let documents = context
        .periods
        .iter()
        .map(|&period| document(&context, &mut dice, period, committee_goals))
        .collect();
    let (months, economy) = economy::economy(seed, context.council_index, year, &context.periods);
    PlanYear {
        council: council.clone(),
        year,
        documents,
        goals,
        months,
        economy,
    }
}

#[allow(clippy::too_many_arguments)]
fn area_goal(
    context: &Context<'_>,
    dice: &mut Dice,
    ids: &mut Ids,
    slot: usize,
    number: &str,
    committee_count: usize,
    numbered: bool,
    theme: &Theme,
) -> Goal {
    let budget = budget_period(context.year);
    let title = words::AREA_GOALS[budget][slot];
    let mut goal = Goal::new(ids.next(), GoalLevel::Area, Some(number), title);
    goal.narrative = sentences(dice, words::DESCRIPTION_SENTENCES, 2, 4, theme.area);
    if dice.chance(0.4) {
        let count = dice.between(1, 2);
        goal.sdg_refs = dice
            .sample(17, count)
            .into_iter()
            .map(|i| i as u8 + 1)
            .collect();
    }
    // The Council's indicators are the same in every council for the whole budget period.
    let mut council_dice = Dice::new(context.seed, &[2, budget as u64, slot as u64]);
    let stems = expand(theme.stems, context.year);
    let mut used_names: Vec<String> = Vec::new();
    let count = council_dice.between(3, 8);
    let picks = council_dice.sample(stems.len(), count);
    let added = Picked {
        stems: &stems,
        picks,
        origin: Origin::CityCouncil,
    };
    add_indicators(&mut goal, context, dice, ids, added, &mut used_names);
    let activity_count = dice.between(2, 6);
    let mut assignments = dice
        .sample(theme.assignments.len(), theme.assignments.len())
        .into_iter()
        .filter_map(|i| theme.assignments.get(i));
    for _ in 0..activity_count {
        // Each Council assignment at most once per goal; then the councils' own wording.
        let assignment = if dice.chance(0.5) {
            assignments.next()
        } else {
            None
        };
        let title = match assignment {
            Some(assignment) => (*assignment).to_owned(),
            None => distinct_title(&goal.activities, || {
                let action = dice.pick(theme.actions, "utveckla arbetet");
                let ending = ending(context, dice);
                format!("Stadsdelsnämnderna ska {action}{ending}.")
            }),
        };
        goal.activities.push(activity(
            context,
            dice,
            ids.next(),
            title,
            Origin::CityCouncil,
        ));
    }
    set_goal_status(context, dice, &mut goal, theme.area);

    for (n, pick) in dice
        .sample(theme.committee_goals.len(), committee_count)
        .into_iter()
        .enumerate()
    {
        let title = theme
            .committee_goals
            .get(pick)
            .copied()
            .unwrap_or("Nämndmål");
        let child_number = format!("{number}.{}", n + 1);
        let child = committee_goal(
            context,
            dice,
            ids,
            numbered.then_some(child_number.as_str()),
            title,
            theme,
            &mut used_names,
        );
        goal.children.push(child);
    }
    goal
}

fn committee_goal(
    context: &Context<'_>,
    dice: &mut Dice,
    ids: &mut Ids,
    number: Option<&str>,
    title: &str,
    theme: &Theme,
    used_names: &mut Vec<String>,
) -> Goal {
    let mut goal = Goal::new(ids.next(), GoalLevel::Committee, number, title);
    goal.description = sentences(dice, words::DESCRIPTION_SENTENCES, 2, 4, theme.area);
    let result_count = dice.between(1, 3);
    goal.expected_results = dice
        .sample(words::EXPECTED_RESULTS.len(), result_count)
        .into_iter()
        .filter_map(|i| words::EXPECTED_RESULTS.get(i))
        .map(|text| text.replace("{area}", theme.area))
        .collect();
    goal.expected_results_raw = goal
        .expected_results
        .iter()
        .map(|item| format!("- {item}"))
        .collect::<Vec<_>>()
        .join("\n");
    // A nämndmål measures with its own indicators, not those of its KF-mål or siblings.
    let stems: Vec<(Stem, String)> = expand(theme.stems, context.year)
        .into_iter()
        .filter(|(_, name)| !used_names.contains(name))
        .collect();
    let count = dice.between(0, 4);
    let picks = dice.sample(stems.len(), count);
    let added = Picked {
        stems: &stems,
        picks,
        origin: Origin::Committee,
    };
    add_indicators(&mut goal, context, dice, ids, added, used_names);
    let activity_count = dice.between(2, 6);
    for _ in 0..activity_count {
        let title = distinct_title(&goal.activities, || {
            let action = dice.pick(theme.actions, "utveckla arbetet");
            let ending = ending(context, dice);
            match dice.below(3) {
                0 => format!("Förvaltningen ska {action}{ending}."),
                1 => format!("{} ska {action}{ending}.", theme.department),
                _ => capitalize(&format!("{action}{ending}")),
            }
        });
        goal.activities.push(activity(
            context,
            dice,
            ids.next(),
            title,
            Origin::Committee,
        ));
    }
    set_goal_status(context, dice, &mut goal, theme.area);
    goal
}

/// A title from `make` that no activity of the goal has yet, after a few tries (a goal does
/// not list the same activity twice; across goals near-duplicates are real, DOMAIN.md §6).
fn distinct_title(existing: &[Activity], mut make: impl FnMut() -> String) -> String {
    let mut title = make();
    for _ in 0..4 {
        if !existing.iter().any(|activity| activity.title == title) {
            break;
        }
        title = make();
    }
    title
}

/// A theme's indicators with their names for `year`: one per fill, drifted names resolved.
fn expand(stems: &[Stem], year: u16) -> Vec<(Stem, String)> {
    let mut out = Vec::new();
    for stem in stems {
        match stem.naming {
            Naming::Fixed(name) => out.push((*stem, name.to_owned())),
            Naming::Each(template, fills) => {
                for fill in fills {
                    out.push((*stem, template.replacen("{}", fill, 1)));
                }
            }
            Naming::Drift { old, new, from } => {
                let name = if year < from { old } else { new };
                out.push((*stem, name.to_owned()));
            }
        }
    }
    out
}

/// 2–4 sentences joined, `{area}` filled in.
fn sentences(dice: &mut Dice, pool: &[&str], low: usize, high: usize, area: &str) -> String {
    let count = dice.between(low, high);
    dice.sample(pool.len(), count)
        .into_iter()
        .filter_map(|i| pool.get(i))
        .map(|sentence| sentence.replace("{area}", area))
        .collect::<Vec<_>>()
        .join(" ")
}

fn draw_assessment(dice: &mut Dice) -> Assessment {
    let roll = dice.unit();
    if roll < 0.65 {
        Assessment::FullyMet
    } else if roll < 0.93 {
        Assessment::PartiallyMet
    } else {
        Assessment::NotMet
    }
}

/// Assessments and analyses of a KF-mål or nämndmål: forecasts in T1/T2, final in VB.
fn set_goal_status(context: &Context<'_>, dice: &mut Dice, goal: &mut Goal, area: &str) {
    let noun = match goal.level {
        GoalLevel::Area => "kommunfullmäktiges mål för verksamhetsområdet",
        _ => "nämndmålet",
    };
    for &period in &context.periods {
        let assessment = draw_assessment(dice);
        let (is_forecast, opening, pool) = match period {
            Period::Plan => continue,
            Period::AnnualReport => {
                let verdict = match assessment {
                    Assessment::FullyMet => "har uppnåtts",
                    Assessment::PartiallyMet => "har uppnåtts delvis",
                    _ => "har inte uppnåtts",
                };
                (
                    false,
                    format!("Förvaltningen bedömer att {noun} {verdict}."),
                    words::REPORT_SENTENCES,
                )
            }
            _ => {
                let verdict = match assessment {
                    Assessment::FullyMet => "kommer att uppnås",
                    Assessment::PartiallyMet => "kommer att uppnås delvis",
                    _ => "inte kommer att uppnås",
                };
                (
                    true,
                    format!("Förvaltningen gör bedömningen att {noun} {verdict} under året."),
                    words::FORECAST_SENTENCES,
                )
            }
        };
        let body = sentences(dice, pool, 1, 3, area);
        goal.status.insert(
            period,
            GoalStatus {
                assessment,
                is_forecast,
                analysis: format!("{opening} {body}"),
            },
        );
    }
}

/// An inriktningsmål: in T1/T2 only a prose verdict (no bedömning line), in VB a final one.
fn set_direction_status(context: &Context<'_>, dice: &mut Dice, goal: &mut Goal) {
    let area_count = goal.children.len();
    for &period in &context.periods {
        let status = match period {
            Period::Plan => continue,
            Period::AnnualReport => {
                let assessment = draw_assessment(dice);
                GoalStatus {
                    assessment,
                    is_forecast: false,
                    analysis: format!(
                        "Förvaltningen bedömer att inriktningsmålet {}. Bedömningen grundas på de {area_count} mål för verksamhetsområdet som är kopplade till inriktningsmålet.",
                        match assessment {
                            Assessment::FullyMet => "har uppfyllts",
                            Assessment::PartiallyMet => "har uppfyllts delvis",
                            _ => "inte har uppfyllts",
                        }
                    ),
                }
            }
            _ => GoalStatus {
                assessment: Assessment::NotAssessed,
                is_forecast: true,
                analysis: format!(
                    "Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas under året. Bedömningen grundas på att {area_count} mål för verksamhetsområdet som är kopplade till inriktningsmålet bedöms uppnås."
                ),
            },
        };
        goal.status.insert(period, status);
    }
}

/// Keeps a value possible: a share of people stays within 0–100 %, a count is never negative.
/// Stems whose range goes past 100 % (budget adherence) may pass it, as real ones do.
fn possible(amount: f64, magnitude: &Magnitude) -> f64 {
    if magnitude.unit == Some("%") && magnitude.low >= 0.0 && magnitude.high <= 100.0 {
        amount.clamp(0.0, 100.0)
    } else if magnitude.cumulative {
        amount.max(0.0)
    } else {
        amount
    }
}

fn number_value(amount: f64, magnitude: &Magnitude) -> Value {
    let amount = possible(amount, magnitude);
    let quantity = Quantity::new(round_to(amount, magnitude.decimals), magnitude.unit);
    Value::Number {
        raw: quantity.format(),
        quantity,
    }
}

fn number_target(amount: f64, magnitude: &Magnitude) -> Target {
    let amount = possible(amount, magnitude);
    let quantity = Quantity::new(round_to(amount, magnitude.decimals), magnitude.unit);
    Target::Value {
        raw: quantity.format(),
        quantity,
    }
}

/// The year's level of an indicator series in one council: a stable place in the stem's
/// range, drifting slowly towards better, plus yearly noise.
fn yearly_level(context: &Context<'_>, stem: &Stem, series: u64, year: u16) -> f64 {
    let magnitude = &stem.magnitude;
    let range = magnitude.high - magnitude.low;
    let base = magnitude.low
        + range * (noise(context.seed, &[3, context.council_index, series]) + 1.0) / 2.0;
    let better = if stem.lower_is_better { -1.0 } else { 1.0 };
    let trend = better * range * 0.02 * (f64::from(year) - 2020.0);
    let wobble = range
        * 0.06
        * noise(
            context.seed,
            &[4, context.council_index, series, u64::from(year)],
        );
    let level = base + trend + wobble;
    possible(
        level.clamp(magnitude.low - range * 0.2, magnitude.high + range * 0.2),
        magnitude,
    )
}

/// Indicators chosen for a goal: which of the named stems, and whose they are.
struct Picked<'a> {
    stems: &'a [(Stem, String)],
    picks: Vec<usize>,
    origin: Origin,
}

/// Adds the picked indicators to `goal` (values drawn from `dice`) and records their names,
/// so a goal's nämndmål do not measure with the same indicators again.
fn add_indicators(
    goal: &mut Goal,
    context: &Context<'_>,
    dice: &mut Dice,
    ids: &mut Ids,
    picked: Picked<'_>,
    used_names: &mut Vec<String>,
) {
    for pick in picked.picks {
        if let Some((stem, name)) = picked.stems.get(pick) {
            let id = ids.next();
            goal.indicators
                .push(indicator(context, dice, id, stem, name, picked.origin));
            used_names.push(name.clone());
        }
    }
}

fn indicator(
    context: &Context<'_>,
    dice: &mut Dice,
    id: NodeId,
    stem: &Stem,
    name: &str,
    origin: Origin,
) -> Indicator {
    let magnitude = stem.magnitude;
    // Drifted names keep one series: the values continue across the rename.
    let series = match stem.naming {
        Naming::Drift { old, .. } => name_hash(old),
        _ => name_hash(name),
    };
    let periodicity = if magnitude.unit.is_none() {
        Periodicity::Year
    } else if dice.chance(0.55) {
        Periodicity::Tertial
    } else {
        Periodicity::Year
    };
    let better = if stem.lower_is_better { -1.0 } else { 1.0 };
    let level = yearly_level(context, stem, series, context.year);
    let previous = yearly_level(context, stem, series, context.year - 1);
    let range = magnitude.high - magnitude.low;

    let annual_target = if dice.chance(0.05) {
        Target::Trend(if stem.lower_is_better {
            Trend::Decrease
        } else {
            Trend::Increase
        })
    } else {
        number_target(level + better * range * 0.04, &magnitude)
    };
    let council_target = match origin {
        Origin::Committee => Target::Empty,
        Origin::CityCouncil if dice.chance(0.25) => {
            Target::SetByCommittee("Tas fram av nämnd".to_owned())
        }
        // Counts: the KF target is a city-wide figure ("9 000 st"), not comparable.
        Origin::CityCouncil if magnitude.cumulative => {
            let city = (level * 14.0 * (0.8 + 0.4 * dice.unit()) / 100.0).round() * 100.0;
            number_target(city.max(100.0), &magnitude)
        }
        Origin::CityCouncil => number_target(
            level + better * range * (0.02 + 0.06 * dice.unit()),
            &magnitude,
        ),
    };
    let new_this_year = matches!(stem.naming, Naming::Drift { from, .. } if from == context.year);

    let mut reports = std::collections::BTreeMap::new();
    for &period in &context.periods {
        let mut report = IndicatorReport {
            annual_target: annual_target.clone(),
            council_target: council_target.clone(),
            ..IndicatorReport::default()
        };
        let year = context.year;
        let fraction = match period {
            Period::Tertial(1) => 1.0 / 3.0,
            Period::Tertial(_) => 2.0 / 3.0,
            _ => 1.0,
        };
        let jitter = 1.0
            + 0.08
                * noise(
                    context.seed,
                    &[
                        5,
                        context.council_index,
                        series,
                        u64::from(year),
                        period_code(period),
                    ],
                );
        let measured_now = match period {
            Period::Plan => false,
            Period::AnnualReport => true,
            _ => periodicity != Periodicity::Year,
        };
        report.period_label = match (period, periodicity) {
            (Period::Plan, periodicity) => periodicity.label().to_owned(),
            (Period::AnnualReport, _) => format!("VB {year}"),
            (Period::Tertial(n), Periodicity::Tertial) => format!("Tertial {n} {year}"),
            _ => year.to_string(),
        };
        if period != Period::Plan {
            report.prev_year_outcome = if new_this_year {
                Value::NewIndicator(Some(year))
            } else {
                number_value(previous, &magnitude)
            };
        }
        if measured_now {
            let amount = if magnitude.cumulative {
                level * fraction * jitter
            } else {
                level * jitter
            };
            report.outcome = number_value(amount, &magnitude);
            if stem.individual {
                let (men, women) = if magnitude.cumulative {
                    let men = (amount * (0.35 + 0.3 * dice.unit())).round();
                    (men, amount.round() - men)
                } else {
                    (
                        amount * (1.0 + 0.12 * (dice.unit() - 0.5)),
                        amount * (1.0 + 0.12 * (dice.unit() - 0.5)),
                    )
                };
                report.outcome_men = number_value(men, &magnitude);
                report.outcome_women = number_value(women, &magnitude);
            }
        }
        if matches!(period, Period::Tertial(_)) {
            report.forecast_full_year =
                number_value(level * (1.0 + 0.04 * (dice.unit() - 0.5)), &magnitude);
        }
        if period != Period::Plan && dice.chance(0.2) {
            report.analysis = dice.pick(words::INDICATOR_NOTES, "").to_owned();
        }
        reports.insert(period, report);
    }

    Indicator {
        id,
        origin,
        name: name.to_owned(),
        unit: magnitude.unit.map(str::to_owned),
        periodicity,
        direction: if stem.lower_is_better {
            Direction::LowerBetter
        } else {
            Direction::HigherBetter
        },
        tolerance: default_tolerance(),
        direction_confirmed: false,
        reports,
    }
}

fn date(year: u16, month: i8, day: i8) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, month, day).ok()
}

fn activity(
    context: &Context<'_>,
    dice: &mut Dice,
    id: NodeId,
    title: String,
    origin: Origin,
) -> Activity {
    let year = context.year;
    // The date peculiarities of DOMAIN.md §6, in rough proportion.
    let roll = dice.unit();
    let (start, end) = if roll < 0.70 {
        (date(year, 1, 1), date(year, 12, 31))
    } else if roll < 0.78 {
        (date(year.saturating_sub(3), 1, 1), date(year, 12, 31))
    } else if roll < 0.85 {
        (date(year, 1, 31), date(year + 1, 12, 31))
    } else if roll < 0.92 {
        (date(year, 1, 1), date(year, 6, 30))
    } else if roll < 0.96 {
        (date(year, 1, 1), date(year, 4, 30))
    } else {
        (date(year, 1, 1), date(year, 12, 20))
    };
    let mut reports = std::collections::BTreeMap::new();
    for &period in &context.periods {
        let report = match period {
            Period::Plan => continue,
            Period::AnnualReport => {
                let deviation = dice.chance(0.12);
                let roll = dice.unit();
                let completion = match (deviation, roll) {
                    (true, r) if r < 0.5 => Completion::NotDone,
                    (true, r) if r < 0.85 => Completion::Ongoing,
                    (false, r) if r < 0.88 => Completion::Done,
                    (false, _) => Completion::Ongoing,
                    (true, _) => Completion::Done,
                };
                let analysis = if deviation {
                    dice.pick(words::DEVIATION_NOTES, "").to_owned()
                } else if dice.chance(0.15) {
                    dice.pick(words::REPORT_SENTENCES, "")
                        .replace("{area}", "verksamheten")
                } else {
                    String::new()
                };
                ActivityReport {
                    deviation,
                    completion,
                    analysis,
                }
            }
            // In T1 the Avvikelse column is never filled; in T2 sometimes.
            Period::Tertial(n) => {
                let deviation = n >= 2 && dice.chance(0.08);
                ActivityReport {
                    deviation,
                    completion: if deviation {
                        Completion::Ongoing
                    } else {
                        Completion::Unknown
                    },
                    analysis: if deviation {
                        dice.pick(words::DEVIATION_NOTES, "").to_owned()
                    } else {
                        String::new()
                    },
                }
            }
            Period::Month(_) => continue,
        };
        reports.insert(period, report);
    }
    Activity {
        id,
        origin,
        title,
        start,
        end,
        reports,
    }
}

/// The document of one period, with its summary sentence.
fn document(
    context: &Context<'_>,
    dice: &mut Dice,
    period: Period,
    committee_goals: usize,
) -> SourceDocument {
    let (kind, code) = match period {
        Period::Plan => (DocKind::Plan, "vp".to_owned()),
        Period::Tertial(n) => (DocKind::Tertial(n), format!("t{n}")),
        _ => (DocKind::AnnualReport, "vb".to_owned()),
    };
    let summary = match kind {
        DocKind::Plan => {
            let costs = 600.0 + 1400.0 * dice.unit();
            let income = costs * (0.05 + 0.1 * dice.unit());
            let investments = 2.0 + 20.0 * dice.unit();
            format!(
                "Nämnden har tagit fram {committee_goals} nämndmål med tillhörande aktiviteter och indikatorer. Nettobudgeten för nämndens driftverksamhet om {} mnkr består av kostnader med {} mnkr och intäkter med {} mnkr. För investeringar har {} mnkr fördelats.",
                format_number(costs - income, 1),
                format_number(costs, 1),
                format_number(income, 1),
                format_number(investments, 1),
            )
        }
        _ => sentences(dice, words::FORECAST_SENTENCES, 2, 3, "verksamheten"),
    };
    SourceDocument {
        kind,
        source: format!("demo-{code}-{}-{}.txt", context.year, context.council.id),
        summary,
    }
}
