//! The visitor's language: Dutch by default, English when chosen (docs/accessibility.md).
//!
//! Every text a page shows comes from a Fluent catalogue in `locales/<lang>/<area>.ftl`,
//! built into the binary at compile time. A view asks for a text by its key with
//! [`t`] / [`t_args`] or the [`tr!`](crate::tr) macro; the language is the one of the
//! request being answered, set once per request by `web::language` (a task-local value),
//! so no view needs a language parameter. Outside a request (CLI, unit tests) it is Dutch.
//!
//! Work on a blocking thread (`web::block`, `run_db`) runs outside the request's task and
//! so sees Dutch: pages are rendered in the handler, never inside those closures.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;

use chrono::{NaiveDate, NaiveDateTime};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

use crate::domain::message::{Msg, MsgArg};
use crate::domain::nl_time;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // No Unicode isolation marks around inserted values: the pages are left-to-right
        // only, and the marks would end up inside attributes and e-mail addresses.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language a visitor can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code in `<html lang>`, the cookie and the address (`nl`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, for the link that switches to it ("English").
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// The language the header offers when this one is shown.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The language's place in per-language tables.
    fn index(self) -> usize {
        match self {
            Lang::Nl => 0,
            Lang::En => 1,
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Nl => fluent_templates::langid!("nl"),
            Lang::En => fluent_templates::langid!("en"),
        }
    }
}

/// What the pages of one request need to know about it.
#[derive(Debug, Clone, Default)]
pub struct RequestLang {
    pub lang: Lang,
    /// The path and query of the request, so the language link can return to it.
    pub path: String,
}

tokio::task_local! {
    static CURRENT: RequestLang;
}

/// Runs `f` (a request's handling) with `ctx` as its language.
pub async fn scope<F: Future>(ctx: RequestLang, f: F) -> F::Output {
    CURRENT.scope(ctx, f).await
}

/// Runs `f` with `lang` as the language (for work rendered outside a request task).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(
        RequestLang {
            lang,
            path: String::new(),
        },
        f,
    )
}

/// The language of the request being answered; Dutch outside a request.
pub fn current() -> Lang {
    CURRENT.try_with(|c| c.lang).unwrap_or_default()
}

/// The path and query of the request being answered ("/" outside a request).
pub fn current_path() -> String {
    CURRENT
        .try_with(|c| c.path.clone())
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "/".into())
}

/// The address of the header link that switches to `lang` and comes back to this page
/// (handled by `web::language`).
pub fn switch_href(lang: Lang) -> String {
    let back = serde_urlencoded::to_string([("terug", current_path())]).unwrap_or_default();
    format!("/taal/{}?{back}", lang.code())
}

/// A date in the visitor's language: "14 maart 2026" or "14 March 2026".
pub fn date(d: NaiveDate) -> String {
    match current() {
        Lang::Nl => nl_time::date_nl(d),
        Lang::En => nl_time::date_en(d),
    }
}

/// The local (Europe/Amsterdam) day of a UTC moment, as [`date`] writes it.
pub fn local_date(utc: NaiveDateTime) -> String {
    date(nl_time::to_local(utc).date())
}

/// A UTC moment in local time: "14 maart 2026, 14:05" or "14 March 2026, 14:05".
pub fn datetime(utc: NaiveDateTime) -> String {
    let local = nl_time::to_local(utc);
    format!("{}, {}", date(local.date()), nl_time::time_nl(local))
}

/// [`datetime`] for a moment given as text; text that is no moment is shown as is.
pub fn datetime_text(text: &str) -> String {
    nl_time::parse_utc(text).map_or_else(|| text.to_string(), datetime)
}

/// A value for a placeholder in a text: a number (plural rules choose "1 plan" /
/// "3 plannen" by it) or a text.
pub type Arg = FluentValue<'static>;

/// The text `key` in the current language.
pub fn t(key: &str) -> String {
    t_in(current(), key, &[])
}

/// The text `key` in the current language with its placeholders filled in.
pub fn t_args(key: &str, args: &[(&str, Arg)]) -> String {
    t_in(current(), key, args)
}

/// The text `key` in `lang`. A missing key (a test checks there is none) shows the key
/// itself, never a panic.
pub fn t_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let found = if args.is_empty() {
        plain_text(lang, key)
    } else {
        let map: HashMap<Cow<'static, str>, Arg> = args
            .iter()
            .map(|(name, value)| (Cow::Owned(name.to_string()), value.clone()))
            .collect();
        LOCALES.try_lookup_with_args(&lang.id(), key, &map)
    };
    found.unwrap_or_else(|| {
        tracing::warn!(key, "text missing from the catalogue");
        key.to_string()
    })
}

thread_local! {
    /// The texts without placeholders already looked up on this thread, per language
    /// (`Lang::index`). Such a text is the same on every call, and a page asks for dozens
    /// of them: a Fluent lookup each time was a visible part of a page's CPU. Only keys
    /// found in the catalogue are kept, so the maps stay as small as the catalogue; one per
    /// thread, so the worker threads never wait for each other.
    static PLAIN_TEXTS: RefCell<[HashMap<String, String>; 2]> =
        RefCell::new([HashMap::new(), HashMap::new()]);
}

/// The text `key` without placeholders in `lang`, from this thread's copy once looked up.
fn plain_text(lang: Lang, key: &str) -> Option<String> {
    let known = PLAIN_TEXTS.with(|texts| texts.borrow()[lang.index()].get(key).cloned());
    if known.is_some() {
        return known;
    }
    let found = LOCALES.try_lookup(&lang.id(), key)?;
    PLAIN_TEXTS.with(|texts| {
        texts.borrow_mut()[lang.index()].insert(key.to_string(), found.clone());
    });
    Some(found)
}

/// A text for a placeholder.
pub fn text(s: impl Into<String>) -> Arg {
    FluentValue::from(s.into())
}

/// `tr!("key")` or `tr!("key", name = value, ...)`: the text in the current language.
/// Values are numbers (`usize`, `i64`, ...) or texts (`&str`, `String`); see [`IntoArg`].
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::t($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::t_args(
            $key,
            &[$((stringify!($name), $crate::i18n::IntoArg::into_arg($value))),+],
        )
    };
}

/// Marks a literal as a catalogue key that is looked up later (an error's `key()`), so
/// the catalogue test finds it in the source.
#[macro_export]
macro_rules! msg_key {
    ($key:literal) => {
        $key
    };
}

/// What can fill a placeholder.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl IntoArg for $t {
            fn into_arg(self) -> Arg {
                FluentValue::from(self)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

impl IntoArg for &str {
    fn into_arg(self) -> Arg {
        text(self)
    }
}

impl IntoArg for String {
    fn into_arg(self) -> Arg {
        text(self)
    }
}

impl IntoArg for &String {
    fn into_arg(self) -> Arg {
        text(self.as_str())
    }
}

impl IntoArg for Cow<'_, str> {
    fn into_arg(self) -> Arg {
        text(self.into_owned())
    }
}

// ---------------------------------------------------------------------------------------
// Messages built by domain and service code (`domain::message::Msg`)
// ---------------------------------------------------------------------------------------

/// An amount as the page's language writes it: `€ 1.234,56` on a Dutch page, `€1,234.56`
/// on an English one. Views use this (or `views::components::money`) instead of
/// `domain::money::format_eur`; the CSV files, the export bundle and the API keep the
/// Dutch or plain notation of their format, whatever the visitor's language.
pub fn money(cents: i64) -> String {
    money_in(current(), cents)
}

/// [`money`] in `lang`.
pub fn money_in(lang: Lang, cents: i64) -> String {
    match lang {
        Lang::Nl => crate::domain::money::format_eur(cents),
        Lang::En => crate::domain::money::format_eur_en(cents),
    }
}

/// A large overview amount in whole euros when it has no cents (`€ 103.390.000`,
/// `€103,390,000`), as [`money`] otherwise.
pub fn money_whole(cents: i64) -> String {
    match current() {
        Lang::Nl => crate::domain::money::format_eur_whole(cents),
        Lang::En => crate::domain::money::format_eur_whole_en(cents),
    }
}

/// An amount without the euro sign, as the page's amount inputs read it back: the value
/// put in a field (`1.234,56` / `1,234.56`) and the example in a field's hint.
pub fn money_number(cents: i64) -> String {
    match current() {
        Lang::Nl => crate::domain::money::format_nl_number(cents),
        Lang::En => crate::domain::money::format_en_number(cents),
    }
}

/// An amount typed into a form of a page in the current language: the Dutch notation on
/// a Dutch page ([`parse_eur_nl`](crate::domain::money::parse_eur_nl)), the English one
/// (`1,234.56`, `1234.56`, `1234`) on an English page
/// ([`parse_eur_en`](crate::domain::money::parse_eur_en)). Call it in the handler, not
/// inside `run_db` (which sees Dutch).
pub fn parse_money(text: &str) -> Result<i64, crate::domain::money::MoneyError> {
    match current() {
        Lang::Nl => crate::domain::money::parse_eur_nl(text),
        Lang::En => crate::domain::money::parse_eur_en(text),
    }
}

fn msg_arg(value: &MsgArg, lang: Lang) -> Arg {
    match value {
        MsgArg::Text(s) => text(s.clone()),
        MsgArg::Int(n) => FluentValue::from(*n),
        MsgArg::Money(cents) => text(money_in(lang, *cents)),
        MsgArg::MoneyWhole(cents) => text(match lang {
            Lang::Nl => crate::domain::money::format_eur_whole(*cents),
            Lang::En => crate::domain::money::format_eur_whole_en(*cents),
        }),
        MsgArg::Msg(m) => text(m.text_in(lang)),
        MsgArg::List(list) => text(
            list.iter()
                .map(|m| m.text_in(lang))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        MsgArg::Date(d) => text(match lang {
            Lang::Nl => nl_time::date_nl(*d),
            Lang::En => nl_time::date_en(*d),
        }),
    }
}

impl Msg {
    /// The text in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, msg_arg(value, lang)))
            .collect();
        t_in(lang, self.key, &args)
    }

    /// Whether the text in the current language contains `part` (tests, logs).
    pub fn contains(&self, part: &str) -> bool {
        self.to_string().contains(part)
    }

    /// Whether the text in the current language is empty.
    pub fn is_empty(&self) -> bool {
        self.to_string().is_empty()
    }
}

/// The text in the language of the request being answered (Dutch outside a request).
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(current()))
    }
}

/// The text in the current language (a form's problem list holds texts: it is filled in
/// the handler, so in the visitor's language).
impl From<Msg> for String {
    fn from(m: Msg) -> String {
        m.to_string()
    }
}

/// A message equals a text when its text in the current language is that text.
impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.to_string().as_str() == *other
    }
}

impl PartialEq<str> for Msg {
    fn eq(&self, other: &str) -> bool {
        self.to_string().as_str() == other
    }
}

/// In JSON (the API's problem lists) a message is its text in the current language.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_is_the_default_and_english_is_chosen() {
        assert_eq!(current(), Lang::Nl);
        assert_eq!(t("layout-skip-link"), "Direct naar de inhoud");
        let en = with_lang(Lang::En, || t("layout-skip-link"));
        assert_eq!(en, "Skip to content");
    }

    #[test]
    fn plurals_follow_the_language() {
        let nl = |n: usize| tr!("common-plans", count = n);
        assert_eq!(nl(1), "1 plan");
        assert_eq!(nl(3), "3 plannen");
        let en = with_lang(Lang::En, || tr!("common-plans", count = 3usize));
        assert_eq!(en, "3 plans");
    }

    #[test]
    fn dates_follow_the_language_in_amsterdam_time() {
        let utc = nl_time::parse_utc("2026-03-14T13:05:00Z").unwrap_or_default();
        assert_eq!(datetime(utc), "14 maart 2026, 14:05");
        assert_eq!(
            with_lang(Lang::En, || datetime(utc)),
            "14 March 2026, 14:05"
        );
        let summer = nl_time::parse_utc("2026-07-01T22:30:00Z").unwrap_or_default();
        assert_eq!(with_lang(Lang::En, || local_date(summer)), "2 July 2026");
    }

    /// One message of every variant of every error type that domain and service code
    /// build (the catalogue test checks that each key exists; this one that each renders
    /// with its values filled in, in both languages).
    fn every_error_message() -> Vec<Msg> {
        use crate::domain::eligibility::Refusal;
        use crate::domain::ledger::{LedgerError, TransferKind};
        use crate::domain::ledger_import::ImportProblem;
        use crate::domain::money::{above_maximum, MoneyError, NumberStyle};
        use crate::domain::objection::ObjectionProblem;
        use crate::domain::photo::PhotoError;
        use crate::domain::plan_money::PlanMoneyError;
        use crate::domain::round::{BallotProblem, CalendarProblem, FrozenProblem};
        use crate::domain::taakveld::{self, TaakveldError};
        use crate::service::rounds::CastError;
        use crate::service::ServiceError;

        let day = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap_or_default();
        let mut all: Vec<Msg> = vec![above_maximum()];
        all.extend(
            [
                MoneyError::Empty,
                MoneyError::Invalid(NumberStyle::Dutch),
                MoneyError::Invalid(NumberStyle::Plain),
                MoneyError::TooManyDecimals(NumberStyle::Dutch),
                MoneyError::TooManyDecimals(NumberStyle::Plain),
                MoneyError::Invalid(NumberStyle::English),
                MoneyError::TooManyDecimals(NumberStyle::English),
                MoneyError::DotAsDecimal,
                MoneyError::Negative,
                MoneyError::TooLarge,
            ]
            .iter()
            .map(MoneyError::msg),
        );
        let kinds = [
            TransferKind::BudgetAllocation,
            TransferKind::BudgetToPool,
            TransferKind::FunderContribution,
            TransferKind::Correction,
            TransferKind::Commitment,
            TransferKind::Payment,
            TransferKind::Return,
        ];
        let mut ledger = vec![
            LedgerError::AmountNotPositive,
            LedgerError::AmountTooLarge,
            LedgerError::SourceNotAllowed,
            LedgerError::SameAccount,
            LedgerError::MemoMissing,
            LedgerError::DecisionRefMissing,
            LedgerError::InsufficientFunds {
                account: "Pot Wezep".into(),
                available_cents: 100,
                requested_cents: 200,
            },
            LedgerError::OwnTransfer,
            LedgerError::AlreadyDecided,
            LedgerError::NoApprovalNeeded,
            LedgerError::CorrectionOfUnposted,
            LedgerError::CorrectionOfCorrection,
            LedgerError::CorrectionTooLarge { remaining_cents: 5 },
            LedgerError::IdempotencyConflict,
            LedgerError::PaymentOnPlanForm,
            LedgerError::PaymentAboveCommitment {
                open_cents: 1,
                requested_cents: 2,
            },
        ];
        for k in kinds {
            ledger.push(LedgerError::KindDoesNotMatchSource(k));
            ledger.push(LedgerError::KindNotAllowed(k));
        }
        all.extend(ledger.iter().map(LedgerError::msg));
        all.extend(
            [
                PlanMoneyError::AmountNotPositive,
                PlanMoneyError::AmountTooLarge,
                PlanMoneyError::DateMissing,
                PlanMoneyError::DateInFuture,
                PlanMoneyError::ReferenceMissing,
                PlanMoneyError::NoteTooLong,
                PlanMoneyError::ProgressText,
                PlanMoneyError::PhotoAltMissing,
                PlanMoneyError::NotFunded,
                PlanMoneyError::AlreadyDone,
                PlanMoneyError::PaymentPending { pending_cents: 9 },
            ]
            .iter()
            .map(PlanMoneyError::msg),
        );
        all.extend(
            [
                ObjectionProblem::Reason,
                ObjectionProblem::DecisionReason,
                ObjectionProblem::NoVerdict,
                ObjectionProblem::WrongVerdict,
                ObjectionProblem::NotRejected,
                ObjectionProblem::BallotFrozen,
                ObjectionProblem::NotCounted,
                ObjectionProblem::WindowPassed(day),
                ObjectionProblem::NoWindow,
                ObjectionProblem::Days,
                ObjectionProblem::ReviewWaitsForSteeringGroup,
                ObjectionProblem::ReviewDecidedBySteeringGroup,
            ]
            .iter()
            .map(ObjectionProblem::msg),
        );
        all.extend(
            [
                PhotoError::TooLarge,
                PhotoError::WrongType,
                PhotoError::Unreadable,
            ]
            .iter()
            .map(PhotoError::msg),
        );
        all.extend(
            [
                CalendarProblem::PlansEndBeforeStart,
                CalendarProblem::ReviewBeforePlans,
                CalendarProblem::VotingBeforeReview,
                CalendarProblem::VotingEndBeforeStart,
                CalendarProblem::Weeks,
            ]
            .iter()
            .map(CalendarProblem::msg),
        );
        all.extend(
            [
                BallotProblem::Empty,
                BallotProblem::NotOnBallot,
                BallotProblem::TooMany { max: 2, chosen: 3 },
                BallotProblem::OverBudget {
                    total_cents: 3,
                    budget_cents: 2,
                },
            ]
            .iter()
            .map(BallotProblem::msg),
        );
        all.extend(
            [
                FrozenProblem::FingerprintMismatch,
                FrozenProblem::Unreadable("v 2".into()),
            ]
            .iter()
            .map(FrozenProblem::msg),
        );
        all.push(
            Refusal::RecentlyFunded {
                title: "Bankjes".into(),
                area: "Wezep".into(),
                months: 12,
                funded: day,
                from: day,
            }
            .msg(),
        );
        for (year, code) in [
            (2015, "0.1"),
            (2025, ""),
            (2025, "0,10"),
            (2025, "6.71a"),
            (2025, "9.9"),
            (2020, "9.9"),
            (2024, "9.9"),
        ] {
            if let Err(e) = taakveld::check(year, code) {
                all.push(e.msg());
            }
        }
        all.push(TaakveldError::YearNotSupported { year: 2000 }.msg());
        all.push(ImportProblem::new(3, "bedrag", MoneyError::Empty, "").msg());
        all.push(ImportProblem::new(3, "bedrag", MoneyError::Empty, "12.5").msg());
        for e in [
            CastError::AlreadyVoted,
            CastError::NotVoting,
            CastError::WrongCode,
        ] {
            all.push(Msg::verbatim(e.to_string()));
        }
        for e in [
            ServiceError::Import(vec![ImportProblem::file(1, MoneyError::Empty)]),
            ServiceError::NotFound(crate::msg_key!("error-missing-round")),
            ServiceError::not_your_area(),
        ] {
            all.push(Msg::verbatim(e.to_string()));
        }
        all
    }

    #[test]
    fn every_error_renders_in_both_languages() {
        for m in every_error_message() {
            let nl = m.text_in(Lang::Nl);
            let en = m.text_in(Lang::En);
            for text in [&nl, &en] {
                assert!(!text.is_empty() && text != m.key, "{m:?}: {text}");
                assert!(
                    !text.contains("{$") && !text.contains("{ $"),
                    "{m:?}: {text}"
                );
                assert!(!text.contains("error-"), "{m:?}: a key inside {text}");
            }
            if m.key != "error-verbatim" {
                assert_ne!(nl, en, "{m:?}: not translated");
            }
        }
    }

    #[test]
    fn a_message_is_dutch_outside_a_request_and_english_when_chosen() {
        use crate::domain::ledger::LedgerError;
        let e = LedgerError::InsufficientFunds {
            account: "Pot Wezep".into(),
            available_cents: 123_456,
            requested_cents: 200_000,
        };
        assert_eq!(
            e.to_string(),
            "Er staat niet genoeg geld op Pot Wezep. Beschikbaar: €\u{a0}1.234,56, gevraagd: €\u{a0}2.000,00."
        );
        assert_eq!(
            with_lang(Lang::En, || e.to_string()),
            "There is not enough money in Pot Wezep. Available: €1,234.56, requested: €2,000.00."
        );
        let plural = |n: usize| {
            let problems = (0..n)
                .map(|i| crate::domain::ledger_import::ImportProblem::file(i, Msg::verbatim("x")))
                .collect();
            crate::service::ServiceError::Import(problems)
        };
        assert_eq!(
            plural(1).to_string(),
            "Het bestand is niet ingelezen: 1 probleem gevonden."
        );
        assert_eq!(
            with_lang(Lang::En, || plural(3).to_string()),
            "The file was not read in: 3 problems found."
        );
        // A nested message and a date follow the language too.
        let day = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap_or_default();
        let late = crate::domain::objection::ObjectionProblem::WindowPassed(day);
        assert!(late.to_string().ends_with("tot en met 14 maart 2026."));
        assert!(with_lang(Lang::En, || late.to_string()).ends_with("including 14 March 2026."));
    }

    #[test]
    fn a_missing_key_shows_the_key() {
        assert_eq!(t_in(Lang::Nl, "no-such-key", &[]), "no-such-key");
    }
}
