//! The mail outbox: messages the product would send, kept until a mailer delivers them.

use diesel::prelude::*;

use crate::db::models::MailRow;
use crate::db::schema::mail_outbox;
use crate::db::DbConn;

pub fn queue(conn: &mut DbConn, row: &MailRow) -> QueryResult<()> {
    diesel::insert_into(mail_outbox::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Messages not sent yet, oldest first.
pub fn unsent(conn: &mut DbConn) -> QueryResult<Vec<MailRow>> {
    mail_outbox::table
        .filter(mail_outbox::sent_at.is_null())
        .order(mail_outbox::created_at.asc())
        .load(conn)
}
