# Texts of the finance pages (budget, budget lines, pots, transfers, approval queue,
# corrections, import) and the finance handlers' own messages. Keep every key also in
# nl/finance.ftl.

## Shared on the finance pages

finance-code = Code
finance-description = Description
finance-funder = Funder
finance-budgeted = Budgeted
finance-balance = Balance
finance-total = Total
finance-year = Year
finance-taakveld = Taakveld (policy area)
finance-pending = Waiting for approval
finance-history = History
finance-why = Reason
finance-decision-ref = Council decision

## Budget

finance-budget = Budget
finance-budget-year = Budget { $year }
finance-choose-year = Choose a year
finance-show = Show
finance-no-lines = There are no budget lines yet. { $link }.
finance-no-lines-link = Import the budget
finance-totals = Total budgeted: { $budgeted }. Still on the budget lines: { $balance }.
finance-lines-caption = Budget lines per taakveld (policy area)
finance-taakveld-group = Taakveld { $code } { $name }

## History of an account

finance-history-none = No transfers yet.
finance-history-other = From / to
finance-history-in = In
finance-history-out = Out
finance-history-from = from { $name }
finance-history-to = to { $name }

## Budget line

finance-line-title = Budget line { $code } { $name }
finance-line-back = Back to budget { $year }
finance-line-available = Still available
finance-line-transfer = Transfer money to a pot
finance-line-history = All transfers from and to this budget line

## Pots

finance-pools-none = There are no areas yet. An administrator can create them.
finance-pools-caption = Balance per village or neighbourhood
finance-pools-area = Area
finance-pool-title = Pot { $name }
finance-pool-back = Back to all pots
finance-pool-reserved = Reserved for rounds
finance-pool-earmarked = Set aside
finance-pool-available = Available
finance-pool-history = All transfers from and to this pot

## Transfers, approval queue, one transfer

finance-transfers-none = There are no transfers.
finance-queue-title = Transfers waiting for approval
finance-queue-intro = A transfer from a budget line and every correction must be approved by a second staff member. You cannot approve your own transfers.
finance-transfer-title = Transfer { $seq }
finance-transfer-back = Back to all transfers
finance-transfer-corrects = Corrects
finance-transfer-original = the original transfer
finance-transfer-created-by = Entered by
finance-transfer-decided-by = Decided by
finance-transfer-reason = Explanation
finance-transfer-number = Number
finance-transfer-own = You entered this transfer yourself. A colleague must approve it.
finance-transfer-decide = Decide
finance-transfer-reason-hint = Required if you reject it.
finance-transfer-approve = Approve
finance-transfer-reject = Reject
finance-transfer-correct = Correct
finance-transfer-correct-intro = A transfer is never changed or deleted. Is something wrong? Make a correction: it books (part of) the amount back. A colleague must approve the correction.
finance-transfer-correct-amount = Amount to book back
finance-transfer-correct-amount-hint = For example 1,250.00 (a point before the cents)
finance-transfer-correct-submit = Request a correction
finance-transfer-corrections = Corrections
finance-transfer-corrections-caption = Corrections of this transfer

## New transfer

finance-new-intro = Book money from a budget line or a funder to the pot of a village or neighbourhood. Money from a budget line must be approved by a colleague.
finance-new-from-hint = With the amount that is still available.
finance-new-from-empty = Choose a budget line or funder
finance-new-lines = Budget lines
finance-new-funders = Funders
finance-new-line-option = { $year } { $code } { $name } (available { $available })
finance-new-to = To the pot of
finance-new-to-empty = Choose a village or neighbourhood
finance-new-amount = Amount in euros
finance-new-amount-hint = For example 12,000.00 (a point before the cents)
finance-new-memo-hint = For example: park maintenance 2025 under the citizens' budget
finance-new-decision-ref-hint = Number of the council decision. Required for money from a budget line.
finance-new-submit = Request the transfer
finance-new-from-missing = Choose where the money comes from.
finance-new-to-missing = Choose the pot the money goes to.

## Filter of the transfers list

finance-filter-kind-unknown = Choose a kind from the list.
finance-filter-status-unknown = Choose a status from the list.

## Approving: the confirmation page

finance-approve-title = Approve the transfer of { $amount }?
finance-approve-moves = { $amount } goes from { $from } to { $to }.
finance-approve-memo = Description: { $memo }
finance-approve-decision-ref = Council decision: { $decision }
finance-approve-final = The transfer is posted at once. After that, a mistake can only be put right with a correction.
finance-approve-confirm = Yes, transfer { $amount }

## Import

finance-import-added = { $count ->
    [one] 1 budget line added
   *[other] { $count } budget lines added
}
finance-import-unchanged = , { $count ->
    [one] 1 was there already and has not changed.
   *[other] { $count } were there already and have not changed.
}
finance-import-view = View the budget
finance-import-failed = The file was not imported
finance-import-fix = { $count ->
    [one] Nothing was saved. Correct this point in the file and import it again.
   *[other] Nothing was saved. Correct these { $count } points in the file and import it again.
}
finance-import-problems = Problems in the file
finance-import-line = Line
finance-import-column = Column
finance-import-value = Value
finance-import-wrong = What is wrong
finance-import-kinds = You can import three kinds of files:
finance-import-excel = an export from Excel with the columns { $columns } (amounts like 1.234,56),
finance-import-csv = a CSV file with the columns { $columns } (amounts like 1234.56),
finance-import-cbs = an Iv3 overview from CBS (Statistics Netherlands; amounts x €1,000).
finance-import-all-or-nothing = The whole file is imported, or nothing. Importing a file twice changes nothing.
finance-import-file = File
finance-import-municipality = Municipality
finance-import-municipality-hint = Only needed for a CBS file with several municipalities.
finance-import-submit = Import
finance-import-too-large = The file is larger than 10 MB. Is this really a budget?
finance-import-no-file = Choose a file to import.
