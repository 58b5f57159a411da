# Texts of the coordinator's review of a plan (its checklist, taakveld, amount and
# decision), an area's checklist and rules, and the objections (bezwaren): the
# steering group's page and its decisions, the forms to object, and the objection
# sections on the round and plan pages. Keep every key also in en/review.ftl.

## The review of one plan

review-title = Plan { $number } beoordelen: { $title }
review-back-to-round = Terug naar de ronde { $round }
review-area = Dorp of wijk
review-status = Status
review-amount-asked = Gevraagd bedrag
review-max-per-plan = Maximum per plan
review-cost-lines = Kosten per onderdeel
review-voting-started = Het stemmen is begonnen. De beoordeling ligt vast en kan niet meer veranderen.
review-checklist-of = De checklist van { $area }
review-checklist-intro = Kies bij elk punt of het plan voldoet. Nomineren kan als het plan aan elk punt voldoet. Wijst u het plan af, kies dan bij minstens één punt "Voldoet niet" en schrijf kort waarom. Het oordeel komt op de pagina van het plan.
review-checklist-edit = De checklist aanpassen
review-taakveld = Taakveld
review-amount = Bedrag
review-amount-intro = Klopt het bedrag niet, bijvoorbeeld omdat een offerte lager uitvalt? Verander het dan hier en leg uit waarom. Het dorp ziet het oude en het nieuwe bedrag met uw uitleg.
review-amount-field = Bedrag in euro
review-amount-hint = Bijvoorbeeld 2.500,00
review-explanation-field = Uitleg bij een nieuw bedrag
review-explanation-hint = Alleen nodig als u het bedrag verandert.
review-decision = Besluit
review-reason-field = Toelichting voor de indiener en het dorp
review-reason-hint = Verplicht als u het plan afwijst.
review-nominate-button = Plan { $number } nomineren
review-save-button = Opslaan zonder besluit
review-reject-button = Plan { $number } afwijzen
review-note-field = Korte toelichting
review-note-hint = Verplicht bij "Voldoet niet".
review-verdict-meets = Voldoet
review-verdict-fails = Voldoet niet
review-taakveld-field = Taakveld van de gemeente
review-taakveld-hint = Voor de begroting van de gemeente. Nodig om het plan te nomineren.
review-taakveld-choose = Kies een taakveld
review-plan-submitted = Ingediend
review-plan-nominated = Genomineerd
review-plan-rejected = Afgewezen
review-amount-empty = Vul het bedrag van het plan in.

## An area's checklist and rules

review-rules-title = Checklist en regels van { $area }
review-rules-back = Terug naar mijn gebieden
review-rules-default = { $area } gebruikt nu de gewone checklist. Verander hem hieronder als het dorp andere afspraken heeft.
review-rules-checklist-field = Checklist voor de beoordeling
review-rules-checklist-hint = Eén punt per regel, hoogstens 12. Bij elk plan kiest de gebiedsregisseur per punt of het plan voldoet.
review-rules-wait-field = Wachttijd na een plan met geld, in maanden
review-rules-wait-hint = Wie in dit dorp geld kreeg voor een plan, wacht zo lang voordat die een nieuw plan indient. 0 betekent: niemand wacht.
review-rules-save = Opslaan
review-rules-saved = De checklist en de regels zijn opgeslagen.

## Objections: kinds, choices and outcomes

objections-kind-rejection = Bezwaar tegen de afwijzing van een plan
objections-kind-result = Bezwaar tegen de uitslag
objections-choice-rejected = Afwijzen: de beslissing blijft staan
objections-choice-nominate = Toewijzen: het plan komt op het stembiljet
objections-choice-recount = Toewijzen: de stemmen opnieuw tellen met de vastgelegde regels
objections-choice-annul = Toewijzen: de ronde ongeldig verklaren (er wordt geen geld vastgelegd)
objections-outcome-rejected = Bezwaar afgewezen
objections-outcome-nominate = Bezwaar toegewezen: het plan staat op het stembiljet
objections-outcome-recount = Bezwaar toegewezen: de stemmen zijn opnieuw geteld
objections-outcome-annul = Bezwaar toegewezen: de ronde is ongeldig verklaard

## Objections: shared pieces

objections-decided-on = { $outcome } ({ $date }).
objections-decision-reason = Reden van de stuurgroep: { $reason }
objections-not-decided = De stuurgroep heeft nog niet beslist.
objections-subject-rejection = Afwijzing van { $plan } in { $round }
objections-subject-plan = plan { $number }: { $title }
objections-subject-result = Uitslag van { $round }
objections-objection = Bezwaar: { $reason }
objections-rejection-reason = Reden van de afwijzing: { $reason }

## The steering group's page

objections-queue-title = Bezwaren
objections-queue-heading = Bezwaren voor de stuurgroep
objections-queue-intro = De stuurgroep beslist over elk bezwaar één keer. De beslissing en de reden zijn openbaar en definitief. U beslist niet over een bezwaar tegen uw eigen beslissing.
objections-queue-waiting = Wachten op een beslissing ({ $count })
objections-queue-none = Er wachten geen bezwaren.
objections-queue-recent = Recent beslist
objections-queue-no-decisions = Nog geen beslissingen.
objections-queue-decided = De beslissing is vastgelegd en staat op de pagina van de ronde.
objections-filed-on = Ingediend op { $date }.
objections-own = Dit bezwaar gaat over uw eigen beslissing (of het is uw eigen bezwaar). Een ander lid van de stuurgroep beslist.
objections-decision = Beslissing
objections-reason-field = Reden (openbaar)
objections-reason-hint = Iedereen kan deze reden lezen op de pagina van de ronde.
objections-final = Deze beslissing is definitief.
objections-final-confirm = U ziet eerst wat er gebeurt en bevestigt dan.
objections-decide-button = Beslissing vastleggen
objections-already-decided = Over dit bezwaar is al beslist. De beslissing is definitief.

## The confirmation of a decision

objections-confirm-title-rejection = Beslissen over het bezwaar tegen de afwijzing van plan { $number }: { $title }?
objections-confirm-title-result = Beslissen over het bezwaar tegen de uitslag van { $round }?
objections-confirm-nominate = U wijst het bezwaar toe. Plan { $number } ({ $title }) komt op het stembiljet van { $round }. De afwijzing vervalt.
objections-confirm-rejected-plan = U wijst het bezwaar af. Plan { $number } ({ $title }) blijft afgewezen en komt niet op het stembiljet.
objections-confirm-rejected-result = U wijst het bezwaar af. De uitslag van { $round } blijft staan.
objections-confirm-recount = U wijst het bezwaar toe. De stemmen van { $round } worden opnieuw geteld met de regels die bij het openen van het stemmen zijn vastgelegd. De nieuwe uitslag vervangt de oude (hij kan ook gelijk blijven) en er begint een nieuwe bezwaartermijn.
objections-confirm-annul = U wijst het bezwaar toe. { $round } wordt ongeldig verklaard: er wordt geen geld vastgelegd voor de plannen van deze ronde en het gereserveerde geld gaat terug naar de pot.
objections-confirm-public = Iedereen kan de beslissing en uw reden lezen op de pagina van de ronde: "{ $reason }"
objections-confirm-button-upheld = Ja, bezwaar toewijzen
objections-confirm-button-rejected = Ja, bezwaar afwijzen

## Objections on the round and plan pages

objections-section = Bezwaren
objections-result-open = Bent u het niet eens met de uitslag? Iedereen met een stemcode van { $area } kan tot en met { $date } bezwaar maken bij de stuurgroep. Het geld wordt pas vastgelegd als die termijn voorbij is en de stuurgroep over elk bezwaar heeft beslist.
objections-result-link = Bezwaar maken tegen de uitslag
objections-result-closed = Bezwaar maken tegen de uitslag kon tot en met { $date }.
objections-filed-kind = { $kind } van { $date }
objections-about-plan = (plan { $number }: { $title })
objections-plan-section = Bezwaar tegen de afwijzing
objections-plan-filed = De indiener maakte op { $date } bezwaar: { $reason }
objections-plan-may = Bezwaar maken
objections-plan-until = Bent u het niet eens met de afwijzing? U kunt tot en met { $date } bezwaar maken bij de stuurgroep, maar alleen zolang het stemmen nog niet is begonnen.
objections-plan-link = Bezwaar maken tegen de afwijzing

## The forms to object

objections-rejection-title = Bezwaar tegen de afwijzing
objections-rejection-heading = Bezwaar tegen de afwijzing van plan { $number }
objections-you-filed = U maakte op { $date } bezwaar: { $reason }
objections-rejection-until = U kunt bezwaar maken tot en met { $date }, zolang het stemmen nog niet is begonnen. De stuurgroep beslist en zet de reden op de pagina van het plan. Zolang de stuurgroep niet heeft beslist, gaat het stemmen niet open.
objections-rejection-field = Waarom bent u het niet eens met de afwijzing?
objections-rejection-hint = Hoogstens { $max } tekens. Iedereen kan dit lezen.
objections-submit = Bezwaar indienen
objections-rejection-not-now = U kunt nu geen bezwaar maken tegen de afwijzing van dit plan: alleen de indiener kan dat, binnen de bezwaartermijn en voordat het stemmen begint.
objections-result-title = Bezwaar tegen de uitslag
objections-result-received = Uw bezwaar is ontvangen. De stuurgroep beslist en zet de beslissing met de reden op de pagina van de ronde.
objections-to-round = Naar de ronde
objections-result-not-now = Tegen de uitslag van deze ronde kan nu geen bezwaar worden gemaakt.
objections-result-was-until = Bezwaar maken kon tot en met { $date }.
objections-result-with-code = Bezwaar maken kan met de stemcode uit uw brief.
objections-result-code-link = Log in met uw stemcode
objections-result-initiator = Heeft u in deze ronde een plan ingediend? { $link }.
objections-result-login-link = Log dan in met uw account
objections-result-until = U kunt bezwaar maken tot en met { $date }. Uw naam en uw code worden niet getoond; uw bezwaar wel.
objections-result-field = Waarom bent u het niet eens met de uitslag?
objections-result-hint = Hoogstens { $max } tekens.

## An area's objection window

objections-window-title = Bezwaartermijn
objections-window-saved = De bezwaartermijn is opgeslagen.
objections-window-intro = Zoveel dagen na een afwijzing of na het tellen kan iemand bezwaar maken bij de stuurgroep. Het geld van een getelde ronde wordt pas vastgelegd als deze termijn voorbij is. 0 betekent: geen bezwaar mogelijk.
objections-window-field = Aantal dagen
objections-window-hint = 0 tot en met 60; meestal 7.
objections-window-save = Opslaan

## The start page of the steering group

objections-home-title = Bezwaren voor de stuurgroep
objections-home-waiting = { $count ->
    [one] { $count } bezwaar wacht op uw besluit.
   *[other] { $count } bezwaren wachten op uw besluit.
}
objections-home-none = Er wachten nu geen bezwaren op uw besluit.
objections-home-all = Naar de bezwaren
