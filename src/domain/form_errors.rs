//! The problems of one form, by field, collected before the form is answered: every
//! field is checked and all problems are shown at once (in the summary at the top and
//! next to each field). A field keeps its first problem only, so each message appears
//! once. Pure: handlers fill it, views read it as `&[(field, message)]`.

use std::fmt::Display;
use std::ops::Deref;

/// `(field id, Dutch message)` pairs in the order of the form.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FormErrors(Vec<(String, String)>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// A problem on `field`; ignored when that field has one already.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.has(field) {
            self.0.push((field.to_string(), message.into()));
        }
    }

    /// A problem on `field` when `bad` holds.
    pub fn add_if(&mut self, bad: bool, field: &str, message: impl Into<String>) {
        if bad {
            self.add(field, message);
        }
    }

    /// The value of a parsed field, or its error's text as the field's problem.
    pub fn take<T, E: Display>(&mut self, field: &str, parsed: Result<T, E>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.to_string());
                None
            }
        }
    }

    /// Whether `field` has a problem.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }

    /// The problem of `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// `Ok(value)` when there is no problem, else the problems.
    pub fn or_value<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, FormErrors> {
        if self.0.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }

    pub fn into_vec(self) -> Vec<(String, String)> {
        self.0
    }
}

impl Deref for FormErrors {
    type Target = [(String, String)];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<F: AsRef<str>, M: Into<String>> FromIterator<(F, M)> for FormErrors {
    fn from_iter<I: IntoIterator<Item = (F, M)>>(iter: I) -> Self {
        let mut errors = FormErrors::new();
        errors.extend(iter);
        errors
    }
}

impl<F: AsRef<str>, M: Into<String>> Extend<(F, M)> for FormErrors {
    fn extend<I: IntoIterator<Item = (F, M)>>(&mut self, iter: I) {
        for (f, m) in iter {
            self.add(f.as_ref(), m);
        }
    }
}

impl From<Vec<(String, String)>> for FormErrors {
    fn from(v: Vec<(String, String)>) -> Self {
        v.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_once_in_form_order() {
        let mut e = FormErrors::new();
        e.add("email", "Vul een e-mailadres in.");
        e.add_if(false, "name", "nooit");
        e.add_if(true, "password", "Te kort.");
        e.add("email", "Tweede probleem van hetzelfde veld.");
        assert_eq!(e.len(), 2);
        assert_eq!(e.get("email"), Some("Vul een e-mailadres in."));
        assert_eq!(e[1].0, "password");
        assert!(!e.has("name"));
    }

    #[test]
    fn take_keeps_the_value_or_the_message() {
        let mut e = FormErrors::new();
        assert_eq!(e.take("year", "2027".parse::<i32>()), Some(2027));
        assert_eq!(e.take("count", "veel".parse::<i32>()), None);
        assert!(e.has("count"));
        assert_eq!(e.clone().or_value(|| Some(1)), Err(e));
        assert_eq!(FormErrors::new().or_value(|| Some(1)), Ok(1));
    }
}
