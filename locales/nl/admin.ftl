# Texts of the administration pages (accounts and roles, areas and funders, the
# coordinators' area settings) and of the password change on the account page. Dutch is
# the default language; keep every key also in en/admin.ftl.

## Accounts and roles (/beheer/gebruikers)

admin-users-title = Gebruikers en rollen
admin-users-csv = Download wie welke rol heeft (CSV, voor de kwartaalcontrole)
admin-users-region = Gebruikers
admin-users-caption = Alle accounts
admin-users-name-email = Naam en e-mail
admin-users-status = Status
admin-users-actions = Acties
admin-users-revoke = intrekken
admin-users-revoke-label = Rol { $role } intrekken bij { $email }
admin-users-add-role = Rol toevoegen
admin-users-area = Gebied
admin-users-no-area = Geen (alleen nodig voor gebiedsregisseurs)
admin-users-add = Toevoegen
admin-users-second-step-not-yet = Nog niet
admin-users-blocked = Geblokkeerd
admin-users-active = Actief
admin-users-unblock = Deblokkeren
admin-users-block = Blokkeren
admin-users-block-label = { $email } blokkeren
admin-users-new-title = Nieuw account voor een medewerker
admin-users-role = Rol
admin-users-first-password = Eerste wachtwoord
admin-users-first-password-hint = Minstens 12 tekens. Geef het persoonlijk door.
admin-users-create = Account maken
admin-users-created = Account voor { $email } is gemaakt.
admin-users-role-missing = Kies een rol uit de lijst.
admin-users-area-missing = Kies het gebied van deze gebiedsregisseur.
admin-users-role-added = De rol is toegevoegd.
admin-users-revoke-title = Rol { $role } intrekken bij { $who }?
admin-users-revoke-loses = { $who } verliest de rol { $role }. Wat bij die rol hoort, kan deze persoon meteen niet meer doen.
admin-users-revoke-rest = { $count ->
    [0] Daarna heeft deze persoon geen andere rol meer.
    [one] Daarna houdt deze persoon 1 andere rol.
   *[other] Daarna houdt deze persoon { $count } andere rollen.
}
admin-users-revoke-log = Wat deze persoon met de rol heeft gedaan, blijft in het logboek staan.
admin-users-revoke-confirm = Ja, rol intrekken
admin-users-revoked = De rol is ingetrokken.
admin-users-block-title = Account van { $who } blokkeren?
admin-users-block-signed-out = { $who } wordt meteen op alle apparaten uitgelogd en kan niet meer inloggen.
admin-users-block-roles-kept = { $count ->
    [one] De rollen blijven bewaard (1 rol). U kunt het account later weer deblokkeren.
   *[other] De rollen blijven bewaard ({ $count } rollen). U kunt het account later weer deblokkeren.
}
admin-users-block-confirm = Ja, account blokkeren
admin-users-blocked-done = Het account is geblokkeerd en overal uitgelogd.
admin-users-unblocked-done = Het account is weer actief.

## Areas and funders (/beheer)

admin-title = Beheer
admin-heading = Beheer: gebieden en financiers
admin-areas = Gebieden
admin-area-name = Naam van het nieuwe dorp of de nieuwe wijk
admin-kind = Soort
admin-kind-village = Dorp
admin-kind-neighbourhood = Wijk
admin-area-add = Gebied toevoegen
admin-area-added = Gebied { $name } is toegevoegd, met een eigen pot.
admin-funders = Financiers
admin-funders-caption = Financiers en wat zij hebben bijgedragen
admin-funders-name = Naam
admin-funders-balance = Saldo
admin-funder-name = Naam van de nieuwe financier
admin-funder-housing = Woningcorporatie
admin-funder-municipality = Gemeente
admin-funder-other = Anders
admin-funder-add = Financier toevoegen
admin-funder-added = Financier { $name } is toegevoegd.

## A coordinator's areas (/gebieden)

admin-my-areas-title = Mijn gebieden
admin-my-areas-none = U bent voor geen enkel gebied gebiedsregisseur.
admin-my-areas-objection = Bezwaartermijn
admin-area-settings-title = Instellingen { $name }
admin-area-settings-back = Terug naar mijn gebieden
admin-area-settings-max = Huidig maximum per plan:
admin-area-settings-no-max = geen
admin-area-settings-description = Wat het dorp belangrijk vindt (de checklist voor plannen)
admin-area-settings-max-field = Maximum per plan in euro
admin-area-settings-max-hint = Bijvoorbeeld 5.000,00. Laat leeg voor geen maximum.
admin-area-settings-save = Opslaan

## Changing one's password (/account/wachtwoord)

admin-password-link = Wachtwoord wijzigen
admin-password-title = Wachtwoord wijzigen
admin-password-intro = Vul eerst uw huidige wachtwoord in. Daarna kiest u een nieuw wachtwoord. Op uw andere apparaten wordt u dan uitgelogd; op dit apparaat blijft u ingelogd.
admin-password-current = Huidig wachtwoord
admin-password-new = Nieuw wachtwoord
admin-password-new-hint = Minstens 12 tekens. Een zin van een paar woorden is goed te onthouden en moeilijk te raden.
admin-password-repeat = Nieuw wachtwoord nog een keer
admin-password-save = Wachtwoord wijzigen
admin-password-back = Terug naar mijn account
admin-password-current-empty = Vul uw huidige wachtwoord in.
admin-password-current-wrong = Dit is niet uw huidige wachtwoord.
admin-password-throttled = Er is te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw.
admin-password-same = Kies een nieuw wachtwoord dat anders is dan uw huidige wachtwoord.
admin-password-repeat-empty = Vul het nieuwe wachtwoord nog een keer in.
admin-password-mismatch = De twee nieuwe wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee keer precies hetzelfde.
admin-password-changed = Uw wachtwoord is gewijzigd. Op uw andere apparaten bent u uitgelogd.
