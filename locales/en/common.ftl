# Shared texts: the page frame (header, menu, footer), error pages, shared components and
# confirmations. English, chosen by the visitor; keep every key also in nl/common.ftl.

## The page frame

layout-site-plain = Citizens' Budget
layout-site-named = Citizens' Budget { $name }
layout-skip-link = Skip to content
layout-main-menu = Main menu
layout-menu = Menu
layout-signed-in-as = Signed in as
layout-logout = Sign out

nav-budget = Budget
nav-pools = Pots per area
nav-transfers = Transfers
nav-plan-payments = Payments to plans
nav-council = Council overview
nav-objections = Objections
nav-my-areas = My areas
nav-new-transfer = New transfer
nav-import = Import the budget
nav-approve = Approve
nav-areas-funders = Areas and funders
nav-users = Users
nav-voting-codes = Voting codes
nav-rounds = Rounds
nav-villages = Villages
nav-account = My account

footer-contact-title = Contact the { $name }
footer-phone = Phone
footer-email = Email
footer-address = Address
footer-opening-hours = Opening hours
footer-website = Website of the { $name }
footer-privacy = Privacy statement
footer-accessibility = Accessibility statement
footer-audit = Check the log
footer-about = With the log you can check that nothing was changed in secret. Budget data: source CBS (Iv3 open data, CC BY 4.0).

## The municipality in a sentence, and how to reach it

common-municipality = municipality
common-municipality-of = municipality of { $place }
common-contact-sentence = Please contact the { $who }.
common-contact-sentence-ways = Please contact the { $who }: { $ways }.
common-contact-call = call { $phone }
common-contact-mail = email { $email }
common-contact-or = or

## Shared components

common-error-summary-title = Something is not filled in correctly
common-error-prefix = Error:
common-table-scroll-hint = Is the table wider than your screen? Then scroll it sideways.
common-plans = { $count ->
    [one] { $count } plan
   *[other] { $count } plans
}

transfer-status-pending = Waiting for approval
transfer-status-posted = Posted
transfer-status-rejected = Rejected

## Error pages

error-not-found-title = Not found
error-not-found-text = This page does not exist (any more). Check the address or go back to the previous page.
error-forbidden-title = No access
error-csrf-title = Form expired
error-csrf-text = This form has expired or did not come from this website. Go back, reload the page and try again.
error-bad-request-title = Incorrect request
error-bad-request-text = The form was not filled in correctly. Go back and try again.
error-conflict-title = This is not possible
error-throttled-title = Too many attempts
error-throttled-text = A wrong code or a wrong password was entered too often. Wait 15 minutes and then try again.
error-internal-title = Something went wrong
error-internal-text = Something went wrong on our side. Nothing was half saved. Please try again in a few minutes.
error-code = Error code: { $id }.
error-db-conflict = This clashes with data that was already saved (maybe someone else just did the same). Reload the page and check whether it is still needed.
error-to-home = To the home page

## Confirmation of an irreversible step

confirm-what-happens = What will happen
confirm-no-undo = You cannot undo this afterwards.
confirm-back = No, go back without doing anything
common-error-title = Error: { $title }
