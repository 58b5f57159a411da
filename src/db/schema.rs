// Hand-checked against both migration trees; portable types only.

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        totp_secret -> Nullable<Text>,
        totp_enabled -> Bool,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    user_roles (id) {
        id -> Text,
        user_id -> Text,
        role -> Text,
        area_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        revoked -> Bool,
    }
}

diesel::table! {
    areas (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        kind -> Text,
        created_at -> Timestamp,
        description -> Text,
        max_initiative_cents -> Nullable<BigInt>,
    }
}

diesel::table! {
    funders (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    budget_lines (id) {
        id -> Text,
        fiscal_year -> Integer,
        code -> Text,
        name -> Text,
        taakveld -> Text,
        funder_id -> Text,
        amount_cents -> BigInt,
        import_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        budget_line_id -> Nullable<Text>,
        area_id -> Nullable<Text>,
        funder_id -> Nullable<Text>,
        created_at -> Timestamp,
        initiative_id -> Nullable<Text>,
    }
}

diesel::table! {
    ledger_imports (id) {
        id -> Text,
        content_sha256 -> Text,
        file_name -> Text,
        format -> Text,
        lines_added -> Integer,
        lines_unchanged -> Integer,
        imported_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    transfers (id) {
        id -> Text,
        seq -> BigInt,
        kind -> Text,
        debit_account -> Text,
        credit_account -> Text,
        amount_cents -> BigInt,
        memo -> Text,
        decision_ref -> Nullable<Text>,
        correction_of -> Nullable<Text>,
        needs_approval -> Bool,
        content_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    transfer_decisions (transfer_id) {
        transfer_id -> Text,
        approved -> Bool,
        reason -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        payload -> Text,
        leaf_hash -> Text,
    }
}

diesel::table! {
    audit_checkpoints (tree_size) {
        tree_size -> BigInt,
        root_hex -> Text,
        origin -> Text,
        key_id -> Text,
        note -> Text,
        signed_at -> Timestamp,
    }
}

diesel::table! {
    audit_signer (id) {
        id -> Integer,
        stopped_at -> Nullable<Timestamp>,
        stop_reason -> Nullable<Text>,
        resumed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    write_lock (id) {
        id -> Integer,
        generation -> BigInt,
        content_generation -> BigInt,
    }
}

diesel::table! {
    login_tickets (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    scheduled_jobs (job) {
        job -> Text,
        period_start -> Timestamp,
        ran_at -> Timestamp,
        ran_by -> Text,
        runs -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    login_tickets,
    mail_outbox,
    users,
    user_roles,
    sessions,
    areas,
    funders,
    budget_lines,
    accounts,
    ledger_imports,
    transfers,
    transfer_decisions,
    audit_events,
    audit_checkpoints,
    audit_signer,
    write_lock,
    code_batches,
    voting_codes,
    voter_sessions,
    throttle_buckets,
    rounds,
    initiatives,
    code_participation,
    ballots,
    ballot_choices,
    round_ballot_counts,
    payments,
    progress_posts,
);

diesel::joinable!(transfer_decisions -> transfers (transfer_id));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(sessions -> users (user_id));

diesel::table! {
    code_batches (id) {
        id -> Text,
        area_id -> Text,
        year -> Integer,
        count -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    voting_codes (handle) {
        handle -> Text,
        batch_id -> Text,
        area_id -> Text,
        year -> Integer,
        secret_hash -> Text,
        status -> Text,
        replaced_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    voter_sessions (token_hash) {
        token_hash -> Text,
        handle -> Text,
        area_id -> Text,
        year -> Integer,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    throttle_buckets (key) {
        key -> Text,
        window_start -> Timestamp,
        attempts -> Integer,
        blocked_until -> Nullable<Timestamp>,
    }
}

diesel::joinable!(code_batches -> areas (area_id));
diesel::joinable!(voting_codes -> code_batches (batch_id));

diesel::table! {
    rounds (id) {
        id -> Text,
        area_id -> Text,
        year -> Integer,
        quarter -> Integer,
        title -> Text,
        status -> Text,
        ballot_rule -> Text,
        max_choices -> Nullable<Integer>,
        count_rule -> Text,
        budget_cents -> BigInt,
        fingerprint -> Nullable<Text>,
        frozen_rules -> Nullable<Text>,
        result_json -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        voting_opened_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        plans_from -> Nullable<Date>,
        plans_until -> Nullable<Date>,
        review_until -> Nullable<Date>,
        voting_from -> Nullable<Date>,
        voting_until -> Nullable<Date>,
        review_started_at -> Nullable<Timestamp>,
        counted_at -> Nullable<Timestamp>,
        annulled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    pool_holds (id) {
        id -> Text,
        area_id -> Text,
        kind -> Text,
        round_id -> Nullable<Text>,
        amount_cents -> BigInt,
        reason -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    pool_hold_releases (hold_id) {
        hold_id -> Text,
        reason -> Text,
        released_by -> Text,
        released_at -> Timestamp,
    }
}

diesel::joinable!(pool_hold_releases -> pool_holds (hold_id));
diesel::allow_tables_to_appear_in_same_query!(pool_holds, pool_hold_releases);

diesel::table! {
    initiatives (id) {
        id -> Text,
        round_id -> Text,
        number -> Integer,
        title -> Text,
        summary -> Text,
        amount_cents -> BigInt,
        taakveld -> Text,
        status -> Text,
        review_reason -> Nullable<Text>,
        submitted_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    code_participation (handle, round_id) {
        handle -> Text,
        round_id -> Text,
    }
}

diesel::table! {
    ballots (id) {
        id -> Text,
        round_id -> Text,
        tracker -> Text,
        channel -> Text,
        assisted -> Bool,
        entered_by -> Nullable<Text>,
    }
}

diesel::table! {
    round_ballot_counts (round_id) {
        round_id -> Text,
        ballots -> BigInt,
    }
}

diesel::table! {
    ballot_choices (ballot_id, initiative_id) {
        ballot_id -> Text,
        initiative_id -> Text,
    }
}

diesel::joinable!(rounds -> areas (area_id));
diesel::joinable!(initiatives -> rounds (round_id));
diesel::joinable!(ballots -> rounds (round_id));
diesel::joinable!(ballot_choices -> ballots (ballot_id));
diesel::joinable!(code_participation -> voting_codes (handle));

// The money after the vote (migration 000020): payment details beside their transfer,
// and the public progress posts of funded plans.
diesel::table! {
    payments (transfer_id) {
        transfer_id -> Text,
        initiative_id -> Text,
        paid_on -> Text,
        reference -> Text,
        note -> Text,
    }
}

diesel::table! {
    progress_posts (id) {
        id -> Text,
        initiative_id -> Text,
        stage -> Text,
        body -> Text,
        photo -> Nullable<Binary>,
        photo_type -> Nullable<Text>,
        photo_alt -> Nullable<Text>,
        return_transfer_id -> Nullable<Text>,
        posted_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(payments -> transfers (transfer_id));
diesel::joinable!(payments -> initiatives (initiative_id));
diesel::joinable!(progress_posts -> initiatives (initiative_id));

diesel::table! {
    review_criteria (area_id, position) {
        area_id -> Text,
        position -> Integer,
        label -> Text,
    }
}

diesel::table! {
    area_eligibility (area_id) {
        area_id -> Text,
        funded_wait_months -> Integer,
    }
}

diesel::table! {
    plan_verdicts (initiative_id, position) {
        initiative_id -> Text,
        position -> Integer,
        criterion -> Text,
        verdict -> Text,
        note -> Text,
    }
}

diesel::table! {
    plan_cost_lines (initiative_id, position) {
        initiative_id -> Text,
        position -> Integer,
        description -> Text,
        amount_cents -> BigInt,
    }
}

diesel::table! {
    plan_amount_corrections (id) {
        id -> Text,
        initiative_id -> Text,
        old_cents -> BigInt,
        new_cents -> BigInt,
        explanation -> Text,
        corrected_by -> Text,
        corrected_at -> Timestamp,
    }
}
// Objections to the steering group (migration 000015).
diesel::table! {
    objection_settings (area_id) {
        area_id -> Text,
        days -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    objections (id) {
        id -> Text,
        round_id -> Text,
        kind -> Text,
        initiative_id -> Nullable<Text>,
        reason -> Text,
        filed_by -> Text,
        voter_handle -> Nullable<Text>,
        filed_at -> Timestamp,
    }
}

diesel::table! {
    objection_decisions (objection_id) {
        objection_id -> Text,
        verdict -> Text,
        reason -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::joinable!(objection_decisions -> objections (objection_id));
diesel::joinable!(objections -> rounds (round_id));
diesel::allow_tables_to_appear_in_same_query!(objections, objection_decisions, rounds);
