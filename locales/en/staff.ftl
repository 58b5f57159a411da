# Texts of the staff pages (sign-in, account, finance, council, administration, codes,
# review, audit, report) in English. Keep every key also in nl/staff.ftl.

## Shared on the staff pages

staff-email = Email address
staff-password = Password
staff-name = Name
staff-roles = Roles
staff-action = Action
staff-confirm = Confirm

## Roles, kinds and statuses

staff-role-initiator = Initiator
staff-role-coordinator = Area coordinator
staff-role-clerk = Finance clerk
staff-role-approver = Finance approver
staff-role-steering = Steering group
staff-role-council = Council member
staff-role-admin = Administrator
staff-kind-budget-allocation = Budget set
staff-kind-budget-to-pool = Budget line to pool
staff-kind-funder-contribution = Funder contribution
staff-kind-correction = Correction
staff-kind-commitment = Granted to a plan (round result)
staff-kind-payment = Payment for a plan
staff-kind-return = Back to the pool (plan done)
staff-status-pending = Waiting for approval
staff-status-posted = Booked
staff-status-rejected = Rejected
staff-account-budget-line = budget line
staff-account-pool = pool
staff-account-funder = funder
staff-account-plan = plan
staff-account-paid-out = paid out
staff-area-village = village
staff-area-neighbourhood = neighbourhood
staff-funder-municipality = municipality
staff-funder-housing = housing corporation
staff-funder-other = other

## Sign in, register, account, second step

staff-login-title = Sign in
staff-login-register = Do you want to submit a plan and have no account yet? { $link }.
staff-login-register-link = Create an account
staff-login-vote = Do you want to vote? You need no account for that: { $link }.
staff-login-vote-link = use the voting code from your letter
staff-login-registered = Thank you. If this email address had no account yet, it has been created now and you can sign in. If it already had one, we send its owner a message.
staff-login-refused = We do not know this combination of email address and password.
staff-login-throttled = There were too many wrong sign-ins. Wait 15 minutes and then try again.
staff-login-email-empty = Fill in your email address.
staff-login-password-empty = Fill in your password.
staff-code-title = Code from the app
staff-code-heading = Fill in the code from your app
staff-code-intro = Open the app on your phone that you set up for the second step. Fill in the 6 digits that the app shows now.
staff-code-field = Code (6 digits)
staff-code-refused = This code is wrong or has expired. Fill in the newest code from the app, or sign in again.
staff-code-format = Fill in the 6 digits that the app shows now, for example 123 456.
staff-register-title = Create account
staff-register-heading = Create an account to submit a plan
staff-register-intro = With an account you can submit a plan for your village or neighbourhood and follow it. You need no account to vote.
staff-register-name = Your name
staff-register-name-hint = This name is shown with your plan.
staff-register-password-hint = At least 12 characters. A sentence of a few words is easy to remember and hard to guess.
staff-register-privacy = We only keep your email address, your name and your plans. Read { $link }.
staff-register-privacy-link = how we handle your data
staff-register-throttled = Too many accounts were made from this connection. Try again in an hour.
staff-second-step = Second step
staff-second-step-set = Set up
staff-second-step-not-set = Not set up yet
staff-account-to-budget = To the budget
staff-sessions-title = Where you are signed in
staff-sessions-created = Signed in on
staff-sessions-seen = Last active
staff-sessions-this = This session
staff-sessions-end = Sign out on this device
staff-totp-title = Set up the second step
staff-totp-heading = Second step when signing in
staff-totp-done = The second step is set up. When you sign in, we always ask for the code from your app.
staff-totp-step-1 = Open an app for sign-in codes on your phone (for example an authenticator app).
staff-totp-step-2 = Scan this QR code with the app, or type the key.
staff-totp-step-3 = Fill in below the 6 digits that the app shows.
staff-totp-qr = QR code for the app
staff-totp-key = Key:
staff-totp-code = Code from the app (6 digits)
staff-totp-why = Staff sign in with their password and a code from an app on their phone. That way nobody can reach the villages' money with only your password.
staff-totp-start = Start setting up

## Council dashboard and audit events

staff-council-title = Overview for the council
staff-council-intro = Here you see for each village or neighbourhood where the money of the citizens' budget came from, what residents chose with it and what is left. You can only look at everything, not change it.
staff-period-choose = Choose a period
staff-period-show = Show this period
staff-period = Period:
staff-period-from = From
staff-period-from-hint = First day, for example 2026-01-01. Empty: from the start.
staff-period-to = Up to and including
staff-period-to-hint = Last day, for example 2026-03-31. Empty: up to today.
staff-period-between = { $from } up to and including { $to }
staff-period-since = from { $from }
staff-period-until = up to and including { $to }
staff-period-all = from the start until now
staff-council-downloads = Report and bundle
staff-council-report-view = View or print the report for this period
staff-council-report-download = Download the report
staff-council-bundle = Download the audit bundle for this period
staff-council-bundle-what = (zip with log, ledger, votes, results and report)
staff-council-events-link = View all events in the log
staff-money-per-area = Money per area
staff-council-rounds = Voting rounds in this period
staff-council-no-rounds = No voting round was counted in this period.
staff-events-title = Events in the log
staff-events-back = Back to the overview for the council
staff-events-intro = Everything that happens in the citizens' budget goes into the log as an event. The newest is at the top. A resident's vote is in it without a name or voting code.
staff-filter-title = Filter the list
staff-filter = Filter
staff-filter-all-kinds = All kinds
staff-filter-all-areas = All areas
staff-events-kind = Kind of event
staff-events-area = Village or neighbourhood
staff-events-found = { $count ->
    [one] 1 event found.
   *[other] { $count } events found.
}
staff-page-of = Page { $page } of { $pages }.
staff-events-table = Events
staff-events-caption = Events, newest first
staff-events-seq = Number
staff-events-time = Time
staff-events-who = Who
staff-events-kind-col = Kind
staff-events-about = About
staff-events-as-recorded = As recorded
staff-events-show = Show event { $seq }
staff-events-leaf-hash = Fingerprint (leaf hash):
staff-events-pages = Pages with events
staff-events-newer = Previous page (newer)
staff-events-older = Next page (older)
staff-actor-resident = Resident (no name)
staff-actor-system = The system
staff-actor-cli = Administration (command line)
staff-actor-cli-named = { $who } (command line)
staff-event-area-created = Area created
staff-event-area-settings-changed = Area changed
staff-event-audit-signing-resumed = Signing resumed
staff-event-audit-signing-stopped = Signing stopped
staff-event-ballot-cast = Vote cast
staff-event-budget-line-imported = Budget line read in
staff-event-funder-created = Funder created
staff-event-initiative-reviewed = Plan reviewed
staff-event-initiative-submitted = Plan submitted
staff-event-ledger-imported = Budget read in
staff-event-maintenance-pruned = Maintenance: old sessions cleared
staff-event-role-granted = Role given
staff-event-role-revoked = Role taken away
staff-event-pool-earmark-released = Money set aside released
staff-event-pool-earmarked = Money set aside
staff-event-pool-released = Reservation of a round released
staff-event-pool-reserved = Budget of a round reserved
staff-event-round-closed = Round closed, money committed
staff-event-round-counted = Votes counted
staff-event-round-created = Round created
staff-event-round-review-started = Submitting closed, review started
staff-event-round-voting-opened = Voting opened
staff-event-staff-login = Staff member signed in
staff-event-transfer-created = Transfer booked
staff-event-transfer-proposed = Transfer proposed
staff-event-transfer-approved = Transfer approved
staff-event-transfer-rejected = Transfer rejected
staff-event-user-created = User created
staff-event-user-password-rehashed = Password encrypted again
staff-event-user-second-factor-enabled = Second step set up
staff-event-voting-code-replaced = Voting code replaced
staff-event-voting-code-revoked = Voting code revoked
staff-event-voting-codes-batch-generated = Voting codes created
