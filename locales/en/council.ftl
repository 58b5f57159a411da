# The council's pages: the report (rapport.html and the tables on /raad), the public audit
# page /audit, the handlers' own messages, and the count's explanation per plan. English;
# keep every key also in nl/council.ftl.

## The report

report-percent = { $whole }.{ $tenth }%
report-turnout = { $ballots } of the { $codes } voting codes used ({ $percent })
report-turnout-no-codes = { $ballots ->
    [one] 1 vote; no voting codes were issued for this area and year
   *[other] { $ballots } votes; no voting codes were issued for this area and year
}
report-ballot-one = Every resident chose one plan.
report-ballot-max = Every resident chose the plans they support, at most { $max }.
report-ballot-any = Every resident chose all the plans they support, with no maximum.
report-ballot-knapsack = Every resident chose plans that together cost no more than the budget ({ $budget }).
report-count-greedy = The plan with the most votes got money first, then the next one, as long as there was enough money. When a plan no longer fitted, the next plan went ahead.
report-count-mes = The budget was divided in equal shares among the voters. A plan got money when the people who voted for it could pay for it together. This way every group of residents gets a fair share.
report-area-desc = { $area }: opening plus money in { $came_in }, granted to plans { $committed }, left in the pot { $left }.
report-legend-in = Opening + money in
report-committed = Granted to plans
report-left = Left in the pot
report-area-chart-caption = Money per area. The amounts are also in the table below.
report-plan-desc-funded = Plan { $number } ({ $title }): { $votes ->
    [one] 1 vote
   *[other] { $votes } votes
}, gets money.
report-plan-desc-not-funded = Plan { $number } ({ $title }): { $votes ->
    [one] 1 vote
   *[other] { $votes } votes
}, gets no money.
report-votes-title = Votes per plan: { $round }
report-funded = Gets money
report-not-funded = Gets no money
report-plan = Plan { $number }
report-votes-caption = Votes per plan. The result and the explanation are in the table below.
report-area-caption = Money per area, { $period }
report-col-area = Area
report-col-opening = Opening
report-col-in-budget = From the budget
report-from-funders = From funders
report-col-returned = Back from plans
report-col-paid = Paid
report-col-unpaid = Still to pay
report-total = Total
report-sources-title = Where did the money of { $area } come from?
report-sources-none = No money came into the pot of { $area } in this period.
report-from-budget = From the municipal budget
report-col-taakveld = Budget function (taakveld)
report-col-budget-line = Budget line
report-col-year = Year
report-col-amount = Amount
report-cbs-source = Budget functions and budget figures: Source: CBS (Iv3 open data, CC BY 4.0).
report-col-funder = Funder
report-round-heading = { $round } ({ $area }, { $year } quarter { $quarter })
report-counted-on = Counted on
report-turnout-label = Turnout
report-how-voted = How did people vote?
report-how-counted = How were the votes counted?
report-budget = Budget
report-granted = Granted
report-fingerprint = Fingerprint of the rules
report-no-plans = There were no plans on the ballot.
report-result-per-plan = Result per plan
report-col-plan = Plan
report-col-name = Name
report-col-votes = Votes
report-col-result = Result
report-col-explanation = Explanation
report-title = Citizens' budget account { $municipality }, { $period }
report-heading = Citizens' budget account
report-period = Period: { $period }
report-made-on = Made on { $when } (Dutch time).
report-short = In short
report-short-text = In this period { $came_in } came into the pots of the villages and neighbourhoods. Residents chose plans; together these got { $committed }. { $paid } has been paid. At the end of the period { $left } was still in the pots.
report-rounds-counted = { $count ->
    [one] 1 voting round was counted in this period.
   *[other] { $count } voting rounds were counted in this period.
}
report-formula = Opening + from the budget + from funders − granted to plans + back from plans = left in the pot. What is granted to a plan is paid from that plan's account.
report-rounds = Voting rounds
report-verify-title = Check this report
report-verify-intro = Everything done in the citizens' budget is in a log that cannot be changed without it being noticed. Below are the signed checkpoint of that log and the fingerprint of the key it was signed with.
report-checkpoint = Checkpoint
report-no-checkpoint = There is no signed checkpoint yet.
report-key-fingerprint = Fingerprint of the key
report-unknown = (unknown)
report-verify-how = Compare the fingerprint with the one on the municipality's page /audit and in the file key.pub: if they are the same, this checkpoint was signed by the municipality. Then check the whole bundle with the program burgerbegroting audit verify; it counts all amounts and votes again, without internet, and says exactly what is wrong.
report-footer = Budget functions and budget figures: Source: CBS (Iv3 open data, CC BY 4.0). Amounts in euros.

## The council's handlers

council-only = This page is only for the municipal council and the steering group.
council-not-a-date = "{ $typed }" is not a date. Write the date like this: 2026-03-31.
council-period-reversed = The first day is after the last day. Choose a first day before or on the last day.
council-no-signing-key = No signing key has been set up. Without a key no audit bundle can be made.
council-bundle-failed = The audit bundle could not be made: { $reason }.
council-bundle-no-zip = the zip was not made
council-bundle-our-fault = something went wrong on our side; nothing was saved

## The public audit page

audit-title = Check the log
audit-stopped-title = Please note: the log is no longer being signed
audit-stopped-meanwhile = Until this is solved, you cannot check whether new events are in the log. The municipality has been informed.
audit-intro-log = Everything that happens in the citizens' budget goes into a log: every transfer, every round and every vote (without name or voting code). The log is made so that nobody can later change anything in it or remove anything from it without it being noticed.
audit-intro-checkpoint = Every minute the municipality puts a digital signature under the log. That signature is called a checkpoint. With the public key below, anyone can check that a checkpoint really comes from the municipality.
audit-receipt-title = Is your vote in the log?
audit-receipt-intro = After voting you got a receipt code, for example { $example }. Enter it below.
audit-receipt-found = Your vote with receipt code { $receipt } is in the log.
audit-receipt-found-seq = It is event number { $seq }. You can download and keep the proof of this; with the checkpoint below anyone can check it.
audit-proof-download = Download the proof (text file)
audit-receipt-received = Your vote with receipt code { $receipt } has been received.
audit-receipt-not-yet-signed = It is not yet in a signed checkpoint. That happens within a few minutes. Please try again later.
audit-receipt-label = Your receipt code
audit-receipt-hint = Five characters, a dash and five more characters. Capital or small letters do not matter.
audit-receipt-button = Find my vote
audit-receipt-not-found = The receipt code { $receipt } is not in the log. Check whether you copied it correctly: five characters, a dash and five more characters. Is it correct? Please contact the municipality.
audit-receipt-missing = Enter your receipt code. You find it on the screen after voting or on your paper ballot.
audit-latest-title = The latest checkpoint
audit-latest-signed = Signed on { $when } (Dutch time). It counts { $count ->
    [one] 1 event.
   *[other] { $count } events.
}
audit-checkpoint-download = Download the checkpoint (text file)
audit-no-checkpoint = No checkpoint has been signed yet.
audit-status-not-configured = The log is not being signed: no signing key has been set up (setting signing_key_file).
audit-status-ok = The log is being signed. The latest checkpoint counts { $count ->
    [one] 1 event.
   *[other] { $count } events.
}
audit-status-ok-none = The log is being signed; there is no checkpoint yet.
audit-status-stopped = PLEASE NOTE: signing stopped on { $when }, because the stored history no longer matches the last signed checkpoint ({ $reason }). Nothing will be signed until an administrator has looked into this.
audit-key-title = The public key
audit-key-intro = With this key you check the signature:
audit-key-fingerprint = Fingerprint of the key:
audit-no-key = No key has been set up; the log is not being signed now.
audit-how-title = How to check it yourself
audit-how-compare = Compare the fingerprint above with the one in the report to the municipal council and in the file key.pub of the audit bundle. If they are the same, it is the same key.
audit-how-verify = With that key, check the signature under the checkpoint. The program { $program } does that for a whole audit bundle, without internet; it also counts all amounts and votes again.
audit-how-own-vote = Do you want to know whether your own vote is in it? Search for your receipt code above and keep the proof. The proof shows that your vote is covered by the signed checkpoint.
audit-how-keep = A newer checkpoint always contains everything of an older checkpoint. So feel free to keep an old checkpoint: with a newer one you can have it checked that nothing changed in the meantime.

## Why a plan was or was not funded

explain-fitted = Chosen. On the ranking this plan was in place { $rank }. At that point { $left } was left. The plan costs { $cost }, so it fitted.
explain-fitted-completion = Chosen when the money left over was shared out: { $left } was still left. This plan was in place { $rank } of the remaining plans and still fitted.
explain-did-not-fit = Not chosen. When it was this plan's turn (place { $rank }), { $left } was left. The plan costs { $cost }. That did not fit.
explain-did-not-fit-completion = When the money left over was shared out, it did not fit either: { $left } was left and the plan costs { $cost }.
explain-lost-tie = Not chosen. This plan had as many { $score } as plan { $winner }. Plan { $winner } went first (on an equal score: { $tie }). After that { $left } was left, too little for this plan ({ $cost }).
explain-shared = Chosen in round { $round }. Every voter had { $per_voter } to spend. { $payers ->
    [one] 1 supporter paid for this plan
   *[other] { $payers } supporters paid for this plan together
}; nobody paid more than { $max_payment }.
explain-paying-all = { $count ->
    [one] 1 of them gave all the money they had left.
   *[other] { $count } of them gave all the money they had left.
}
explain-won-tie = { $count ->
    [one] Plan { $plans } was
   *[other] Plans { $plans } were
} exactly as expensive per supporter; this plan went first (on an equal score: { $tie }).
explain-short = Not chosen with equal shares. Together its supporters had { $money }. That is less than the cost ({ $cost }).
explain-spent = Not chosen with equal shares. After round { $round } its supporters together still had { $money }; the plan costs { $cost }. That was too little: their money went to other plans they also supported.
explain-lost-tie-mes = In one round it was exactly as expensive as plan { $winner }; that plan went first (on an equal score: { $tie }).
explain-no-support = Not chosen. Nobody voted for this plan.
explain-free = Chosen: this plan costs nothing and has support.
explain-zero-cost = Not chosen: this plan costs nothing, so under this rule it does not count.
explain-below-threshold = Not counted: this plan got { $value } { $score }, less than the minimum of { $threshold }.
explain-without-votes = Nobody had voted for this plan; it got money because enough was left at the end (pabutools counts this way too).
explain-score-votes = votes
explain-score-points = points
explain-score-votes-per-euro = votes per euro
explain-tie-fair = the plan with the most votes goes first; if those are equal too, the cheapest plan; then the lowest number
explain-tie-lowest = the plan with the lowest number goes first (numbers compared as text, as pabutools does)
explain-tie-highest = the plan with the highest number goes first (numbers compared as text)
