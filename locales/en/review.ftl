# Texts of the coordinator's review of a plan (its checklist, taakveld, amount and
# decision), an area's checklist and rules, and the objections (bezwaren): the
# steering group's page and its decisions, the forms to object, and the objection
# sections on the round and plan pages. Keep every key also in nl/review.ftl.

## The review of one plan

review-title = Review plan { $number }: { $title }
review-back-to-round = Back to the round { $round }
review-area = Village or neighbourhood
review-status = Status
review-amount-asked = Amount asked
review-max-per-plan = Maximum per plan
review-cost-lines = Costs per item
review-voting-started = Voting has started. The review is fixed and can no longer change.
review-checklist-of = The checklist of { $area }
review-checklist-intro = For each point, choose whether the plan meets it. You can put the plan on the ballot when it meets every point. If you reject the plan, choose "Does not meet" for at least one point and write briefly why. The verdict appears on the plan's page.
review-checklist-edit = Change the checklist
review-taakveld = Taakveld
review-amount = Amount
review-amount-intro = Is the amount wrong, for example because a quote turned out lower? Change it here and explain why. The village sees the old and the new amount with your explanation.
review-amount-field = Amount in euros
review-amount-hint = For example 2,500.00 (a point before the cents)
review-explanation-field = Explanation of a new amount
review-explanation-hint = Only needed if you change the amount.
review-decision = Decision
review-reason-field = Explanation for the initiator and the village
review-reason-hint = Required if you reject the plan.
review-nominate-button = Put plan { $number } on the ballot
review-save-button = Save without a decision
review-reject-button = Reject plan { $number }
review-note-field = Short explanation
review-note-hint = Required with "Does not meet".
review-verdict-meets = Meets
review-verdict-fails = Does not meet
review-taakveld-field = The municipality's taakveld (budget task field)
review-taakveld-hint = For the municipality's budget. Needed to put the plan on the ballot.
review-taakveld-choose = Choose a taakveld
review-plan-submitted = Submitted
review-plan-nominated = On the ballot
review-plan-rejected = Rejected
review-amount-empty = Fill in the plan's amount.

## An area's checklist and rules

review-rules-title = Checklist and rules of { $area }
review-rules-back = Back to my areas
review-rules-default = { $area } now uses the standard checklist. Change it below if the village has made other agreements.
review-rules-checklist-field = Checklist for the review
review-rules-checklist-hint = One point per line, at most 12. For each plan the area coordinator chooses per point whether the plan meets it.
review-rules-wait-field = Waiting time after a funded plan, in months
review-rules-wait-hint = Whoever in this village received money for a plan waits this long before handing in a new plan. 0 means: nobody waits.
review-rules-save = Save
review-rules-saved = The checklist and the rules have been saved.

## Objections: kinds, choices and outcomes

objections-kind-rejection = Objection to the rejection of a plan
objections-kind-result = Objection to the result
objections-choice-rejected = Reject: the decision stands
objections-choice-nominate = Uphold: the plan goes on the ballot
objections-choice-recount = Uphold: count the votes again with the recorded rules
objections-choice-annul = Uphold: declare the round void (no money is committed)
objections-outcome-rejected = Objection rejected
objections-outcome-nominate = Objection upheld: the plan is on the ballot
objections-outcome-recount = Objection upheld: the votes have been counted again
objections-outcome-annul = Objection upheld: the round has been declared void

## Objections: shared pieces

objections-decided-on = { $outcome } ({ $date }).
objections-decision-reason = The steering group's reason: { $reason }
objections-not-decided = The steering group has not decided yet.
objections-subject-rejection = Rejection of { $plan } in { $round }
objections-subject-plan = plan { $number }: { $title }
objections-subject-result = Result of { $round }
objections-objection = Objection: { $reason }
objections-rejection-reason = Reason for the rejection: { $reason }

## The steering group's page

objections-queue-title = Objections
objections-queue-heading = Objections for the steering group
objections-queue-intro = The steering group decides on each objection once. The decision and its reason are public and final. You do not decide on an objection to your own decision.
objections-queue-waiting = Waiting for a decision ({ $count })
objections-queue-none = No objections are waiting.
objections-queue-recent = Recently decided
objections-queue-no-decisions = No decisions yet.
objections-queue-decided = The decision has been recorded and is shown on the round's page.
objections-filed-on = Filed on { $date }.
objections-own = This objection is about your own decision (or it is your own objection). Another member of the steering group decides.
objections-decision = Decision
objections-reason-field = Reason (public)
objections-reason-hint = Anyone can read this reason on the round's page.
objections-final = This decision is final.
objections-final-confirm = You first see what will happen and then confirm.
objections-decide-button = Record the decision
objections-already-decided = This objection has already been decided. The decision is final.

## The confirmation of a decision

objections-confirm-title-rejection = Decide on the objection to the rejection of plan { $number }: { $title }?
objections-confirm-title-result = Decide on the objection to the result of { $round }?
objections-confirm-nominate = You uphold the objection. Plan { $number } ({ $title }) goes on the ballot of { $round }. The rejection no longer applies.
objections-confirm-rejected-plan = You reject the objection. Plan { $number } ({ $title }) stays rejected and does not go on the ballot.
objections-confirm-rejected-result = You reject the objection. The result of { $round } stands.
objections-confirm-recount = You uphold the objection. The votes of { $round } are counted again with the rules recorded when voting opened. The new result replaces the old one (it may also stay the same) and a new objection period starts.
objections-confirm-annul = You uphold the objection. { $round } is declared void: no money is committed for the plans of this round and the reserved money goes back to the pool.
objections-confirm-public = Anyone can read the decision and your reason on the round's page: "{ $reason }"
objections-confirm-button-upheld = Yes, uphold the objection
objections-confirm-button-rejected = Yes, reject the objection

## Objections on the round and plan pages

objections-section = Objections
objections-result-open = Do you disagree with the result? Anyone with a voting code of { $area } can object to the steering group up to and including { $date }. The money is only committed once that period has passed and the steering group has decided on every objection.
objections-result-link = Object to the result
objections-result-closed = Objecting to the result was possible up to and including { $date }.
objections-filed-kind = { $kind } of { $date }
objections-about-plan = (plan { $number }: { $title })
objections-plan-section = Objection to the rejection
objections-plan-filed = On { $date } the initiator objected: { $reason }
objections-plan-may = Object
objections-plan-until = Do you disagree with the rejection? You can object to the steering group up to and including { $date }, but only as long as voting has not started.
objections-plan-link = Object to the rejection

## The forms to object

objections-rejection-title = Objection to the rejection
objections-rejection-heading = Objection to the rejection of plan { $number }
objections-you-filed = On { $date } you objected: { $reason }
objections-rejection-until = You can object up to and including { $date }, as long as voting has not started. The steering group decides and puts the reason on the plan's page. Voting does not open until the steering group has decided.
objections-rejection-field = Why do you disagree with the rejection?
objections-rejection-hint = At most { $max } characters. Anyone can read this.
objections-submit = Submit objection
objections-rejection-not-now = You cannot object to the rejection of this plan now: only its initiator can, within the objection period and before voting starts.
objections-result-title = Objection to the result
objections-result-received = Your objection has been received. The steering group decides and puts the decision with its reason on the round's page.
objections-to-round = To the round
objections-result-not-now = The result of this round cannot be objected to now.
objections-result-was-until = Objecting was possible up to and including { $date }.
objections-result-with-code = You can object with the voting code from your letter.
objections-result-code-link = Sign in with your voting code
objections-result-initiator = Did you hand in a plan in this round? { $link }.
objections-result-login-link = Then sign in with your account
objections-result-until = You can object up to and including { $date }. Your name and your code are not shown; your objection is.
objections-result-field = Why do you disagree with the result?
objections-result-hint = At most { $max } characters.

## An area's objection window

objections-window-title = Objection period
objections-window-saved = The objection period has been saved.
objections-window-intro = For this many days after a rejection or after the count, anyone can object to the steering group. The money of a counted round is only committed once this period has passed. 0 means: no objections possible.
objections-window-field = Number of days
objections-window-hint = 0 up to and including 60; usually 7.
objections-window-save = Save

## The start page of the steering group

objections-home-title = Objections for the steering group
objections-home-waiting = { $count ->
    [one] { $count } objection is waiting for your decision.
   *[other] { $count } objections are waiting for your decision.
}
objections-home-none = No objections are waiting for your decision now.
objections-home-all = To the objections
