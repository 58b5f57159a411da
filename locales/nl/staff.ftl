# Texts of the staff pages (sign-in, account, finance, council, administration, codes,
# review, audit, report). Dutch is the default language; keep every key also in
# en/staff.ftl.

## Shared on the staff pages

staff-email = E-mailadres
staff-password = Wachtwoord
staff-name = Naam
staff-roles = Rollen
staff-action = Actie
staff-confirm = Bevestigen

## Roles, kinds and statuses

staff-role-initiator = Initiatiefnemer
staff-role-coordinator = Gebiedsregisseur
staff-role-clerk = Medewerker financiën
staff-role-approver = Fiatteur financiën
staff-role-steering = Stuurgroep
staff-role-council = Raadslid
staff-role-admin = Beheerder
staff-kind-budget-allocation = Begroting vastgesteld
staff-kind-budget-to-pool = Begrotingspost naar pot
staff-kind-funder-contribution = Bijdrage financier
staff-kind-correction = Correctie
staff-kind-commitment = Toegekend aan plan (uitslag ronde)
staff-kind-payment = Betaling voor plan
staff-kind-return = Terug naar de pot (plan klaar)
staff-status-pending = Wacht op goedkeuring
staff-status-posted = Geboekt
staff-status-rejected = Afgewezen
staff-account-budget-line = begrotingspost
staff-account-pool = pot
staff-account-funder = financier
staff-account-plan = plan
staff-account-paid-out = uitbetaald
staff-area-village = dorp
staff-area-neighbourhood = wijk
staff-funder-municipality = gemeente
staff-funder-housing = woningcorporatie
staff-funder-other = anders

## Sign in, register, account, second step

staff-login-title = Inloggen
staff-login-register = Wilt u een plan indienen en heeft u nog geen account? { $link }.
staff-login-register-link = Maak een account
staff-login-vote = Wilt u stemmen? Daarvoor heeft u geen account nodig: { $link }.
staff-login-vote-link = gebruik de stemcode uit uw brief
staff-login-registered = Dank u. Als dit e-mailadres nog geen account had, is het nu aangemaakt en kunt u inloggen. Had het al een account, dan sturen we de eigenaar een bericht.
staff-login-refused = Deze combinatie van e-mailadres en wachtwoord kennen we niet.
staff-login-throttled = Er is te vaak verkeerd ingelogd. Wacht 15 minuten en probeer het dan opnieuw.
staff-login-email-empty = Vul uw e-mailadres in.
staff-login-password-empty = Vul uw wachtwoord in.
staff-code-title = Code uit de app
staff-code-heading = Vul de code uit uw app in
staff-code-intro = Open de app op uw telefoon waarmee u de tweede stap heeft ingesteld. Vul de 6 cijfers in die de app nu laat zien.
staff-code-field = Code (6 cijfers)
staff-code-refused = Deze code klopt niet of is verlopen. Vul de nieuwste code uit de app in, of log opnieuw in.
staff-code-format = Vul de 6 cijfers in die de app nu laat zien, bijvoorbeeld 123 456.
staff-register-title = Account maken
staff-register-heading = Account maken om een plan in te dienen
staff-register-intro = Met een account kunt u een plan voor uw dorp of wijk indienen en volgen. Om te stemmen heeft u geen account nodig.
staff-register-name = Uw naam
staff-register-name-hint = Deze naam staat bij uw plan.
staff-register-password-hint = Minstens 12 tekens. Een zin van een paar woorden is goed te onthouden en moeilijk te raden.
staff-register-privacy = We bewaren alleen uw e-mailadres, uw naam en uw plannen. Lees { $link }.
staff-register-privacy-link = hoe we met uw gegevens omgaan
staff-register-throttled = Er zijn vanaf deze verbinding te veel accounts gemaakt. Probeer het over een uur opnieuw.
staff-second-step = Tweede stap
staff-second-step-set = Ingesteld
staff-second-step-not-set = Nog niet ingesteld
staff-account-to-budget = Naar de begroting
staff-sessions-title = Waar u bent ingelogd
staff-sessions-created = Ingelogd op
staff-sessions-seen = Laatst actief
staff-sessions-this = Deze sessie
staff-sessions-end = Uitloggen op dit apparaat
staff-totp-title = Tweede stap instellen
staff-totp-heading = Tweede stap bij het inloggen
staff-totp-done = De tweede stap is ingesteld. Bij het inloggen vragen we steeds de code uit uw app.
staff-totp-step-1 = Open een app voor inlogcodes op uw telefoon (bijvoorbeeld een authenticator-app).
staff-totp-step-2 = Scan deze QR-code met de app, of typ de sleutel over.
staff-totp-step-3 = Vul hieronder de 6 cijfers in die de app laat zien.
staff-totp-qr = QR-code voor de app
staff-totp-key = Sleutel:
staff-totp-code = Code uit de app (6 cijfers)
staff-totp-why = Medewerkers loggen in met hun wachtwoord én een code uit een app op hun telefoon. Zo kan niemand met alleen uw wachtwoord bij het geld van de dorpen.
staff-totp-start = Begin met instellen

## Council dashboard and audit events

staff-council-title = Overzicht voor de raad
staff-council-intro = Hier ziet u per dorp of wijk waar het geld van de burgerbegroting vandaan kwam, wat inwoners ermee hebben gekozen en wat er over is. U kunt alles alleen bekijken, niet veranderen.
staff-period-choose = Kies een periode
staff-period-show = Toon deze periode
staff-period = Periode:
staff-period-from = Van
staff-period-from-hint = Eerste dag, bijvoorbeeld 2026-01-01. Leeg: vanaf het begin.
staff-period-to = Tot en met
staff-period-to-hint = Laatste dag, bijvoorbeeld 2026-03-31. Leeg: tot vandaag.
staff-period-between = { $from } tot en met { $to }
staff-period-since = vanaf { $from }
staff-period-until = tot en met { $to }
staff-period-all = vanaf het begin tot nu
staff-council-downloads = Rapport en bundel
staff-council-report-view = Rapport voor deze periode bekijken of afdrukken
staff-council-report-download = Rapport downloaden
staff-council-bundle = Controlebundel voor deze periode downloaden
staff-council-bundle-what = (zip met logboek, grootboek, stemmen, uitslagen en rapport)
staff-council-events-link = Alle gebeurtenissen in het logboek bekijken
staff-money-per-area = Geld per gebied
staff-council-rounds = Stemrondes in deze periode
staff-council-no-rounds = In deze periode is er geen stemronde geteld.
staff-events-title = Gebeurtenissen in het logboek
staff-events-back = Terug naar het overzicht voor de raad
staff-events-intro = Alles wat er in de burgerbegroting gebeurt, komt als gebeurtenis in het logboek. De nieuwste staat bovenaan. Een stem van een inwoner staat er zonder naam of stemcode in.
staff-filter-title = Filteren
staff-filter = Filter
staff-filter-all-kinds = Alle soorten
staff-filter-all-areas = Alle gebieden
staff-events-kind = Soort gebeurtenis
staff-events-area = Dorp of wijk
staff-events-found = { $count ->
    [one] 1 gebeurtenis gevonden.
   *[other] { $count } gebeurtenissen gevonden.
}
staff-page-of = Pagina { $page } van { $pages }.
staff-events-table = Gebeurtenissen
staff-events-caption = Gebeurtenissen, nieuwste eerst
staff-events-seq = Nummer
staff-events-time = Tijd
staff-events-who = Wie
staff-events-kind-col = Soort
staff-events-about = Waarover
staff-events-as-recorded = Zoals vastgelegd
staff-events-show = Toon gebeurtenis { $seq }
staff-events-leaf-hash = Vingerafdruk (leaf hash):
staff-events-pages = Pagina's met gebeurtenissen
staff-events-newer = Vorige pagina (nieuwer)
staff-events-older = Volgende pagina (ouder)
staff-actor-resident = Inwoner (zonder naam)
staff-actor-system = Het systeem
staff-actor-cli = Beheer (opdrachtregel)
staff-actor-cli-named = { $who } (opdrachtregel)
staff-event-area-created = Gebied aangemaakt
staff-event-area-settings-changed = Gebied aangepast
staff-event-audit-signing-resumed = Ondertekenen hervat
staff-event-audit-signing-stopped = Ondertekenen gestopt
staff-event-ballot-cast = Stem uitgebracht
staff-event-budget-line-imported = Begrotingspost ingelezen
staff-event-funder-created = Financier aangemaakt
staff-event-initiative-reviewed = Plan beoordeeld
staff-event-initiative-submitted = Plan ingediend
staff-event-ledger-imported = Begroting ingelezen
staff-event-maintenance-pruned = Onderhoud: oude sessies opgeruimd
staff-event-role-granted = Rol gegeven
staff-event-role-revoked = Rol afgenomen
staff-event-pool-earmark-released = Apart gezet geld vrijgegeven
staff-event-pool-earmarked = Geld apart gezet
staff-event-pool-released = Reservering van een ronde vrijgegeven
staff-event-pool-reserved = Budget van een ronde gereserveerd
staff-event-round-closed = Ronde afgesloten, geld vastgelegd
staff-event-round-counted = Stemmen geteld
staff-event-round-created = Ronde aangemaakt
staff-event-round-review-started = Indienen gesloten, beoordeling begonnen
staff-event-round-voting-opened = Stemmen geopend
staff-event-staff-login = Medewerker ingelogd
staff-event-transfer-created = Overboeking geboekt
staff-event-transfer-proposed = Overboeking voorgesteld
staff-event-transfer-approved = Overboeking goedgekeurd
staff-event-transfer-rejected = Overboeking afgewezen
staff-event-user-created = Gebruiker aangemaakt
staff-event-user-password-rehashed = Wachtwoord opnieuw versleuteld
staff-event-user-second-factor-enabled = Tweede stap ingesteld
staff-event-voting-code-replaced = Stemcode vervangen
staff-event-voting-code-revoked = Stemcode ingetrokken
staff-event-voting-codes-batch-generated = Stemcodes aangemaakt
