# Texts of the coordinator's and initiator's parts of the round pages (new round, a year
# at once, the pool, the steps of a round, paper ballots, the plan form), of the
# administrator's voting-code page, and the messages of their handlers. Keep every key
# also in nl/rounds-staff.ftl.

## The list of rounds and a new round

rounds-schedule-link = Plan a whole year at once
rounds-schedule-link-hint = (1 to 4 rounds per village or neighbourhood, with the same dates and rules).
rounds-pools-of-area = The pot of your area (money reserved and set aside):
rounds-new-title = New round
rounds-new-intro = Once created, the round is open for plans. You cannot change its rules after that: they are fixed as soon as voting starts.
rounds-new-choose-area = Choose an area
rounds-new-year = Year
rounds-new-year-hint = For example 2027
rounds-new-quarter = Quarter
rounds-quarter = Quarter { $quarter }
rounds-new-name = Name of the round
rounds-new-name-hint = For example: Green spaces and play in summer
rounds-new-budget = Budget in euros
rounds-new-budget-hint = The amount to share out in this round, for example 25,000.00
rounds-new-example = For example { $example }
rounds-new-dates = Dates (optional)
rounds-new-dates-hint = If you fill in the dates, the round moves on to the next step by itself: after the last day for plans to the review, on the first voting day to voting, and after the last voting day the votes are counted. If you leave them empty, you take each step yourself. Fill in all five, or none.
rounds-new-plans-from = Plans can be submitted from
rounds-new-plans-from-hint = Day-month-year, for example 1-4-2027
rounds-new-plans-until = Plans can be submitted until
rounds-new-review-until = Review until
rounds-new-voting-from = Voting from
rounds-new-voting-until = Voting until
rounds-new-submit = Create round
rounds-rule-how-vote = How do residents vote?
rounds-rule-approval = Tick plans
rounds-rule-approval-hint = Residents tick the plans they support. You can set a maximum below.
rounds-rule-within-budget = Choose within the budget
rounds-rule-within-budget-hint = Residents choose plans that together cost no more than the budget.
rounds-rule-max-choices = How many plans may someone tick at most?
rounds-rule-max-choices-hint = Only when ticking plans. Leave empty for no maximum.
rounds-rule-how-count = How are the votes counted?

## The pool of an area

rounds-pool-no-holds = No money is reserved or set aside.
rounds-pool-holds = Reserved and set aside
rounds-pool-col-kind = Kind
rounds-pool-col-for = What for
rounds-pool-col-amount = Amount
rounds-pool-kind-round = Round
rounds-pool-kind-earmark = Set aside
rounds-pool-title = Pot { $area }
rounds-pool-balance = In the pot
rounds-pool-reserved = Reserved for rounds
rounds-pool-pending = Waiting for approval
rounds-pool-available = Available for new rounds
rounds-pool-explained = When voting starts in a round, the round's budget is reserved in the pot. When the round is closed, the money goes to the chosen plans and the rest is free again.
rounds-pool-release = Release: { $reason } ({ $amount })
rounds-pool-earmark-title = Set money aside
rounds-pool-earmark-intro = Set money aside for something the village wants, for example 10,000 euros for the playground. That money cannot be shared out in a round until you release it.
rounds-pool-amount = Amount in euros
rounds-pool-reason-hint = For example: the new playground
rounds-pool-earmark-submit = Set aside

## A year at once

rounds-schedule-title = Plan a year
rounds-schedule-intro = Plan the rounds of a year at once: for each chosen quarter one round for each chosen village or neighbourhood. All rounds get the same rules and the same budget, and the same dates per quarter. If a village already has a round in a quarter, nothing is planned and you read where it clashes.
rounds-schedule-dates = The dates: plans can be submitted from the first day of the quarter, for as many weeks as you choose below. Then the review, and voting starts the day after. On those dates the round moves on to the next step by itself.
rounds-schedule-quarters = Quarters
rounds-schedule-quarters-hint = Choose 1 to 4 quarters.
rounds-schedule-areas = Villages and neighbourhoods
rounds-schedule-areas-hint = Choose one or more.
rounds-schedule-name = Name of the rounds
rounds-schedule-name-hint = The first part of each round's name, for example Smederij; the year and the quarter are added to it, in Dutch (a round's name is the same in both languages)
rounds-schedule-budget = Budget per round in euros
rounds-schedule-plan-weeks = Weeks for submitting plans
rounds-schedule-review-weeks = Weeks for the review
rounds-schedule-voting-weeks = Weeks for voting
rounds-schedule-weeks-hint = 1 to 26
rounds-schedule-submit = Plan rounds

## One round: the plan form of an initiator

rounds-review-plan = Review plan { $number }
rounds-submit-title = Submit a plan
rounds-submit-intro = Describe what you want to do and what the money is for. The area coordinator checks whether the plan fits what the village finds important. Then the plan goes on the ballot, or you read why not.
rounds-submit-max = A plan in { $area } may cost { $amount } at most.
rounds-submit-plan-title = Title of your plan
rounds-submit-plan-title-hint = Short and clear, for example: Benches by the playground
rounds-submit-summary = What do you want to do?
rounds-submit-summary-hint = Also write exactly what the money is for (for example 3 benches of 800 euros).
rounds-submit-amount = What does it cost, in euros?
rounds-submit-costs = Costs per part (may stay empty)
rounds-submit-costs-hint = Do you want to show how the amount is made up? Then fill in for each part what the money is for and what it costs. Together the parts must make the amount above.
rounds-submit-cost-part = Part { $number }
rounds-submit-cost-amount = Amount of part { $number }, in euros
rounds-submit-more-lines = More lines
rounds-submit-button = Submit plan
rounds-submit-needs-initiator = You can submit plans with an initiator account. Ask the municipality for help if you want.
rounds-submit-want = Do you want to submit a plan?
rounds-submit-log-in = Log in
rounds-submit-or = or
rounds-submit-register = create an account

## One round: the coordinator's steps and paper ballots

rounds-manage-by-itself = Otherwise this happens by itself after { $date }.
rounds-manage-close-submissions = Close submissions
rounds-manage-close-submissions-text = Close submissions when no new plans may be added. You can still review after that.
rounds-manage-open-voting = Open voting
rounds-manage-open-voting-text = When you open voting, the rules, the budget and the nominated plans are fixed. After that you cannot change anything or review any more plans. So review all plans first.
rounds-manage-on-ballot = On the ballot: { $count ->
    [one] 1 nominated plan
   *[other] { $count } nominated plans
}.
rounds-manage-paper-title = Enter a paper ballot
rounds-manage-paper-so-far = Votes so far: { $count }, online and on paper together.
rounds-manage-votes = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
rounds-manage-paper-text = Copy the voting code from the letter and tick what was chosen on the ballot paper. After saving you see a receipt code. Write it on the ballot paper.
rounds-manage-count = Close voting and count
rounds-manage-count-text = When you close voting, nobody can vote any more. The votes are counted at once and the result appears on this page. No money is committed yet.
rounds-manage-close = Close the round
rounds-manage-close-text = When you close the round, the money for the chosen plans is committed from the pot of { $area }. After that nothing changes in this round any more.
rounds-manage-close-button = Commit the money and close
rounds-paper-code = Voting code from the letter
rounds-paper-code-hint = For example K7PM-2XQ9-HT4W-R8NC-5DFG. Dashes and spaces are fine.
rounds-paper-choices = Chosen plans
rounds-paper-plan = Plan { $number }: { $title } ({ $amount })
rounds-paper-assisted = Helped with voting
rounds-paper-assisted-hint = Tick if someone helped the voter. Who helped and what was chosen is not recorded.
rounds-paper-save = Save vote

## Voting codes (administrator)

codes-admin-reason-lost = Letter lost
codes-admin-reason-not-received = Letter not received
codes-admin-reason-damaged = Letter damaged or unreadable
codes-admin-reason-other = Other reason
codes-admin-title = Voting codes
codes-admin-batches = Batches
codes-admin-no-batches = No voting codes have been made yet.
codes-admin-batches-label = Batches of voting codes
codes-admin-batches-caption = Batches of voting codes per area and year (numbers only)
codes-admin-col-area = Area
codes-admin-col-year = Year
codes-admin-col-made-on = Made on
codes-admin-col-made = Made
codes-admin-col-valid = Valid
codes-admin-col-revoked = Revoked
codes-admin-col-replaced = Replaced by a new letter
codes-admin-col-used = Used to vote
codes-admin-used-hint = Used: codes that voted in at least one round, online or on paper. We do not keep which code voted for what.
codes-admin-new-batch = Make a new batch
codes-admin-new-batch-intro = You get a CSV file for the printer (handle; code; area). The codes are only in that file: we do not keep them and cannot show them again. Keep the file safe and delete it once the letters have been sent.
codes-admin-year = Year of the voting rounds
codes-admin-year-hint = For example 2027.
codes-admin-count = Number of codes
codes-admin-count-hint = One per resident who may vote.
codes-admin-generate = Make codes and download CSV
codes-admin-lost-title = Letter lost: revoke or replace a code
codes-admin-lost-intro = Fill in the handle: the first 4 characters of the code on the letter.
codes-admin-handle = Handle
codes-admin-handle-hint = For example K7PM.
codes-admin-reason = Reason
codes-admin-confirm-first = You first see what will happen. Only then is the code revoked.
codes-admin-replace = Revoke and make a new code
codes-admin-revoke = Revoke only
codes-new-title = New voting code
codes-new-heading = New voting code for { $area }
codes-new-old-gone = The old code with handle { $handle } no longer works.
codes-new-once = Put this code in the new letter. You see it only once: we do not keep it.
codes-new-code = New code
codes-new-valid-for = Valid for
codes-new-valid-rounds = the voting rounds of { $year }
codes-new-back = Back to voting codes
codes-msg-choose-area = Choose the village or neighbourhood.
codes-msg-count = Fill in the number of codes as a number, for example 1250.
codes-msg-handle = Fill in the first 4 characters of the code, for example K7PM.
codes-msg-reason = Choose a reason from the list.
codes-msg-revoked = The voting code with handle { $handle } has been revoked. It no longer works.
codes-confirm-stops = The voting code with handle { $handle } ({ $area }, voting rounds of { $year }) will no longer work: nobody can vote with it any more.
codes-confirm-reason = Reason: { $reason }.
codes-confirm-signed-in = Someone is signed in with this code now. They will be signed out at once.
codes-confirm-vote-counts = A vote already cast with this code stays counted.
codes-confirm-revoke-title = Revoke voting code { $handle }?
codes-confirm-revoke-yes = Yes, revoke the code
codes-confirm-new-code = A new code is made for { $area } for the same voting rounds. You see that code only once, to put in the new letter.
codes-confirm-replace-title = Replace voting code { $handle } with a new one?
codes-confirm-replace-yes = Yes, revoke and make a new code

## Messages of the round pages' handlers

rounds-msg-scheduled = { $count ->
    [one] 1 round
   *[other] { $count } rounds
} planned. They are listed below, with their dates on the page of each round.
rounds-msg-choose-area = Choose the village or neighbourhood of this round.
rounds-msg-year = Fill in a year, for example 2027.
rounds-msg-quarter = Choose quarter 1, 2, 3 or 4.
rounds-msg-max-choices = Fill in a number of 1 or more, or leave the field empty.
rounds-msg-max-only-approval = A maximum number of plans only fits with ticking plans. Leave the field empty.
rounds-msg-ballot-rule = Choose how residents vote.
rounds-msg-count-rule = Choose how the votes are counted.
rounds-msg-date = Fill in a date, for example 1-4-2027. Or leave all five dates empty.
rounds-msg-only-create = Only an area coordinator or administrator can create a round.
rounds-msg-only-schedule = Only an area coordinator or administrator can plan rounds.
rounds-msg-quarters = Choose one or more quarters.
rounds-msg-areas = Choose one or more villages or neighbourhoods.
rounds-msg-weeks = Fill in a number of weeks, from 1 to 26.
rounds-msg-cost-amount-missing = Fill in the amount on cost line { $number }.
rounds-msg-cost-line = Cost line { $number }: { $problem }
rounds-msg-wrong-code = This voting code does not belong to this round, or there is a typing error. Check the code on the letter.
rounds-msg-code-missing = Fill in the voting code from the letter.
rounds-notice-earmarked = The money is set aside.
rounds-notice-released = The money has been released.
rounds-notice-created = The round has been created. Residents can now submit plans.
rounds-notice-plan = The plan has been submitted. The area coordinator will review it.
rounds-notice-reviewed = The review has been saved.
rounds-notice-review-kept = The review has been kept. The plan is still waiting for a decision.
rounds-notice-submissions-closed = Submissions are closed. Finish the review and then open voting.
rounds-notice-voting-open = Voting is open. The rules are now fixed.
rounds-notice-counted = Voting is closed and the votes have been counted. The result is public.
rounds-notice-closed = The money for the chosen plans has been committed. The round is closed.

## The confirmation pages of a round's steps

rounds-confirm-name = { $title } ({ $area }, quarter { $quarter } of { $year })
rounds-confirm-close-submissions-title = Close submissions for { $round }?
rounds-confirm-submitted = { $count ->
    [one] 1 plan has been submitted.
   *[other] { $count } plans have been submitted.
} After this nobody can submit a plan any more.
rounds-confirm-waiting = { $count ->
    [one] You then review the plan that is still waiting.
   *[other] You then review the { $count } plans that are still waiting.
} Only then can you open voting.
rounds-confirm-close-submissions-yes = Yes, close submissions
rounds-confirm-open-voting-title = Open voting for { $round }?
rounds-confirm-on-ballot = { $plans } will go on the ballot, together { $total }. The budget is { $budget }.
rounds-confirm-rules-fixed = After this the rules, the budget and the plans on the ballot are fixed. You cannot review any more plans.
rounds-confirm-vote-at-once = Residents can vote at once with the code from their letter.
rounds-confirm-open-voting-yes = Yes, open voting
rounds-confirm-count-title = Close voting and count for { $round }?
rounds-confirm-ballots = { $count ->
    [one] 1 vote has been cast
   *[other] { $count } votes have been cast
} (online and on paper). After this nobody can vote any more.
rounds-confirm-counted-at-once = The votes are counted at once. The result is published on the page of the round. There is { $budget } to share out.
rounds-confirm-count-yes = Yes, close voting and count
rounds-confirm-money-goes = { $amount } goes from the pot of { $area } to { $plans }.
rounds-confirm-plan-gets = Plan { $number }: { $title } gets { $amount }.
rounds-confirm-left = { $amount } stays in the pot of { $area }.
rounds-confirm-not-counted = The round has not been counted yet. Count the votes first; then you can close it.
rounds-confirm-nothing-changes = After this nothing changes in this round any more.
rounds-confirm-close-title = Close the round: { $round }?
rounds-confirm-close-yes = Yes, commit the money and close

## Messages of the plan page's handlers

plan-notice-paid = The payment has been recorded.
plan-notice-paid-to-approve = The payment has been recorded and is waiting for approval by a colleague in Finance.
plan-notice-progress = The progress has been reported.
plan-notice-done = The plan has been reported as done. What was not paid is back in the pot.
plan-msg-stage = Choose how the plan is doing: planned, in progress or done.
