# Texts of the administration pages (accounts and roles, areas and funders, the
# coordinators' area settings) and of the password change on the account page, in
# English. Keep every key also in nl/admin.ftl.

## Accounts and roles (/beheer/gebruikers)

admin-users-title = Users and roles
admin-users-csv = Download who has which role (CSV, for the quarterly review)
admin-users-region = Users
admin-users-caption = All accounts
admin-users-name-email = Name and email
admin-users-status = Status
admin-users-actions = Actions
admin-users-revoke = revoke
admin-users-revoke-label = Revoke role { $role } from { $email }
admin-users-add-role = Add a role
admin-users-area = Area
admin-users-no-area = None (only needed for area coordinators)
admin-users-add = Add
admin-users-second-step-not-yet = Not yet
admin-users-blocked = Blocked
admin-users-active = Active
admin-users-unblock = Unblock
admin-users-block = Block
admin-users-block-label = Block { $email }
admin-users-new-title = New account for a staff member
admin-users-role = Role
admin-users-first-password = First password
admin-users-first-password-hint = At least 12 characters. Hand it over in person.
admin-users-create = Create account
admin-users-created = The account for { $email } has been created.
admin-users-role-missing = Choose a role from the list.
admin-users-area-missing = Choose the area of this area coordinator.
admin-users-role-added = The role has been added.
admin-users-revoke-title = Revoke role { $role } from { $who }?
admin-users-revoke-loses = { $who } loses the role { $role }. This person can no longer do what comes with that role, starting now.
admin-users-revoke-rest = { $count ->
    [0] After that this person has no other role.
    [one] After that this person keeps 1 other role.
   *[other] After that this person keeps { $count } other roles.
}
admin-users-revoke-log = What this person did with the role stays in the audit log.
admin-users-revoke-confirm = Yes, revoke the role
admin-users-revoked = The role has been revoked.
admin-users-block-title = Block the account of { $who }?
admin-users-block-signed-out = { $who } is signed out on every device at once and can no longer sign in.
admin-users-block-roles-kept = { $count ->
    [one] The roles are kept (1 role). You can unblock the account later.
   *[other] The roles are kept ({ $count } roles). You can unblock the account later.
}
admin-users-block-confirm = Yes, block the account
admin-users-blocked-done = The account has been blocked and signed out everywhere.
admin-users-unblocked-done = The account is active again.

## Areas and funders (/beheer)

admin-title = Administration
admin-heading = Administration: areas and funders
admin-areas = Areas
admin-area-name = Name of the new village or neighbourhood
admin-kind = Kind
admin-kind-village = Village
admin-kind-neighbourhood = Neighbourhood
admin-area-add = Add area
admin-area-added = Area { $name } has been added, with a pot of its own.
admin-funders = Funders
admin-funders-caption = Funders and what they contributed
admin-funders-name = Name
admin-funders-balance = Balance
admin-funder-name = Name of the new funder
admin-funder-housing = Housing corporation
admin-funder-municipality = Municipality
admin-funder-other = Other
admin-funder-add = Add funder
admin-funder-added = Funder { $name } has been added.

## A coordinator's areas (/gebieden)

admin-my-areas-title = My areas
admin-my-areas-none = You are not the area coordinator of any area.
admin-my-areas-objection = Objection period
admin-area-settings-title = Settings of { $name }
admin-area-settings-back = Back to my areas
admin-area-settings-max = Current maximum per plan:
admin-area-settings-no-max = none
admin-area-settings-description = What the village finds important (the checklist for plans)
admin-area-settings-max-field = Maximum per plan in euros
admin-area-settings-max-hint = For example 5,000.00 (a point before the cents). Leave empty for no maximum.
admin-area-settings-save = Save

## Changing one's password (/account/wachtwoord)

admin-password-link = Change password
admin-password-title = Change password
admin-password-intro = First fill in your current password. Then choose a new password. You are then signed out on your other devices; on this device you stay signed in.
admin-password-current = Current password
admin-password-new = New password
admin-password-new-hint = At least 12 characters. A sentence of a few words is easy to remember and hard to guess.
admin-password-repeat = New password once more
admin-password-save = Change password
admin-password-back = Back to my account
admin-password-current-empty = Fill in your current password.
admin-password-current-wrong = This is not your current password.
admin-password-throttled = A wrong password was filled in too often. Wait 15 minutes and then try again.
admin-password-same = Choose a new password that differs from your current password.
admin-password-repeat-empty = Fill in the new password once more.
admin-password-mismatch = The two new passwords are not the same. Type the new password exactly the same twice.
admin-password-changed = Your password has been changed. You have been signed out on your other devices.
