use maud::{html, Markup};

use super::layout::{page, Nav};
use crate::tr;

pub fn error_page(title: &str, text: &str) -> Markup {
    page(
        title,
        &Nav {
            user: None,
            current: "",
        },
        html! {
            h1 { (title) }
            p { (text) }
            p { a href="/" { (tr!("error-to-home")) } }
        },
    )
}
