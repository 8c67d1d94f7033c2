//! The domain of goal follow-up (*målstyrning*): pure types and rules, no I/O.
//!
//! A council's year is a [`PlanYear`]: a tree of goals (*inriktningsmål* → *KF:s mål för
//! verksamhetsområdet* → *nämndmål*), each carrying indicators and activities, and for each
//! reporting [`Period`] the assessments, values and analysis texts of that period.

pub mod activity;
pub mod budget;
pub mod direction;
pub mod evaluate;
pub mod flags;
pub mod goal;
pub mod goal_summary;
pub mod ids;
pub mod indicator;
pub mod number;
pub mod period;
pub mod plan;
pub mod review_progress;
pub mod sdg;
pub mod target;
pub mod text;
pub mod value;

pub use activity::{Activity, ActivityReport, Completion};
pub use budget::{BudgetArea, BudgetLine, Economy, EconomyView, Money};
pub use goal::{Assessment, Goal, GoalLevel, GoalStatus};
pub use ids::{CouncilId, NodeId, Origin};
pub use indicator::{
    Direction, Indicator, IndicatorReport, IndicatorStatus, Periodicity, ReadCell, ReportField,
    TargetSource,
};
pub use number::{Quantity, format_number, parse_number, parse_quantity};
pub use period::{Period, PeriodParseError, YearPeriod};
pub use plan::{Council, CouncilPeriods, DocKind, PlanYear, SourceDocument, YearPeriods};
pub use target::{Target, Trend};
pub use value::Value;
