//! Counts for the summaries: goals by *bedömning*, indicators by effective status, activities
//! by completion and *Avvikelse*. Per goal (what hangs on it), per subtree (an inriktningsmål
//! or KF-mål with everything below it) and per council-period (the whole plan year).
//!
//! Excluded indicators (*undantas från rapportering*) are counted only in
//! [`IndicatorCounts::excluded`], never in the total (DOMAIN.md §5, §7).

use crate::domain::{
    Activity, Assessment, Completion, Goal, GoalLevel, Indicator, IndicatorStatus, Origin, Period,
    Periodicity, PlanYear,
};

use super::status::indicator_status;

/// Goals by *bedömning*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AssessmentCounts {
    pub fully_met: usize,
    pub partially_met: usize,
    pub not_met: usize,
    pub not_assessed: usize,
}

impl AssessmentCounts {
    pub fn add(&mut self, assessment: Assessment) {
        match assessment {
            Assessment::FullyMet => self.fully_met += 1,
            Assessment::PartiallyMet => self.partially_met += 1,
            Assessment::NotMet => self.not_met += 1,
            Assessment::NotAssessed => self.not_assessed += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.fully_met + self.partially_met + self.not_met + self.not_assessed
    }
}

/// Goals by *bedömning*, per level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GoalCounts {
    /// *Inriktningsmål*.
    pub direction: AssessmentCounts,
    /// *KF:s mål för verksamhetsområdet*.
    pub area: AssessmentCounts,
    /// *Nämndmål*.
    pub committee: AssessmentCounts,
}

impl GoalCounts {
    pub fn level(&self, level: GoalLevel) -> &AssessmentCounts {
        match level {
            GoalLevel::Direction => &self.direction,
            GoalLevel::Area => &self.area,
            GoalLevel::Committee => &self.committee,
        }
    }

    fn add(&mut self, goal: &Goal, period: Period) {
        let assessment = goal.status_in(period).assessment;
        match goal.level {
            GoalLevel::Direction => self.direction.add(assessment),
            GoalLevel::Area => self.area.add(assessment),
            GoalLevel::Committee => self.committee.add(assessment),
        }
    }
}

/// Indicators by effective status (stated, else suggested).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndicatorCounts {
    /// *Uppnås* (T: *prognostiseras att nås*).
    pub met: usize,
    /// *Uppnås delvis*.
    pub partly_met: usize,
    /// *Uppnås ej / nås inte*.
    pub not_met: usize,
    /// *Inget resultat att redovisa*, including not evaluable.
    pub no_result: usize,
    /// *Undantas från rapportering*: outside [`IndicatorCounts::total`].
    pub excluded: usize,
    /// Of `no_result`: annual (or half-year) indicators with no value yet in T1/T2 or a
    /// month. T1 prose counts these as "prognostiseras att nås" (DOMAIN.md §5); that is the
    /// authors' judgement, so they stay *inget resultat* here and are only counted apart.
    pub not_yet_measured: usize,
}

impl IndicatorCounts {
    /// Counts `indicators` in `period`.
    pub fn of<'a>(indicators: impl IntoIterator<Item = &'a Indicator>, period: Period) -> Self {
        let mut counts = IndicatorCounts::default();
        for indicator in indicators {
            counts.add_indicator(indicator, period);
        }
        counts
    }

    pub fn add_indicator(&mut self, indicator: &Indicator, period: Period) {
        let evaluation = indicator_status(indicator, period);
        if evaluation.excluded {
            self.excluded += 1;
            return;
        }
        self.add(evaluation.effective);
        if evaluation.effective == IndicatorStatus::NoResult
            && is_not_yet_measured(indicator, period)
        {
            self.not_yet_measured += 1;
        }
    }

    pub fn add(&mut self, status: IndicatorStatus) {
        match status {
            IndicatorStatus::Met => self.met += 1,
            IndicatorStatus::PartlyMet => self.partly_met += 1,
            IndicatorStatus::NotMet => self.not_met += 1,
            IndicatorStatus::NoResult => self.no_result += 1,
        }
    }

    /// Every counted indicator: N = A + B + C + D of the VB template.
    pub fn total(&self) -> usize {
        self.met + self.partly_met + self.not_met + self.no_result
    }

    fn merge(&mut self, other: &IndicatorCounts) {
        self.met += other.met;
        self.partly_met += other.partly_met;
        self.not_met += other.not_met;
        self.no_result += other.no_result;
        self.excluded += other.excluded;
        self.not_yet_measured += other.not_yet_measured;
    }
}

/// An indicator measured once a year (or half-year) that has no value in a tertial or
/// month: not missing, just not due.
fn is_not_yet_measured(indicator: &Indicator, period: Period) -> bool {
    let report = indicator.report_in(period);
    matches!(period, Period::Tertial(_) | Period::Month(_))
        && matches!(
            indicator.periodicity,
            Periodicity::Year | Periodicity::HalfYear
        )
        && report.outcome.number().is_none()
        && report.forecast_full_year.number().is_none()
}

/// Activities by completion, and how many carry *Avvikelse* (a separate mark, DOMAIN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityCounts {
    /// *Genomförd*.
    pub done: usize,
    /// *Har inte genomförts*.
    pub not_done: usize,
    /// Continues past the year.
    pub ongoing: usize,
    /// Completion not stated (every T1 activity).
    pub unknown: usize,
    /// Flagged *Avvikelse*, whatever their completion.
    pub deviation: usize,
}

impl ActivityCounts {
    pub fn of<'a>(activities: impl IntoIterator<Item = &'a Activity>, period: Period) -> Self {
        let mut counts = ActivityCounts::default();
        for activity in activities {
            counts.add_activity(activity, period);
        }
        counts
    }

    pub fn add_activity(&mut self, activity: &Activity, period: Period) {
        let report = activity.report_in(period);
        match report.completion {
            Completion::Done => self.done += 1,
            Completion::NotDone => self.not_done += 1,
            Completion::Ongoing => self.ongoing += 1,
            Completion::Unknown => self.unknown += 1,
        }
        if report.deviation {
            self.deviation += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.done + self.not_done + self.ongoing + self.unknown
    }

    fn merge(&mut self, other: &ActivityCounts) {
        self.done += other.done;
        self.not_done += other.not_done;
        self.ongoing += other.ongoing;
        self.unknown += other.unknown;
        self.deviation += other.deviation;
    }
}

/// The counts of one scope in one period. Indicators and activities are also kept split
/// by origin, since the T1 templates speak of *KF-indikatorer* and *KF-aktiviteterna*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// The goals counted: the direct children ([`Summary::of_goal`]) or every goal below
    /// ([`Summary::of_subtree`], [`Summary::of_plan`]).
    pub goals: GoalCounts,
    pub indicators: IndicatorCounts,
    pub kf_indicators: IndicatorCounts,
    pub activities: ActivityCounts,
    pub kf_activities: ActivityCounts,
}

impl Summary {
    /// One goal: its own indicators and activities, and its direct children by bedömning
    /// (for a KF-mål, its nämndmål: "Underliggande nämndmål bedöms uppnås").
    pub fn of_goal(goal: &Goal, period: Period) -> Summary {
        let mut summary = Summary::default();
        summary.add_own(goal, period);
        for child in &goal.children {
            summary.goals.add(child, period);
        }
        summary
    }

    /// A goal with its whole subtree: every indicator and activity below it, every goal
    /// below it by level (the goal itself not included).
    pub fn of_subtree(goal: &Goal, period: Period) -> Summary {
        let mut summary = Summary::default();
        summary.add_own(goal, period);
        for child in &goal.children {
            summary.add_tree(child, period);
        }
        summary
    }

    /// The whole plan year in one period: every goal, indicator and activity.
    pub fn of_plan(plan: &PlanYear, period: Period) -> Summary {
        let mut summary = Summary::default();
        for goal in &plan.goals {
            summary.add_tree(goal, period);
        }
        summary
    }

    fn add_tree(&mut self, goal: &Goal, period: Period) {
        self.goals.add(goal, period);
        self.add_own(goal, period);
        for child in &goal.children {
            self.add_tree(child, period);
        }
    }

    fn add_own(&mut self, goal: &Goal, period: Period) {
        for indicator in &goal.indicators {
            let counts = IndicatorCounts::of([indicator], period);
            self.indicators.merge(&counts);
            if indicator.origin == Origin::CityCouncil {
                self.kf_indicators.merge(&counts);
            }
        }
        for activity in &goal.activities {
            let counts = ActivityCounts::of([activity], period);
            self.activities.merge(&counts);
            if activity.origin == Origin::CityCouncil {
                self.kf_activities.merge(&counts);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluate::test_support::{activity, goal, stated, with_report};
    use crate::domain::{Council, IndicatorStatus as S};

    const VB: Period = Period::AnnualReport;

    /// IM 1 → KF 1.1 (two KF indicators, one excluded; a KF activity) → two nämndmål.
    fn tree() -> Goal {
        let mut first = goal(3, GoalLevel::Committee, VB, Assessment::FullyMet, "A");
        first.indicators = vec![stated(30, Origin::Committee, VB, S::NotMet)];
        first.activities = vec![activity(
            31,
            Origin::Committee,
            VB,
            Completion::Done,
            true,
            "",
        )];
        let second = goal(4, GoalLevel::Committee, VB, Assessment::PartiallyMet, "A");
        let mut area = goal(2, GoalLevel::Area, VB, Assessment::PartiallyMet, "A");
        area.indicators = vec![
            stated(20, Origin::CityCouncil, VB, S::Met),
            with_report(stated(21, Origin::CityCouncil, VB, S::Met), VB, |report| {
                report.excluded = true;
            }),
        ];
        area.activities = vec![activity(
            22,
            Origin::CityCouncil,
            VB,
            Completion::NotDone,
            false,
            "",
        )];
        area.children = vec![first, second];
        let mut direction = goal(1, GoalLevel::Direction, VB, Assessment::FullyMet, "A");
        direction.children = vec![area];
        direction
    }

    #[test]
    fn per_goal_counts_own_items_and_direct_children() {
        let direction = tree();
        let area = &direction.children[0];
        let summary = Summary::of_goal(area, VB);
        assert_eq!(
            summary.indicators.total(),
            1,
            "the excluded one is not counted"
        );
        assert_eq!(summary.indicators.excluded, 1);
        assert_eq!(summary.kf_indicators.met, 1);
        assert_eq!(summary.activities.not_done, 1);
        assert_eq!(summary.goals.committee.fully_met, 1);
        assert_eq!(summary.goals.committee.partially_met, 1);
        assert_eq!(summary.goals.area.total(), 0);
    }

    #[test]
    fn subtree_and_plan_count_everything_below() {
        let direction = tree();
        let subtree = Summary::of_subtree(&direction, VB);
        assert_eq!(subtree.indicators.total(), 2);
        assert_eq!(subtree.indicators.not_met, 1);
        assert_eq!(subtree.kf_indicators.total(), 1);
        assert_eq!(subtree.activities.total(), 2);
        assert_eq!(subtree.activities.deviation, 1);
        assert_eq!(subtree.kf_activities.total(), 1);
        assert_eq!(
            subtree.goals.direction.total(),
            0,
            "the goal itself is not counted"
        );
        assert_eq!(subtree.goals.area.partially_met, 1);
        assert_eq!(subtree.goals.level(GoalLevel::Committee).total(), 2);

        let plan = PlanYear {
            council: Council {
                id: "test".into(),
                name: "Test".into(),
            },
            year: 2020,
            documents: Vec::new(),
            goals: vec![direction],
            months: Vec::new(),
            economy: Default::default(),
        };
        let whole = Summary::of_plan(&plan, VB);
        assert_eq!(whole.goals.direction.fully_met, 1);
        assert_eq!(whole.indicators, subtree.indicators);
        assert_eq!(whole.activities, subtree.activities);
    }
}
