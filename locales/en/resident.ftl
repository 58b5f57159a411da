# Texts of the residents' pages: home, statements, ballot, rounds, village, plan, result,
# timeline, objections. English; keep every key also in nl/resident.ftl.

## The phase timeline of a round

timeline-title = How this round works
timeline-done = Done
timeline-now = Now
timeline-later = Later
timeline-plans = Submit plans
timeline-review = Review
timeline-voting = Voting
timeline-result = Result
timeline-from-until = { $from } up to and including { $until }
timeline-from = from { $from }
timeline-until = up to and including { $until }
timeline-date-follows = date to follow

## Home page

home-title = Welcome
home-signed-in = You are signed in as { $name }.
home-approvals-title = Waiting for your approval
home-approvals-none = No transfers are waiting for your approval now.
home-approvals-count = { $count ->
    [one] 1 transfer is
   *[other] { $count } transfers are
} waiting for your approval.
home-transfer-from-to = from { $from } to { $to }
home-approvals-all = To all transfers that are waiting
home-council-title = For the council
home-council-link = To the overview for the council
home-coord-title = What is waiting for you
home-my-plans = My plans
home-no-plans = You have not submitted a plan yet.
home-no-submittable = There is no round now in which you can submit a plan.
home-submit-for = Submit a plan for { $area }
home-intro = Part of the municipal budget is spent by the residents themselves. The municipality puts money from the budget into a pot for each village or neighbourhood. Residents come up with plans and vote on what happens with that money.
home-now-open = Open now in your village or neighbourhood
home-none-open = No round is open now. Look again later, or see the results below.
home-vote-now = Vote now
home-vote-now-in = in { $area }
home-vote-with-code = Vote with the code from your letter
home-results = Results
home-result-of = Result { $round } ({ $area })
home-all-rounds = See all plans, voting rounds and results per village
home-villages = See per village where the money comes from and where it goes
home-own-plan = Would you like to submit a plan yourself?
home-make-account = Create an account
home-voted = Have you voted?
home-check-log = Check that your vote is in the log
home-login = Sign in
home-round-open-until = you can submit a plan up to and including { $date }
home-round-open = you can submit a plan now
home-round-review-voting-from = the plans are being reviewed; voting starts on { $date }
home-round-review = the plans are being reviewed
home-round-voting-until = you can vote up to and including { $date }
home-round-voting-since = voting has been open since { $date }
home-round-voting = you can vote now
home-round-counted = counted; the result is online
home-round-closed = closed
home-round-annulled = declared invalid by the steering group
home-todo-review = { $count ->
    [one] 1 plan to review
   *[other] { $count } plans to review
}
home-todo-open-voting = voting can be opened
home-todo-paper = enter paper ballots
home-todo-count = count when voting is over ({ $ballots } voted)
home-todo-close = close: commit the money to the chosen plans
home-todo-nothing = nothing to do now
home-plan-submitted = submitted, waiting for review
home-plan-rejected = rejected
home-plan-chosen = chosen: the plan gets money
home-plan-not-chosen = not chosen
home-plan-annulled = was on the ballot; the round was declared invalid
home-plan-voting = on the ballot, voting is under way
home-plan-approved = approved for the ballot

## Privacy and accessibility statements

privacy-intro = On this website residents help decide about money of the { $who }. Here you can read which data we use for that and why.
privacy-controller-title = Who is responsible?
privacy-controller-municipality = The { $who } is responsible for your data on this website.
privacy-controller = { $who } is responsible for your data on this website.
privacy-voting-title = Voting
privacy-voting = You do not need an account to vote. You vote with the code from your letter. That code is not in anyone's name: we do not know who has which code. We do not keep names, addresses or citizen service numbers (BSN) of voters.
privacy-receipt = After voting you get a receipt code. With it you can check for yourself that your vote was counted. Nobody can tell from that code who you are or what you chose.
privacy-plan-title = Submitting a plan
privacy-plan = Would you like to submit a plan? Then you create an account. We then keep your name, your email address and your plans. Your name is shown with your plan, so other residents know whose plan it is. We only use your email address to tell you about your plan. We do not keep your password itself, only an encrypted check value.
privacy-staff-title = Staff
privacy-staff = Staff of the municipality sign in with a password and a code from an app. Everything they do with the money is recorded. That way the municipal council can check it.
privacy-keep-title = How long do we keep your data?
privacy-keep = We keep an account and the plans while the round runs, and after that as long as the law requires for the municipality's accounts. Sign-in data (such as sessions) are deleted within a day after they expire. Would you like your account deleted? Ask us.
privacy-rights-title = Your rights
privacy-rights = You may ask which data we have about you, and ask us to correct or delete them. Do you disagree with how we handle your data? Then you can file a complaint with the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).
privacy-questions-title = Questions?
privacy-officer = You can ask questions about privacy to the data protection officer: { $officer }.
privacy-other-questions = Other questions?
a11y-intro = The { $who } wants everyone to be able to use this website: also if you do not see well, use a screen reader, do not use a mouse or find reading hard.
a11y-status-title = How far are we?
a11y-status = The website is made according to the accessibility requirements for government websites (WCAG 2.1, level A and AA). An audit by an independent agency has not been done yet.
a11y-checked = Last checked: { $date }.
a11y-what-title = What do we do?
a11y-keyboard = All pages work with the keyboard alone and without JavaScript.
a11y-plain = The texts are written in plain Dutch, and in plain English when you choose English.
a11y-phone = The pages work on a phone and when you make the text larger.
a11y-tested = With every change we test the pages automatically for accessibility errors.
a11y-problem-title = Is something not working?
a11y-problem = Is there something on this website you cannot use, or is something unclear? Let us know. We will then help you in another way, for example with voting.

## The ballot, the check and the receipt

ballot-rule-any = Choose the plans you support. You may choose as many plans as you like.
ballot-rule-max = { $max ->
    [one] Choose the plans you support. You may choose at most 1 plan.
   *[other] Choose the plans you support. You may choose at most { $max } plans.
}
ballot-rule-knapsack = Choose plans that together cost no more than { $budget }.
ballot-stop = Stop and sign out
ballot-round-intro = { $area }, quarter { $quarter } of { $year }. There is { $budget } to share out.
ballot-back = Back to the voting rounds of { $area }
ballot-explain = After choosing, you first see your choice once more. Your vote only counts when you then press { $button }.
ballot-cast-button = Cast your vote for good
ballot-question = Which plans do you support?
ballot-check-button = Check your choice
ballot-plan-title = Plan { $number }: { $title }
ballot-plan-cost = Costs { $amount }
ballot-picked-plan = Plan { $number }: { $title } – { $amount }
ballot-total = Together these plans cost { $amount }.
ballot-review-title = Check your vote
ballot-review-in = You are voting in { $round } ({ $area }).
ballot-review-count = { $count ->
    [one] You choose this plan
   *[other] You choose these { $count } plans
}
ballot-review-warning-label = Please note:
ballot-review-warning = once you have cast your vote, you cannot change it any more.
ballot-change = Change your choice
ballot-receipt-title = Your vote has been cast
ballot-receipt-thanks = Thank you. Your vote in { $round } has been saved.
ballot-receipt-code = Your receipt code
ballot-receipt-keep = Keep this code. After the round, your vote is listed under this code in the public list on the round's page, so you can check that it was counted.
ballot-receipt-find = After the count: find your vote in the result of { $round }
ballot-receipt-closes = (voting closes after { $date })
ballot-receipt-log-now = Right now: see whether your vote is in the log
ballot-receipt-log-when = (within a few minutes, without showing what you chose)
ballot-receipt-once = Write the code down or take a photo of this screen. You see this code only once: we do not keep which voting code belongs to which vote. That is why nobody knows what you chose.
ballot-receipt-voted-for = You voted for
ballot-message-round = Voting round: { $round } ({ $area }).
ballot-already-voted-title = You have voted in this round
ballot-already-voted = This voting code has already been used in this round. Each code gives one vote per round. Did you press the button twice? Then your first vote counts. The receipt code was on the screen after the first time; we cannot show it again.
ballot-not-voting-title = Voting is not possible now
ballot-not-voting = You cannot vote in this round now. Voting has not started yet, or it is already over.
ballot-wrong-code-title = You cannot vote with this code
ballot-wrong-code = You cannot vote in this round with your voting code. Is it not working? Please contact the municipality.

## Statuses and rules

round-status-open = Open for plans
round-status-review = Review
round-status-voting = Voting
round-status-counted = Counted
round-status-closed = Closed
round-status-annulled = Declared invalid
count-rule-greedy = Most votes first
count-rule-mes = Method of equal shares
standing-submitted = Submitted
standing-on-ballot = On the ballot
standing-rejected = Rejected
standing-chosen = Chosen
standing-not-chosen = Not chosen

## Villages

village-list-title = Villages and neighbourhoods
village-list-intro = Every village and every neighbourhood has its own pot. Choose a village to see where the money comes from and where it has gone.
village-list-empty = There are no villages or neighbourhoods yet.
village-list-balance = now { $amount } in the pot
village-all = All villages and neighbourhoods
village-balance = In the pot now:
village-years-intro = Below you see per year where the money came from and where it went. Money left over at the end of a year stays with the village: it moves on to the next year.
village-years = Years
village-held-title = What is already set aside
village-held-intro = Part of the money in the pot is already set aside. It is still in the pot, but new rounds cannot use it.
village-pending-out = Transfers waiting for a second member of the finance staff
village-free = Free for new rounds:
village-reserved-for = Reserved for the round
village-earmarked-for = Set aside: { $reason }
village-year-money = The money in { $year }
village-carried-over = Left over from { $year }
village-in = Added
village-committed = Granted to plans
village-paid = Paid for plans
village-returned = Back from finished plans
village-reserved = Reserved for rounds
village-earmarked = Set aside
village-closing = In the pot at the end of { $year } (or now)
village-sources = Where did the money come from?
village-budget-line = { $name } (budget line { $code })
village-taakveld = Policy area (taakveld) { $code }
village-contribution = Contribution
village-year-held = Set aside in { $year } and not free yet
village-year-rounds = Rounds in { $year }
village-no-rounds = There were no rounds in this year.
village-quarter = (quarter { $quarter })
village-turnout-counts = { $ballots ->
    [one] 1 vote
   *[other] { $ballots } votes
} out of { $codes } codes sent
village-turnout = Turnout:
village-year-plans = Plans that got money in { $year }
village-plan-done = (finished)
village-plan-granted = Granted
village-plan-paid = Paid
village-plan-returned = Back to the pot

## The plan page

plan-to-round = To the round { $round }
plan-to-village = To the page of { $area }
plan-on-ballot-of = This plan is on the ballot of { $area }.
plan-area = Village or neighbourhood
plan-round = Round
plan-round-when = ({ $year }, quarter { $quarter })
plan-author = Submitted by
plan-asked = Amount asked
plan-after-review = Amount after review
plan-why = why
plan-taakveld = Policy area (taakveld)
plan-review = Review
plan-result = Result
plan-execution = Carrying out
plan-what = What is the plan?
plan-costs = Costs per part
plan-outcome-not-counted = Not counted yet
plan-outcome-funded = Chosen: the plan gets money
plan-outcome-not-funded = Not chosen
plan-verdict-meets = Meets
plan-verdict-fails = Does not meet
stage-planned = Planned
stage-in-progress = In progress
stage-done = Finished
plan-status-on-ballot = Put on the ballot
plan-fails-on = Does not meet: { $criteria }
plan-reason = Reason: { $reason }
plan-cost-part = Part
plan-cost-amount = Amount
plan-cost-total = Total
plan-checklist = Review per point of the checklist
plan-corrected = Amount changed at the review
plan-correction = From { $old } to { $new } ({ $at }).
plan-money = The money
plan-no-money = This plan has not got money from the pot (yet).
plan-open = Still to be paid
plan-done-returned = The plan is finished. What was not needed has gone back to the pot of { $area } and can be used again in a next round.
plan-payments = Payments
plan-no-payments = Nothing has been paid yet.
plan-payment-date = Date
plan-payment-reference = Invoice or order
plan-payment-note = Note
plan-payment-status = Status
plan-progress = Progress
plan-no-progress = No progress has been reported yet.
plan-posted-by = Reported by { $name }
plan-post-returned = { $amount } went back to the pot of { $area }.
plan-pay-title = Record a payment
plan-pay-intro = Still to be paid for this plan: { $open }. A payment above { $threshold } must be approved by a colleague from Finance; until then the amount is reserved.
plan-pay-amount = Amount in euros
plan-pay-amount-hint = For example 1,250.00
plan-pay-date = Date of the payment
plan-pay-date-hint = For example 2026-11-30
plan-pay-reference = Number of the invoice or the order
plan-pay-note = Note (may be left empty)
plan-post-title = Report progress
plan-post-intro = Tell the village how the plan is going. If you choose { $done }, what has not been paid yet (now { $open }) goes back to the pot of { $area }. After that nothing more can be paid for this plan.
plan-post-stage = How is the plan doing?
plan-post-body = What has happened?
plan-post-body-hint = Short, at most 1000 characters.
plan-post-photo = Photo (may be left empty)
plan-post-photo-hint = A JPEG or PNG photo of at most 5 MB. We remove data in the photo, such as the place where it was taken.
plan-post-photo-again = Had you chosen a photo? Then choose it again.
plan-post-alt = What is in the photo?
plan-post-alt-hint = Needed if you send a photo: people who cannot see the photo hear this text.
plan-funded-intro = Plans that got money from a round. Open a plan to record a payment.
plan-funded-none = There are no plans with money yet.
plan-funded-label = Plans with money
plan-col-plan = Plan
plan-col-village = Village
plan-col-waiting = Waiting
plan-col-back = Returned

## The result of a round

result-by = By { $name }
result-votes = Votes
result-not-yet = The result is not available yet.
result-voters = { $count ->
    [one] 1 resident voted.
   *[other] { $count } residents voted.
}
result-none-chosen = No plan was chosen.
result-chosen = { $count ->
    [one] 1 plan was
   *[other] { $count } plans were
} chosen, out of the { $ballot } on the ballot.
result-spent = To the chosen plans
result-left = Left over
result-budget = The round's budget
result-left-stays = What is left over stays in the pot of { $area } for a next round.
result-chosen-title = Chosen plans
result-receipt-not-found = The receipt code { $receipt } is not among the votes of this round. Check that you copied it correctly: five characters, a dash and five characters again.
result-search-title = Was your vote counted?
result-search-intro = After voting you got a receipt code, for example { $example }. Enter it to see which plans were counted under your code.
result-receipt-counted = Your vote with receipt code { $receipt } was counted.
result-receipt-empty = No plan was chosen on this vote.
result-receipt-plans = Chosen: { $plans }.
result-plan-number = plan { $number }
result-receipt-proof = See the proof in the log
result-search-button = Find my vote

## Rounds: the list and the round page

rounds-period = { $year }, quarter { $quarter }
rounds-rule-one = You choose one plan that you support.
rounds-rule-max = You choose the plans that you support, at most { $max }.
rounds-rule-any = You choose all the plans that you support. There is no maximum.
rounds-rule-knapsack = You choose plans that together cost no more than this round's budget ({ $budget }).
rounds-count-greedy = The plan with the most votes gets money first, then the plan with the next most votes, as long as there is enough money. If a plan no longer fits, the next plan goes first.
rounds-count-mes = Everyone who votes gets an equal share of the budget. A plan gets money if the people who support it can pay for it together. That way smaller groups in the village get a chance too.
rounds-all-newest-first = All rounds, newest first
rounds-intro = In a round a village or neighbourhood shares out an amount from the pot. First residents submit plans. The area coordinator reviews the plans. Then the residents vote with the code from their letter, and the plans with enough support get money.
rounds-none = There are no rounds yet.
rounds-col-area = Area
rounds-col-period = Period
rounds-col-budget = Budget
rounds-back-to-all = Back to all rounds
rounds-now-open = This round is open for plans.
rounds-now-review = Submitting is closed. The area coordinator is reviewing the plans. After that voting starts.
rounds-now-voting = Residents are now voting with the code from their letter, or on paper at the village evening.
rounds-now-counted = Voting is over and the votes have been counted. The money for the chosen plans is committed when the area coordinator closes the round.
rounds-now-closed = Voting is over and the votes have been counted. The money for the chosen plans has been committed.
rounds-now-annulled = The steering group declared this round invalid after an objection. No money was committed; the round's money is back in the pot. The count is shown below, for information only.
rounds-about = About this round
rounds-vote-until = You can vote up to and including { $date }.
rounds-counting = Counting
rounds-fingerprint = Fingerprint of the rules
rounds-fingerprint-explained = When voting started, the rules, the budget and the plans on the ballot were fixed. The fingerprint above belongs to them: if anything at all changes, the fingerprint changes too. That way anyone can check that nothing changed during voting.
rounds-not-on-ballot = Plans that were not on the ballot
rounds-paper-saved = The vote has been saved.
rounds-paper-write-code = Write this receipt code on the ballot paper:
rounds-paper-chosen = Chosen plans: { $plans }.
rounds-plans = Plans
rounds-no-plans = No plans have been submitted yet.
rounds-why-rejected = Why rejected
rounds-explanation = Explanation
rounds-count-per-plan = The count per plan
rounds-how-counted = How were the votes counted?
rounds-spent-left = { $spent } goes to the chosen plans. { $left } is left over. That money stays in the pot of { $area } for a next round.
rounds-committed = When the round was closed, the money for the chosen plans was transferred from the pot of { $area } to each plan. Finance sees these transfers in the accounts, with the result of this round as the decision.
rounds-col-number = No.
rounds-col-explanation = Explanation
rounds-left-over = Left: { $amount }
rounds-all-votes = All votes
rounds-all-votes-intro = Everyone who voted got a receipt code. Look for your receipt code in the list below. Are the plans you chose shown there? Then your vote was counted correctly. Nowhere does it say who had which code.
rounds-something-wrong = Is something wrong?
rounds-download = Download all votes (pabulib file)
rounds-download-why = With this file anyone can recount the result themselves, also with other programs.
rounds-votes-per-code = Votes per receipt code
rounds-col-receipt = Receipt code
rounds-no-votes = Nobody voted in this round.

# The village page: every plan of the year
village-all-plans = All plans in { $year }
village-plan-round-annulled = The round was declared invalid
village-plan-chosen-done = Chosen and finished

# The resident's code page and the rounds open with a code (views/codes.rs)
codes-title = Voting
codes-voting-for = You are voting for { $area }.
codes-label = Enter the voting code from your letter
codes-hint = The code is in the letter from the municipality. It has 20 letters and digits, for example K7PM-2XQ9-HT4W-R8NC-5DFG. Capital or small letters: it does not matter. You may leave out the dashes.
codes-next = Continue
codes-help-title = Need help?
codes-help-lost = Did you not get a letter, or have you lost it?
codes-help-new = You will then get a new code. The old code stops working after that.
codes-refused = We cannot use this voting code. Check that you typed the code correctly. The code may also belong to another village or neighbourhood, or the municipality may have sent you a new code. Still not working? Please contact the municipality.
codes-too-many = You have tried a code that does not work too many times. Wait 15 minutes and then try again. Still not working? Please contact the municipality.
codes-home-title = You are voting for { $area }
codes-home-signed-in = Your voting code is correct. You are signed in.
codes-home-none-open = There is no voting round open for { $area } yet, so you cannot vote yet. When the voting round starts, you can vote here on the plans for your village or neighbourhood.
codes-home-open = { $count ->
    [one] You can vote in this voting round now.
   *[other] You can vote in { $count } voting rounds now. You have one vote in each round.
}
codes-home-round = Quarter { $quarter } of { $year }. There is { $budget } to share out.
codes-home-on-ballot = { $count ->
    [one] There is 1 plan on the ballot.
   *[other] There are { $count } plans on the ballot.
}
codes-home-voted = You have voted in this round.
codes-home-vote = Vote in this round
codes-home-valid = Your code is valid for the voting rounds of { $year }.
