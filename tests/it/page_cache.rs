//! The kept copy of a counted or closed round's public page (`web::page_cache`): visitors get
//! the same page as a fresh render, a write by anyone (here: straight into the database, as a
//! second server process would) is on the next page at once, and staff never get the
//! visitors' copy. The same for the home page of a visitor who is not signed in.

use burgerbegroting::db::schema::{areas, rounds};
use burgerbegroting::db::tx;
use burgerbegroting::domain::role::Role;
use diesel::prelude::*;

use crate::helpers::*;

/// A demo round in the given status (the demo has one of each).
fn round_in(app: &TestApp, status: &str) -> (String, String) {
    let mut c = app.conn();
    rounds::table
        .inner_join(areas::table)
        .filter(rounds::status.eq(status))
        .select((rounds::id, areas::id))
        .first(&mut *c)
        .expect("a demo round in this status")
}

fn rename_area(app: &TestApp, area: &str, name: &str) {
    let mut c = app.conn();
    tx::write(&mut c, |c| {
        diesel::update(areas::table.find(area))
            .set(areas::name.eq(name))
            .execute(c)
            .map(|_| ())
    })
    .expect("rename");
}

#[actix_web::test]
async fn a_closed_rounds_page_is_kept_until_something_is_written() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = demo_app(db).await;
        for status in ["closed", "counted"] {
            let (round, area) = round_in(&app, status);
            let page = format!("/rondes/{round}");
            let anon = app.client();
            let (code, first) = app.get(&anon, &page).await;
            assert_eq!(code, 200, "{backend} {status}");
            let (code, again) = app.get(&anon, &page).await;
            assert_eq!(
                (code, &again),
                (200, &first),
                "{backend} {status}: same page twice"
            );

            // Written behind this server's back: the next page shows it.
            let name = format!("Nieuwe naam {status}");
            assert!(!first.contains(&name));
            rename_area(&app, &area, &name);
            let (code, renamed) = app.get(&anon, &page).await;
            assert_eq!(code, 200);
            assert!(
                renamed.contains(&name),
                "{backend} {status}: the write is shown"
            );
            let (_, kept) = app.get(&anon, &page).await;
            assert_eq!(kept, renamed, "{backend} {status}");

            // A visitor's notice is rendered, not taken from the copy.
            let (_, noticed) = app.get(&anon, &format!("{page}?gedaan=ronde")).await;
            assert_ne!(noticed, renamed, "{backend} {status}: notice shown");

            // Staff get their own page (their menu), never the visitors' copy.
            let email = format!("beheer-{status}@example.nl");
            app.add_user(&email, Role::Admin);
            let staff = app.login(&email).await;
            let (code, theirs) = app.get(&staff, &page).await;
            assert_eq!(code, 200);
            assert_ne!(theirs, renamed, "{backend} {status}: staff page");
            assert!(theirs.contains(&name));
        }
        // An unknown round is still a 404, and a round in voting is rendered every time.
        let anon = app.client();
        let (code, _) = app.get(&anon, "/rondes/bestaat-niet").await;
        assert_eq!(code, 404, "{backend}");
        let (voting, area) = round_in(&app, "voting");
        let page = format!("/rondes/{voting}");
        let (_, before) = app.get(&anon, &page).await;
        rename_area(&app, &area, "Stemdorp");
        let (_, after) = app.get(&anon, &page).await;
        assert!(
            !before.contains("Stemdorp") && after.contains("Stemdorp"),
            "{backend}"
        );
    }
}

#[actix_web::test]
async fn the_home_page_for_visitors_is_kept_until_something_is_written() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = demo_app(db).await;
        let (_, area) = round_in(&app, "voting");
        let anon = app.client();
        let (code, first) = app.get(&anon, "/").await;
        assert_eq!(code, 200, "{backend}");
        let (code, again) = app.get(&anon, "/").await;
        assert_eq!((code, &again), (200, &first), "{backend}: same page twice");

        // Written behind this server's back: the next page shows it.
        assert!(!first.contains("Thuisdorp"));
        rename_area(&app, &area, "Thuisdorp");
        let (_, renamed) = app.get(&anon, "/").await;
        assert!(
            renamed.contains("Thuisdorp"),
            "{backend}: the write is shown"
        );

        // Staff get their own start page, never the visitors' copy.
        app.add_user("beheer-start@example.nl", Role::Admin);
        let staff = app.login("beheer-start@example.nl").await;
        let (code, theirs) = app.get(&staff, "/").await;
        assert_eq!(code, 200);
        assert_ne!(theirs, renamed, "{backend}: staff page");
        assert!(theirs.contains("Thuisdorp"), "{backend}");
    }
}
