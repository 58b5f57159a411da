# Shared texts: the page frame (header, menu, footer), error pages, shared components and
# confirmations. Dutch is the default language; keep every key also in en/common.ftl.

## The page frame

layout-site-plain = Burgerbegroting
layout-site-named = Burgerbegroting { $name }
layout-skip-link = Direct naar de inhoud
layout-main-menu = Hoofdmenu
layout-menu = Menu
layout-signed-in-as = Ingelogd als
layout-logout = Uitloggen

nav-budget = Begroting
nav-pools = Potten per gebied
nav-transfers = Overboekingen
nav-plan-payments = Betalingen aan plannen
nav-council = Overzicht raad
nav-objections = Bezwaren
nav-my-areas = Mijn gebieden
nav-new-transfer = Nieuwe overboeking
nav-import = Begroting inlezen
nav-approve = Goedkeuren
nav-areas-funders = Gebieden en financiers
nav-users = Gebruikers
nav-voting-codes = Stemcodes
nav-rounds = Rondes
nav-villages = Dorpen
nav-account = Mijn account

footer-contact-title = Contact met de { $name }
footer-phone = Telefoon
footer-email = E-mail
footer-address = Adres
footer-opening-hours = Openingstijden
footer-website = Website van de { $name }
footer-privacy = Privacyverklaring
footer-accessibility = Toegankelijkheidsverklaring
footer-audit = Controleer het logboek
footer-about = Met het logboek kunt u nagaan dat er niets stiekem is veranderd. Begrotingsgegevens: bron CBS (Iv3 open data, CC BY 4.0).

## The municipality in a sentence, and how to reach it

common-municipality = gemeente
common-municipality-of = gemeente { $place }
common-contact-sentence = Neem dan contact op met de { $who }.
common-contact-sentence-ways = Neem dan contact op met de { $who }: { $ways }.
common-contact-call = bel { $phone }
common-contact-mail = mail naar { $email }
common-contact-or = of

## Shared components

common-error-summary-title = Er is iets niet goed ingevuld
common-error-prefix = Fout:
common-table-scroll-hint = Is de tabel breder dan uw scherm? Schuif hem dan opzij.
common-plans = { $count ->
    [one] { $count } plan
   *[other] { $count } plannen
}

transfer-status-pending = Wacht op goedkeuring
transfer-status-posted = Geboekt
transfer-status-rejected = Afgewezen

## Error pages

error-not-found-title = Niet gevonden
error-not-found-text = Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de vorige pagina.
error-forbidden-title = Geen toegang
error-csrf-title = Formulier verlopen
error-csrf-text = Dit formulier is verlopen of kwam niet van deze website. Ga terug, laad de pagina opnieuw en probeer het nog een keer.
error-bad-request-title = Onjuist verzoek
error-bad-request-text = Het formulier was niet goed ingevuld. Ga terug en probeer het opnieuw.
error-conflict-title = Dit kan niet
error-throttled-title = Te veel pogingen
error-throttled-text = Er is te vaak een verkeerde code of een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw.
error-internal-title = Er ging iets mis
error-internal-text = Er ging bij ons iets mis. Er is niets half opgeslagen. Probeer het over een paar minuten opnieuw.
error-code = Foutcode: { $id }.
error-db-conflict = Dit botst met gegevens die al zijn opgeslagen (misschien deed iemand anders net hetzelfde). Laad de pagina opnieuw en kijk of het nog nodig is.
error-to-home = Naar de startpagina

## Confirmation of an irreversible step

confirm-what-happens = Wat er gebeurt
confirm-no-undo = Dit kunt u daarna niet ongedaan maken.
confirm-back = Nee, terug zonder iets te doen
common-error-title = Fout: { $title }
