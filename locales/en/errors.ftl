# Messages built by domain and service code (refusals, validation): `domain::message::Msg`.
# Shown in the language of the page that shows them.

## Generic
error-no-permission = You are not allowed to do this.
error-not-your-area = You may only manage the areas you are the area coordinator of.
error-import-refused = The file was not read in: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    } found.

## Money
error-amount-above-maximum = This amount is too large. An amount is at most { $max }.
error-money-empty = No amount was filled in.
error-money-invalid = This is not a valid amount. Write it like this: { $example }
error-money-decimals-comma = An amount has at most 2 digits after the comma. Write it like this: 1.234,56
error-money-decimals-point = An amount has at most 2 digits after the point. Write it like this: 1234.56
error-money-dot-as-decimal = A dot only goes between thousands, as in 1.000. Put cents after a comma. Write it like this: 1.234,56
error-money-negative = An amount may not be negative here.
error-money-too-large = This amount is too large.

## Ledger (transfers)
error-amount-not-positive = Fill in an amount greater than €0.
error-ledger-source-not-allowed = Choose a budget line or a funder as the source.
error-ledger-kind-from-source = The kind of transfer follows from the source. This source goes with: { $kind ->
        [budget_allocation] Budget adopted
        [budget_to_pool] Budget line to pot
        [funder_contribution] Funder's contribution
        [commitment] Awarded to a plan (round result)
        [payment] Payment for a plan
        [return] Back to the pot (plan finished)
       *[other] Correction
    }.
error-ledger-same-account = From and to are the same account. Choose two different accounts.
error-ledger-memo-missing = Write briefly why you are transferring this money.
error-ledger-decision-missing = Fill in the number of the council decision. It is needed when money leaves a budget line.
error-ledger-kind-not-allowed = This transfer is not possible: { $kind ->
        [budget_to_pool] choose a budget line as the source and a pot as the destination
        [funder_contribution] choose a funder as the source and a pot as the destination
        [budget_allocation] the budget only puts the municipality's money on a budget line
        [commitment] only a round's result moves money from a pot to a plan
        [payment] a payment goes from a plan to what has been paid out for that plan
        [return] only a finished plan gives money back to the pot
       *[other] a correction follows the transfer it corrects
    }.
error-ledger-insufficient-funds = There is not enough money in { $account }. Available: { $available }, requested: { $requested }.
error-ledger-own-transfer = You cannot approve your own transfer. A colleague has to do that.
error-ledger-already-decided = This transfer has already been decided on.
error-ledger-no-approval-needed = This transfer does not need approval.
error-ledger-correction-of-unposted = Only a posted transfer can be corrected.
error-ledger-correction-of-correction = A correction cannot itself be corrected. Make a new transfer.
error-ledger-correction-too-large = The correction is larger than what is left to correct ({ $remaining }).
error-idempotency-conflict = This request was sent before with different details. Open the form again.
error-ledger-payment-on-plan-form = You book a payment on the plan itself (Finance, Payments to plans): there you also fill in the date and the invoice number.
error-ledger-payment-above-commitment = You are paying more than is still set aside for this plan. Still to be paid: { $open }, requested: { $requested }.

## Payments and progress of a funded plan
error-payment-date-missing = Fill in the date of the payment, for example 2026-11-30.
error-payment-date-in-future = The date of the payment is in the future. Record a payment once it has been made.
error-payment-reference-missing = Fill in the number of the invoice or the order (at most { $max } characters).
error-payment-note-too-long = The note is too long (at most { $max } characters).
error-progress-text = Write briefly what has happened (1 to { $max } characters).
error-progress-photo-alt = Describe in a few words what the photo shows (at most { $max } characters). People who cannot see the photo hear this text.
error-plan-not-funded = This plan did not get any money. Payments and progress are only kept for a plan that got money.
error-plan-already-done = This plan is finished. No more payments or progress can be added.
error-plan-payment-pending = A payment of { $pending } is still waiting for approval. Ask a Finance colleague to approve or reject it first; then mark the plan as finished.

## Objections
error-objection-reason = Write down why you object (at most { $max } characters).
error-objection-decision-reason = Write down the reason for the decision (at most { $max } characters). Everyone can read this reason.
error-objection-no-verdict = Choose a decision.
error-objection-wrong-verdict = This decision does not fit this kind of objection. Choose one of the decisions shown.
error-objection-not-rejected = You can only object to a rejected plan.
error-objection-ballot-frozen = Voting has already started. It is no longer possible to object to the rejection.
error-objection-not-counted = You can only object to the result once the votes have been counted and before the money has been committed.
error-objection-window-passed = The period for objections is over. Objections could be made up to and including { $last }.
error-objection-no-window = Objections cannot be made in this area (the objection period is 0 days).
error-objection-days = Fill in a number of days from 0 up to and including { $max }.
error-objection-review-waits = An objection to the rejection of this plan is with the steering group. The steering group decides; so the review can no longer change.
error-objection-review-decided = The steering group has decided on the objection to the rejection of this plan. That decision is final; the review can no longer change.

## Photos
error-photo-too-large = The photo is larger than 5 MB. Choose a smaller photo or make it smaller.
error-photo-wrong-type = This file is not a JPEG or PNG photo. Choose a photo whose name ends in .jpg, .jpeg or .png.
error-photo-unreadable = We cannot open this photo. Choose another JPEG or PNG photo.

## Rounds: calendar, ballot, frozen rules, who may hand in
error-calendar-plans-end = Handing in plans must end on or after the first day.
error-calendar-review-before-plans = The review cannot end before handing in plans has ended.
error-calendar-voting-before-review = Voting can only start when the review is finished.
error-calendar-voting-end = Voting must end on or after the first voting day.
error-calendar-weeks = Choose 1 to 26 weeks.
error-ballot-empty = Choose at least one plan.
error-ballot-not-on-ballot = You chose a plan that is not on the ballot. Choose again.
error-ballot-too-many = You may choose at most { $max } plans. You chose { $chosen }.
error-ballot-over-budget = Your choice costs { $total } in total, but there is { $budget } to share out. Remove one or more plans.
error-frozen-fingerprint = The recorded rules of this round do not match their fingerprint. Nothing was counted. Report this to the administrator: the rules were changed after voting opened.
error-frozen-unreadable = The recorded rules of this round cannot be read ({ $detail }). Nothing was counted.
error-eligibility-recently-funded = Your plan "{ $title }" got money on { $funded }. In { $area } you then wait { $months } months before you hand in a new plan. You can hand in a plan again from { $from }.

## Taakvelden
error-taakveld-year = There is no list of taakvelden (task fields) for the year { $year }. Taakvelden exist from { $first }.
error-taakveld-empty = Fill in a taakveld, such as 5.7.
error-taakveld-unknown = Taakveld { $code } is not in { $list ->
        [until2022] the list for 2017 up to and including 2022
        [years2023to2024] the list for 2023 and 2024
       *[from2025] the list for 2025 and later
    } (year { $year }).
error-taakveld-unknown-comma = Taakveld { $code } is not in { $list ->
        [until2022] the list for 2017 up to and including 2022
        [years2023to2024] the list for 2023 and 2024
       *[from2025] the list for 2025 and later
    } (year { $year }). Write a taakveld with a point, such as 0.10.
error-taakveld-unknown-elsewhere = Taakveld { $code } is not in { $list ->
        [until2022] the list for 2017 up to and including 2022
        [years2023to2024] the list for 2023 and 2024
       *[from2025] the list for 2025 and later
    } (year { $year }). This code belongs to { $other ->
        [until2022] the list for 2017 up to and including 2022
        [years2023to2024] the list for 2023 and 2024
       *[from2025] the list for 2025 and later
    }.

## Service refusals
error-audit-not-stopped = Signing has not stopped; there is nothing to resume.
error-area-choose-existing = Choose an existing area.
error-year-missing = Fill in a year, for example 2027.
error-round-quarter = Choose quarter 1, 2, 3 or 4.
error-round-budget-missing = Fill in the amount to share out in this round, for example 25,000.00.
error-schedule-quarters = Choose one or more quarters (1, 2, 3 or 4).
error-schedule-title = Give the rounds a name, for example Smederij.
error-schedule-areas = Choose one or more villages or neighbourhoods.
error-round-plans-closed = Handing in plans has already closed.
error-round-voting-open = Voting has already opened.
error-round-ballot-empty = There is no plan on the ballot yet. First nominate one or more plans.
error-round-review-first = First review all plans handed in (nominate or reject).
error-round-count-state = Only a round in which people are voting can be counted.
error-round-already-counted = The round has already been counted.
error-round-close-state = Only a counted round can be closed.
error-round-no-result = This round has no result yet.
error-round-already-closed = The round has already been closed.
error-account-area-missing = Choose the area of this area coordinator.
error-area-unknown = This area does not exist.
error-email-invalid = Fill in a valid e-mail address, for example name@example.nl.
error-email-taken = There is already an account with this e-mail address.
error-totp-secret-failed = Making the secret failed.
error-totp-already-set = The second step has already been set up.
error-totp-start-again = Start setting it up again.
error-totp-wrong-code = This code is not right. Check that the time on your phone is correct and try the newest code.
error-role-already = This user already has this role.
error-area-max-positive = Fill in a maximum greater than €0, or leave it empty.
error-area-description-long = The description is too long (at most 4000 characters).
error-objection-only-author = Only the person who handed in the plan can object to the rejection.
error-objection-needs-code = You can object to the result with the voting code from your letter for this village or neighbourhood. First sign in with your code.
error-objection-code-or-author = You can object to the result with the voting code from your letter, or if you handed in a plan in this round.
error-objection-already-decided = This objection has already been decided on. The decision is final.
error-objection-voting-started = Voting has already started; the plan can no longer go on the ballot.
error-objection-round-not-counted = The round is no longer counted.
error-objection-recount-state = Only a counted round whose money has not yet been committed can be counted again.
error-objection-annul-state = Only a counted round whose money has not yet been committed can be declared invalid.
error-hold-amount-missing = Fill in an amount, for example 10,000.00.
error-hold-round-money = A round's money is released when the round is closed.
error-hold-already-released = This money has already been released.
error-code-handle-missing = Fill in the first 4 characters of the code, for example K7PM.
error-code-handle-unknown = There is no voting code with this reference.
error-code-already-revoked = This voting code has already been revoked.
error-form-invalid = The form is not filled in correctly.
error-plan-amount-missing = Fill in what your plan costs, for example 2,500.00.
error-plan-needs-account = First create an account to hand in a plan.
error-plan-round-closed = No more plans can be handed in in this round.
error-review-voting-started = Voting has already started; the review is fixed.
error-review-taakveld-missing = Choose the plan's taakveld. The municipality's budget needs it.
error-review-reject-reason = Write down why the plan is not going ahead. The person who handed it in and the village read this reason.
error-name-no-letters = Use letters or digits in the name.
error-area-name-empty = Fill in the name of the area.
error-area-kind = Choose village or neighbourhood.
error-funder-name-empty = Fill in the name of the funder.
error-funder-kind = Choose the kind of funder.
error-area-name-taken = There is already an area with this name.
error-funder-name-taken = There is already a funder with this name.
error-transfer-source-unknown = Choose a source from the list.
error-transfer-destination-unknown = Choose a destination from the list.
error-transfer-reject-reason = Write briefly why you are rejecting the transfer.
error-password-short = Choose a password of at least 12 characters.
error-password-long = Choose a password of at most 256 characters.
error-password-common = This password is used a lot and is easy to guess. Choose another password, for example a sentence of four or five words.
error-review-checklist-empty = Put at least one point on the checklist, one point per line.
error-review-reject-needs-fail = Choose "Does not meet" for at least one point: a rejection names the points the plan does not meet.
error-review-amount-explanation = Explain why you are changing the amount. The village and the person who handed in the plan read this explanation.
error-import-header-only = The file only has a header line and no budget lines.
error-import-municipality-empty = Fill in the municipality.
error-import-document = The document must be 'begroting' (budget) or 'jaarrekening' (annual accounts).
error-import-taakveld-empty = Fill in the taakveld, such as 5.7.
error-import-costs-empty = Fill in the costs, in thousands of euros: 2352 means €2,352,000.
error-import-costs-invalid = This is not a valid amount. This column holds thousands of euros, without a dot between the thousands: 2352 means €2,352,000.
error-import-amount-not-positive = The amount of a budget line must be greater than 0 euros.
error-import-utf16 = The file was saved as 'Unicode text' (UTF-16). Save it in Excel as 'CSV UTF-8 (comma delimited)' and try again.
error-import-line-unreadable = We cannot read this line. Check the quotation marks.
error-import-empty = The file is empty.
error-import-year-empty = Fill in a year, such as 2025.
error-import-year-digits = The year must be a number of 4 digits, such as 2025.
error-import-year-number = The year must be a number of 4 digits.

## Ledger import: problems in a file
error-import-problem = Line { $line }, column { $column }: { $message }
error-import-problem-value = Line { $line }, column { $column }: { $message } (value: "{ $value }")
error-import-not-utf8 = The file was not saved as UTF-8. Line { $line } has a character we cannot read (for example an ë or €). Save the file in Excel as 'CSV UTF-8 (comma delimited)' and try again.
error-import-field-count = This line has { $fields } fields, the header line has { $width }. Is there one { $sep } too many or too few? Put a text with a { $sep } in it between quotation marks ("...").
error-import-column-unnamed = Column { $number } has no name. The header line must be: { $header }
error-import-column-unknown = We do not know the column '{ $column }'. The header line must be: { $header }
error-import-column-twice = The column '{ $column }' is in the header line twice.
error-import-column-missing = The column '{ $column }' is missing from the header line. The header line must be: { $header }
error-import-year-too-early = There is no list of taakvelden for the year { $year }. Use a year from { $first }.
error-import-year-too-late = The year { $year } is too far in the future. Use a year up to and including { $last }.
error-import-text-empty = Fill in { $what ->
        [code] the code
        [name] the description
        [funder] the funder
       *[taakveld_name] the name of the taakveld
    }.
error-import-text-control = { $what ->
        [code] The code
        [name] The description
        [funder] The funder
       *[taakveld_name] The name of the taakveld
    } contains a line break or another invisible character (in Excel: Alt+Enter). Remove it.
error-import-text-long = { $what ->
        [code] The code
        [name] The description
        [funder] The funder
       *[taakveld_name] The name of the taakveld
    } is too long: { $length } characters. At most { $max } are allowed.
error-import-code-twice = Year { $year } with code { $code } is in the file twice: on line { $first } and on line { $line }. Each code may appear once per year.
error-import-municipality-unknown = Municipality { $wanted } is not in this file. This file has: { $found }.
error-import-municipality-choose = This file has { $count } municipalities: { $found }. Choose a municipality.
error-import-taakveld-twice = Taakveld { $taakveld } of { $year } is in the file twice: on line { $first } and on line { $line }.
error-import-municipality-no-lines = For municipality { $municipality } this file has no budget lines with costs greater than 0 euros.
error-import-header-unknown = We do not recognise the first line of the file. Use one of these header lines: { $spreadsheet } (spreadsheet) or { $csv } (CSV), or the header line of a CBS Iv3 file: { $cbs }

## Reviewing plans, handing in a plan, cost lines
error-form-problems = { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    } in the form
error-review-checklist-long = Put at most { $max } points on the checklist. There are { $count } now.
error-review-criterion-long = The point that starts with "{ $start }" is too long. Keep each point shorter than { $max } characters.
error-review-note-long = The note on "{ $criterion }" is too long (at most { $max } characters).
error-review-verdict-missing = Choose for "{ $criterion }" whether the plan meets it. You can only nominate once every point has been judged.
error-review-verdict-fails = The plan does not meet "{ $criterion }". Reject the plan, or change the verdict.
error-review-fail-note = Write briefly why the plan does not meet "{ $criterion }".
error-review-explanation-long = The explanation is too long (at most { $max } characters).
error-review-wait-months = Fill in a number of months, from 0 up to and including { $max }. 0 means: nobody has to wait.
error-cost-too-many-lines = Use at most { $max } lines for the costs.
error-cost-description-missing = Write on cost line { $line } what the money is for.
error-cost-description-long = Cost line { $line } is too long (at most { $max } characters).
error-cost-amount-not-positive = Fill in an amount greater than €0 on cost line { $line }.
error-cost-total-differs = The costs per part add up to { $total }, but you are asking for { $requested }. Make the amounts equal, or leave the cost lines empty.
error-correction-above-budget = The amount is higher than there is to share out in this round ({ $budget }).
error-correction-above-max = The amount is higher than the maximum per plan ({ $max }).
error-plan-title = Give your plan a title of 1 to { $max } characters.
error-plan-summary = Describe your plan and what the money is for, in at most { $max } characters.
error-plan-not-yet = Plans can be handed in from { $from }.
error-plan-too-late = Plans could be handed in up to and including { $until }.
error-plan-above-area-max = A plan in { $area } may cost at most { $max }.
error-plan-above-budget = Your plan costs more than there is to share out in this round ({ $budget }).

## Rounds, objections, money set apart, voting codes, audit log
error-verbatim = { $text }
error-round-quarter-taken = { $area } already has a round in quarter { $quarter } of { $year }.
error-round-title = Give the round a name of 1 to { $max } characters.
error-round-max-choices = Fill in a number from 1 up to and including { $max }, or leave the field empty.
error-schedule-area-unknown = The area { $area } does not exist.
error-schedule-clash = { $area } quarter { $quarter }
error-schedule-clashes = Nothing was planned: there is already a round in { $clashes } of { $year }. Choose other quarters or areas.
error-round-pool-short = The pot of { $area } now has { $available } available, but the chosen plans cost { $needed } together. Ask Finance to put money in the pot first. Then close the round again; the result is kept.
error-objection-blocks-voting = Voting cannot open yet: { $count ->
        [one] 1 objection
       *[other] { $count } objections
    } to the rejection of a plan still lie with the steering group. Voting can open as soon as the steering group has decided.
error-objection-window-open = The money cannot be committed yet: up to and including { $last } anyone with a voting code can object to the result. Close the round after that day.
error-objection-blocks-closing = The money cannot be committed yet: { $count ->
        [one] 1 objection
       *[other] { $count } objections
    } to the result still lie with the steering group. Close the round as soon as the steering group has decided.
error-hold-pool-short = Voting was not opened: the pot of { $area } cannot pay for this round ({ $budget }) now. In the pot: { $balance }. Already reserved for other rounds: { $reserved }. Set apart: { $earmarked }. Waiting for approval: { $pending }. Available: { $available }. Ask Finance to put money in the pot, or release money that was set apart.
error-hold-reason = Write in at most { $max } characters what the money is set apart for.
error-hold-too-much = The pot of { $area } has { $available } available (already reserved: { $reserved }, set apart: { $earmarked }). You cannot set more apart.
error-codes-count = Fill in a number of codes from 1 up to and including { $max }.
error-codes-too-many-stored = { $stored } voting codes are stored already; with this batch that would be more than { $max }. First delete the codes of past years.
error-codes-file-not-written = batch { $batch } is in the database, but { $file } could not be written ({ $detail }); make a new batch and leave this one unused
error-audit-history-differs = The history still does not match the latest checkpoint ({ $problem }). Restore the events from a backup from before the change.

## Not found
error-missing-user = User not found.
error-missing-session = Session not found.
error-missing-budget-line = Budget line not found.
error-missing-pool = Pot not found.
error-missing-funder = Funder not found.
error-missing-area = Area not found.
error-missing-transfer = Transfer not found.
error-missing-account = Account not found.
error-missing-objection = Objection not found.
error-missing-plan = Plan not found.
error-missing-round = Round not found.
error-missing-payment = Payment not found.
error-missing-photo = Photo not found.
error-missing-plan-account = The plan's account not found.
error-missing-hold = Money set apart not found.
error-missing-role = Role not found.
error-missing-village = Village not found.
error-missing-ballots = Ballot list not found.

## Refusals
error-progress-own-plan = You can only report progress on your own plan.
error-objection-own = You cannot decide on an objection to your own decision or on your own objection. Let another member of the steering group decide.
error-cast-already-voted = This code has already voted in this round. Each code gives one vote per round.
error-cast-not-voting = Voting is not possible in this round now.
error-cast-wrong-code = This voting code does not belong to this round.
error-codes-file-exists = { $file } already exists. Voting codes are never written over an existing file; choose a new name.
error-codes-file-not-made = { $file } cannot be created: { $detail }
error-signing-key-differs = this server signs with key { $ours } ({ $name }), but the latest checkpoint was signed with key { $theirs } ({ $origin }); every server must have the same signing_key_file
error-report-area-unknown = Choose an area from the list.
error-role-own-admin = You cannot revoke your own administrator role. Ask another administrator.
error-block-self = You cannot block your own account.
error-objection-already-rejection = You have already objected to the rejection of this plan. The steering group decides once.
error-objection-already-result = You have already objected to the result of this round.
error-import-line-differs = Budget line { $code } for { $year } is already in the ledger with other details. A line that was read in is never overwritten: make a correction.
