## Texts added for English pages (issue 10): amounts, import notes, the audit page.

error-money-decimals-english = An amount has at most 2 digits after the point. Write it like this: 1,234.56

## The pot's held money (views/rounds.rs hold_reason): a round's reservation.
more-pool-hold-round = { $title } { $year }, quarter { $quarter }

## Notes after a ledger import of a CBS file (domain/ledger_import/cbs_iv3.rs).
more-import-note-source = Source: CBS (Iv3 open data). The amounts in the file are x €1,000; a budget line gets the amount of the costs (lasten).
more-import-note-other-municipalities = { $count ->
    [one] 1 line of another municipality was skipped ({ $names }).
   *[other] { $count } lines of other municipalities were skipped ({ $names }).
}
more-import-note-accounts = { $count ->
    [one] 1 line of the annual accounts was skipped: it holds money spent, not a budget.
   *[other] { $count } lines of the annual accounts were skipped: they hold money spent, not a budget.
}
more-import-note-accounts-of-year = { $count ->
    [one] 1 line of the annual accounts of { $year } was skipped: it holds money spent, not a budget.
   *[other] { $count } lines of the annual accounts of { $year } were skipped: they hold money spent, not a budget.
}
more-import-note-costs-zero = costs €0
more-import-note-costs-not-counted = note: costs { $amount }, which were not counted
more-import-note-parent-skipped = { $year }: taakveld { $taakveld } was skipped, because its parts ({ $parts }) are in the file too ({ $costs }).
more-import-note-negative = { $year }: taakveld { $taakveld } was skipped, because its costs are negative ({ $amount }). A budget line must be more than 0 euros.
more-import-note-zero = { $year }: { $count ->
    [one] 1 taakveld with costs €0 was skipped
   *[other] { $count } taakvelden with costs €0 were skipped
} ({ $codes }).

## Why no audit bundle is made (audit_export.rs; the command line and the council's page).
more-export-from-after-to = the start date is after the end date
more-export-dir-not-empty = the folder { $dir } already exists and is not empty; choose a new folder
more-export-signing-stopped = signing has stopped ({ $reason }); no bundle is made
more-export-log-empty = the log is still empty
more-export-checkpoint-other-key = the latest checkpoint was not signed with this key
more-export-checkpoint-count = the checkpoint does not count the events read; no bundle is made
more-export-not-utf8 = the log holds text that is not UTF-8
more-export-log-wrong = the log is not correct ({ $reason }); no bundle is made
more-export-previous-other-key = the checkpoint of the earlier bundle was not signed with this key
more-export-previous-mismatch = the earlier bundle does not match this log (the history differs)
