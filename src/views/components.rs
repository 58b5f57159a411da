//! Small building blocks shared by the pages.

use maud::{html, Markup};

use crate::domain::ledger::TransferStatus;
use crate::tr;

/// The labels of statuses and rules, defined with the other labels in
/// [`super::staff_labels`] (one home for every label) and offered here with the other
/// building blocks.
pub use super::staff_labels::{
    count_rule_label, round_status_label, standing_label, transfer_status_label,
};

/// An amount in the page's notation (`€ 1.234,56`, `€1,234.56`), never broken over two lines.
pub fn money(cents: i64) -> Markup {
    html! { span class="amount" { (crate::i18n::money(cents)) } }
}

pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

pub fn status(s: TransferStatus) -> Markup {
    let class = format!("status-{}", s.as_str());
    html! { span class=(class) { (transfer_status_label(s)) } }
}

/// The sentence every message ends with when it sends a resident to the municipality.
pub const CONTACT_GEMEENTE: &str = "Neem dan contact op met de gemeente.";

/// `text` with its "Neem dan contact op met de gemeente." (or the same sentence in the
/// visitor's language) replaced by the theme's sentence that says how (phone, e-mail), so
/// no page sends a resident away without the way there.
pub fn with_contact(text: &str) -> String {
    let generic = tr!("common-contact-sentence", who = tr!("common-municipality"));
    let found = [CONTACT_GEMEENTE, generic.as_str()]
        .into_iter()
        .find(|g| text.contains(g));
    match found {
        Some(g) => text.replace(g, &super::layout::contact_sentence()),
        None => text.to_string(),
    }
}

/// A text of the catalogue with markup in its placeholders (an amount that never wraps, a
/// name in bold, a link): the text is escaped, the markup is put in as it is. Use through
/// [`tr_html!`](crate::tr_html).
pub fn rich(key: &str, parts: &[(&str, &dyn maud::Render)]) -> Markup {
    let lang = crate::i18n::current();
    let names: Vec<&str> = parts.iter().map(|(name, _)| *name).collect();
    let cached = RICH_TEMPLATES.with(|templates| {
        templates.borrow()[lang_index(lang)]
            .get(key)
            .filter(|(known, _)| *known == names)
            .map(|(_, template)| template.clone())
    });
    let template = cached.unwrap_or_else(|| {
        let template = rich_template(key, &names);
        RICH_TEMPLATES.with(|templates| {
            templates.borrow_mut()[lang_index(lang)].insert(
                key.to_string(),
                (
                    names.iter().map(|n| n.to_string()).collect(),
                    template.clone(),
                ),
            );
        });
        template
    });
    let rendered: Vec<String> = parts
        .iter()
        .map(|(_, part)| part.render().into_string())
        .collect();
    maud::PreEscaped(fill_markers(&template, &rendered))
}

thread_local! {
    /// The escaped texts of [`rich`] with their markers, per language and key (with the
    /// placeholder names they were made for). They depend on nothing else, so a page does
    /// not look them up and escape them again on every request.
    static RICH_TEMPLATES: std::cell::RefCell<[RichTemplates; 2]> =
        std::cell::RefCell::new([RichTemplates::new(), RichTemplates::new()]);
}

type RichTemplates = std::collections::HashMap<String, (Vec<String>, String)>;

fn lang_index(lang: crate::i18n::Lang) -> usize {
    match lang {
        crate::i18n::Lang::Nl => 0,
        crate::i18n::Lang::En => 1,
    }
}

/// A marker of private-use characters for placeholder `i`, which neither the catalogue
/// nor escaping produces.
fn marker(i: usize) -> String {
    format!("\u{e000}{i}\u{e001}")
}

/// The text `key`, escaped, with the marker of each placeholder where its markup goes.
fn rich_template(key: &str, names: &[&str]) -> String {
    let args: Vec<(&str, crate::i18n::Arg)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, crate::i18n::IntoArg::into_arg(marker(i))))
        .collect();
    html! { (crate::i18n::t_args(key, &args)) }.into_string()
}

/// `template` with each marker replaced by the markup of its placeholder (in one pass).
fn fill_markers(template: &str, rendered: &[String]) -> String {
    let mut out =
        String::with_capacity(template.len() + rendered.iter().map(String::len).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find('\u{e000}') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '\u{e000}'.len_utf8()..];
        let part = after.find('\u{e001}').and_then(|end| {
            let i: usize = after[..end].parse().ok()?;
            Some((rendered.get(i)?, &after[end + '\u{e001}'.len_utf8()..]))
        });
        match part {
            Some((markup, tail)) => {
                out.push_str(markup);
                rest = tail;
            }
            // Not one of our markers: kept as it is.
            None => {
                out.push('\u{e000}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `tr_html!("key", name = value, ...)`: the text with markup (or text, escaped) in its
/// placeholders; see [`rich`].
#[macro_export]
macro_rules! tr_html {
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::views::components::rich(
            $key,
            &[$((stringify!($name), &$value as &dyn maud::Render)),+],
        )
    };
}

/// A list of problems at the top of a form, each linking to its field.
pub fn error_summary(errors: &[(String, String)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                h2 id="error-summary-title" { (tr!("common-error-summary-title")) }
                ul {
                    @for (field, message) in errors {
                        li { a href={ "#" (field) } { (with_contact(message)) } }
                    }
                }
            }
        }
    }
}

pub fn field_error(errors: &[(String, String)], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, m)| m.clone())
}

/// A form field: the label with its hint and error around a control. `control` gets the
/// `aria-describedby` value (only ids that exist: a dangling id is an ARIA error) and
/// whether the field is invalid.
pub fn field(
    errors: &[(String, String)],
    id: &str,
    label: &str,
    hint: Option<&str>,
    control: impl FnOnce(Option<String>, bool) -> Markup,
) -> Markup {
    let err = field_error(errors, id);
    let described: Vec<String> = [
        hint.map(|_| format!("{id}-hint")),
        err.as_ref().map(|_| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div class=[err.as_ref().map(|_| "has-error")] {
            label for=(id) {
                (label)
                @if let Some(h) = hint { span class="hint" id={ (id) "-hint" } { (h) } }
                @if let Some(e) = &err { span class="field-error" id={ (id) "-error" } { (tr!("common-error-prefix")) " " (with_contact(e)) } }
            }
            (control(described, err.is_some()))
        }
    }
}

/// A labelled text input that keeps what the user typed and shows its error.
pub fn text_input(
    errors: &[(String, String)],
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    kind: &str,
) -> Markup {
    field(errors, name, label, hint, |described, invalid| {
        html! {
            input type=(kind) id=(name) name=(name) value=(value) aria-describedby=[described]
                aria-invalid=[invalid.then_some("true")];
        }
    })
}

/// A labelled textarea that keeps what the user typed and shows its error (`id` is also
/// the key of its error).
pub fn textarea_input(
    errors: &[(String, String)],
    id: &str,
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
) -> Markup {
    field(errors, id, label, hint, |described, invalid| {
        html! {
            textarea id=(id) name=(name) aria-describedby=[described]
                aria-invalid=[invalid.then_some("true")] { (value) }
        }
    })
}

/// The (value, label) options of a select, one per row; none when the rows were not
/// loaded (a filter page shown with errors before its data).
pub fn options_from<T>(
    rows: Option<&[T]>,
    option: impl Fn(&T) -> (String, String),
) -> Vec<(String, String)> {
    rows.map(|rows| rows.iter().map(option).collect())
        .unwrap_or_default()
}

/// A labelled select that keeps the chosen option and shows its error. `options` are
/// (value, label); `empty` is an extra first option with the value "" ("Kies ...").
/// `id` is also the key of its error; `name` is what the form sends.
#[allow(clippy::too_many_arguments)]
pub fn select_input<V: AsRef<str>, L: AsRef<str>>(
    errors: &[(String, String)],
    id: &str,
    name: &str,
    label: &str,
    hint: Option<&str>,
    empty: Option<&str>,
    options: &[(V, L)],
    selected: &str,
) -> Markup {
    field(errors, id, label, hint, |described, invalid| {
        select_control(id, name, empty, options, selected, (described, invalid))
    })
}

/// The select itself (for a page that lays out its own label): the chosen option stays
/// selected after an error.
pub fn select_control<V: AsRef<str>, L: AsRef<str>>(
    id: &str,
    name: &str,
    empty: Option<&str>,
    options: &[(V, L)],
    selected: &str,
    attrs: (Option<String>, bool),
) -> Markup {
    let (described, invalid) = attrs;
    html! {
        select id=(id) name=(name) aria-describedby=[described] aria-invalid=[invalid.then_some("true")] {
            @if let Some(e) = empty { option value="" selected[selected.is_empty()] { (e) } }
            @for (value, text) in options {
                option value=(value.as_ref()) selected[value.as_ref() == selected] { (text.as_ref()) }
            }
        }
    }
}

/// A group of radio buttons with a legend, each with a short explanation; the chosen one
/// stays checked after an error. The error is on the `fieldset` (id = `name`).
pub fn radio_group(
    errors: &[(String, String)],
    name: &str,
    legend: &str,
    options: &[(&str, &str, &str)],
    selected: &str,
) -> Markup {
    choice_group(
        errors,
        name,
        legend,
        None,
        html! {
                @for (value, label, hint) in options {
                    @let id = format!("{name}-{value}");
                    div class="choice" {
                        input type="radio" id=(id) name=(name) value=(value) checked[*value == selected]
                            aria-describedby=[(!hint.is_empty()).then(|| format!("{id}-hint"))];
                        label for=(id) {
                            (label)
                            @if !hint.is_empty() { span class="hint" id={ (id) "-hint" } { (hint) } }
                        }
                    }
                }
        },
    )
}

/// The `fieldset` around a group of radio buttons or checkboxes: legend, hint, and the
/// group's error (id `<name>-error`, described by the fieldset) above the choices.
fn choice_group(
    errors: &[(String, String)],
    name: &str,
    legend: &str,
    hint: Option<&str>,
    choices: Markup,
) -> Markup {
    let err = field_error(errors, name);
    html! {
        fieldset id=(name) class=[err.as_ref().map(|_| "has-error")]
            aria-describedby=[err.as_ref().map(|_| format!("{name}-error"))] {
            legend { (legend) }
            @if let Some(h) = hint { span class="hint" { (h) } }
            @if let Some(e) = &err { span class="field-error" id={ (name) "-error" } { (tr!("common-error-prefix")) " " (with_contact(e)) } }
            (choices)
        }
    }
}

/// A group of checkboxes with a legend; `options` are (value, label). The ticked ones
/// stay ticked after an error; the error is on the `fieldset` (id = `name`).
pub fn checkbox_group(
    errors: &[(String, String)],
    name: &str,
    legend: &str,
    hint: &str,
    options: &[(String, String)],
    ticked: &[String],
) -> Markup {
    choice_group(
        errors,
        name,
        legend,
        Some(hint),
        html! {
                @for (value, label) in options {
                    @let id = format!("{name}-{value}");
                    div class="choice" {
                        input type="checkbox" id=(id) name=(name) value=(value)
                            checked[ticked.iter().any(|t| t == value)];
                        label for=(id) { (label) }
                    }
                }
        },
    )
}

/// A table that may be wider than a phone screen: it scrolls sideways inside its own box,
/// never the whole page. The box can get keyboard focus (so it can be scrolled with the
/// arrow keys) and is a named region, so a screen reader says what it is.
pub fn table_scroll(label: &str, table: Markup) -> Markup {
    html! {
        // Only shown on narrow screens (CSS); a screen reader moves through the cells anyway.
        p class="scroll-hint" aria-hidden="true" { (tr!("common-table-scroll-hint")) }
        div class="table-scroll" tabindex="0" role="region" aria-label=(label) {
            (table)
        }
    }
}

/// A column heading of a data table: `Num` for amounts and counts (right-aligned).
#[derive(Debug, Clone, Copy)]
pub enum Col<'a> {
    Text(&'a str),
    Num(&'a str),
}

/// The heading row of a data table, every heading a column header for screen readers.
pub fn table_head(cols: &[Col<'_>]) -> Markup {
    html! {
        thead { tr {
            @for col in cols {
                @match col {
                    Col::Text(h) => th scope="col" { (h) },
                    Col::Num(h) => th scope="col" class="num" { (h) },
                }
            }
        } }
    }
}

/// A date for a table cell: the date itself never breaks over two lines, so on a phone
/// it reads "23 november 2026," then "14:05" instead of four broken lines.
pub fn nl_date_cell(iso: &str) -> Markup {
    let text = nl_date(iso);
    html! {
        @if let Some((date, time)) = text.split_once(", ") {
            span class="nowrap" { (date) "," } " " span class="nowrap" { (time) }
        } @else {
            (text)
        }
    }
}

/// A UTC moment given as text, in Dutch local time ("2 december 2026, 02:45"), with the
/// month in the visitor's language.
pub fn nl_date(iso: &str) -> String {
    crate::i18n::datetime_text(iso)
}

/// A page's title, or "Fout: <title>" when the form on it was refused (the browser tab
/// and the screen reader hear it first).
pub fn error_title(title: &str, errors: &[(String, String)]) -> String {
    if errors.is_empty() {
        title.to_string()
    } else {
        tr!("common-error-title", title = title)
    }
}

/// The query string of a filter form (`fields`, trimmed as typed) on page `page` of its
/// list: the page links of every filtered list are made here.
pub fn query_for_page(fields: &[(&str, &str)], page: i64) -> String {
    let page = page.to_string();
    let pairs = fields
        .iter()
        .map(|(name, value)| (*name, value.trim()))
        .chain([("pagina", page.as_str())]);
    serde_urlencoded::to_string(pairs.collect::<Vec<_>>()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_their_markup_and_other_private_use_text_stays() {
        let parts = ["<b>1</b>".to_string(), "€\u{a0}5".to_string()];
        let template = format!("a {} b {} c {}", marker(1), marker(0), marker(1));
        assert_eq!(
            fill_markers(&template, &parts),
            "a €\u{a0}5 b <b>1</b> c €\u{a0}5"
        );
        assert_eq!(
            fill_markers("x \u{e000}7\u{e001} \u{e000}y", &parts),
            "x \u{e000}7\u{e001} \u{e000}y"
        );
    }

    #[test]
    fn a_rich_text_is_the_same_from_the_kept_template_and_follows_the_language() {
        let amount = money(123_456);
        let first = rich("common-contact-sentence", &[("who", &amount)]).into_string();
        let again = rich("common-contact-sentence", &[("who", &amount)]).into_string();
        assert_eq!(first, again);
        assert!(
            first.contains("<span class=\"amount\">€\u{a0}1.234,56</span>"),
            "{first}"
        );
        let en = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            rich("common-contact-sentence", &[("who", &amount)]).into_string()
        });
        assert_ne!(first, en);
    }

    #[test]
    fn page_links_keep_the_filter_trimmed_and_escaped() {
        assert_eq!(
            query_for_page(
                &[
                    ("soort", " round.closed "),
                    ("gebied", "'t Loo"),
                    ("van", "")
                ],
                3
            ),
            "soort=round.closed&gebied=%27t+Loo&van=&pagina=3"
        );
    }

    #[test]
    fn dates_are_written_the_dutch_way() {
        // Stored UTC, shown in Amsterdam time: winter +1, summer +2.
        assert_eq!(nl_date("2026-12-02T01:45:00Z"), "2 december 2026, 02:45");
        assert_eq!(nl_date("2026-07-01T01:45:00Z"), "1 juli 2026, 03:45");
    }

    #[test]
    fn markup_goes_into_a_text_and_the_text_is_escaped() {
        let m = crate::tr_html!("ballot-total", amount = money(123456)).into_string();
        assert_eq!(
            m,
            "Samen kosten deze plannen <span class=\"amount\">€\u{a0}1.234,56</span>."
        );
        let name = crate::tr_html!("ballot-back", area = "<b>").into_string();
        assert!(name.ends_with("&lt;b&gt;"), "{name}");
    }

    #[test]
    fn amounts_do_not_wrap() {
        let m = money(123456).into_string();
        assert!(m.contains("€\u{a0}1.234,56"), "{m}");
    }
}
