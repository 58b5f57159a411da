//! A message for a person (a refusal, a validation error) that is not yet text: a
//! catalogue key with its values. Domain and service code build a [`Msg`]; the text is
//! chosen when it is shown (`Display`, in `crate::i18n`), in the language of the request
//! that shows it, Dutch outside a request (command line, logs, tests). So the domain
//! stays free of languages and of I/O.
//!
//! Keys are written with [`msg_key!`](crate::msg_key) so the catalogue test finds them:
//! `Msg::new(msg_key!("error-round-title")).arg("max", 120)`.

/// A value for a placeholder of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MsgArg {
    /// A text as is (a name, a code, what the user typed).
    Text(String),
    /// A whole number; plural rules choose "1 probleem" / "3 problemen" by it.
    Int(i64),
    /// An amount in cents, written as the pages write amounts (`€ 1.234,56`).
    Money(i64),
    /// An amount in cents shown in whole euros when it has no cents (`€ 103.390.000`),
    /// for large overview amounts such as a CBS file's.
    MoneyWhole(i64),
    /// Another message, shown in the same language (a reason inside a sentence).
    Msg(Box<Msg>),
    /// A calendar day, written in the language ("14 maart 2026", "14 March 2026").
    Date(chrono::NaiveDate),
    /// Messages written one after the other, separated by ", ".
    List(Vec<Msg>),
}

/// A catalogue key with the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, MsgArg)>,
}

impl Msg {
    /// The message `key` (write the key with `msg_key!`).
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a value for the placeholder `$name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// A text shown as is in every language: a technical detail that is no sentence of
    /// ours (a library's error), or a text the caller already wrote in the visitor's
    /// language (a handler's own message).
    pub fn verbatim(text: impl Into<String>) -> Msg {
        Msg::new(crate::msg_key!("error-verbatim")).arg("text", text.into())
    }

    /// Adds a large amount in cents, shown in whole euros when it has no cents.
    pub fn money_whole(mut self, name: &'static str, cents: i64) -> Msg {
        self.args.push((name, MsgArg::MoneyWhole(cents)));
        self
    }

    /// Adds an amount in cents for the placeholder `$name`.
    pub fn money(mut self, name: &'static str, cents: i64) -> Msg {
        self.args.push((name, MsgArg::Money(cents)));
        self
    }
}

impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Text(s)
    }
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Text(s.to_string())
    }
}

impl From<&String> for MsgArg {
    fn from(s: &String) -> Self {
        MsgArg::Text(s.clone())
    }
}

impl From<chrono::NaiveDate> for MsgArg {
    fn from(d: chrono::NaiveDate) -> Self {
        MsgArg::Date(d)
    }
}

impl From<Vec<Msg>> for MsgArg {
    fn from(list: Vec<Msg>) -> Self {
        MsgArg::List(list)
    }
}

impl From<Msg> for MsgArg {
    fn from(m: Msg) -> Self {
        MsgArg::Msg(Box::new(m))
    }
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> Self {
                MsgArg::Int(i64::from(n))
            }
        }
    )*};
}
int_arg!(i32, i64, u32, u8, u16);

macro_rules! wide_int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> Self {
                MsgArg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
wide_int_arg!(u64, usize);

impl From<&Msg> for Msg {
    fn from(m: &Msg) -> Self {
        m.clone()
    }
}

/// `Display` and `Error` for an error type with a `msg(&self) -> Msg` method: its text
/// is the message in the current language.
#[macro_export]
macro_rules! msg_display {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.msg(), f)
            }
        }

        impl std::error::Error for $t {}

        impl From<$t> for $crate::domain::message::Msg {
            fn from(e: $t) -> Self {
                e.msg()
            }
        }

        impl From<&$t> for $crate::domain::message::Msg {
            fn from(e: &$t) -> Self {
                e.msg()
            }
        }
    };
}
