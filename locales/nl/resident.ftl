# Texts of the residents' pages: home, statements, ballot, rounds, village, plan, result,
# timeline, objections. Dutch is the default language; keep every key also in en/resident.ftl.

## The phase timeline of a round

timeline-title = Zo verloopt deze ronde
timeline-done = Klaar
timeline-now = Nu
timeline-later = Straks
timeline-plans = Plannen indienen
timeline-review = Beoordelen
timeline-voting = Stemmen
timeline-result = Uitslag
timeline-from-until = { $from } tot en met { $until }
timeline-from = vanaf { $from }
timeline-until = tot en met { $until }
timeline-date-follows = datum volgt

## Home page

home-title = Welkom
home-signed-in = U bent ingelogd als { $name }.
home-approvals-title = Wacht op uw goedkeuring
home-approvals-none = Er wachten nu geen overboekingen op uw goedkeuring.
home-approvals-count = { $count ->
    [one] 1 overboeking wacht
   *[other] { $count } overboekingen wachten
} op uw goedkeuring.
home-transfer-from-to = van { $from } naar { $to }
home-approvals-all = Naar alle overboekingen die wachten
home-council-title = Voor de raad
home-council-link = Naar het overzicht voor de raad
home-coord-title = Wat op u wacht
home-my-plans = Mijn plannen
home-no-plans = U heeft nog geen plan ingediend.
home-no-submittable = Er is nu geen ronde waarin u een plan kunt indienen.
home-submit-for = Dien een plan in voor { $area }
home-intro = Een deel van de gemeentebegroting wordt besteed door de inwoners zelf. De gemeente zet geld van de begroting in een pot per dorp of wijk. Inwoners bedenken plannen en stemmen over wat er met dat geld gebeurt.
home-now-open = Nu open in uw dorp of wijk
home-none-open = Er is nu geen ronde open. Kijk later nog eens, of bekijk de uitslagen hieronder.
home-vote-now = Stem nu
home-vote-now-in = in { $area }
home-vote-with-code = Stemmen met de code uit uw brief
home-results = Uitslagen
home-result-of = Uitslag { $round } ({ $area })
home-all-rounds = Bekijk alle plannen, stemrondes en uitslagen per dorp
home-villages = Zie per dorp waar het geld vandaan komt en waar het naartoe gaat
home-own-plan = Wilt u zelf een plan indienen?
home-make-account = Maak een account
home-voted = Heeft u gestemd?
home-check-log = Controleer of uw stem in het logboek staat
home-login = Inloggen
home-round-open-until = u kunt een plan indienen tot en met { $date }
home-round-open = u kunt nu een plan indienen
home-round-review-voting-from = de plannen worden beoordeeld; stemmen kan vanaf { $date }
home-round-review = de plannen worden beoordeeld
home-round-voting-until = stemmen kan tot en met { $date }
home-round-voting-since = stemmen kan sinds { $date }
home-round-voting = stemmen kan nu
home-round-counted = geteld; de uitslag staat online
home-round-closed = afgesloten
home-round-annulled = ongeldig verklaard door de stuurgroep
home-todo-review = { $count ->
    [one] 1 plan te beoordelen
   *[other] { $count } plannen te beoordelen
}
home-todo-open-voting = het stemmen kan open
home-todo-paper = papieren stembiljetten invoeren
home-todo-count = tellen als het stemmen voorbij is ({ $ballots } gestemd)
home-todo-close = afsluiten: het geld vastleggen voor de gekozen plannen
home-todo-nothing = nu niets te doen
home-plan-submitted = ingediend, wacht op beoordeling
home-plan-rejected = afgewezen
home-plan-chosen = gekozen: het plan krijgt geld
home-plan-not-chosen = niet gekozen
home-plan-annulled = op de stemlijst geweest; de ronde is ongeldig verklaard
home-plan-voting = op de stemlijst, er wordt gestemd
home-plan-approved = goedgekeurd voor de stemlijst

## Privacy and accessibility statements

privacy-intro = Op deze website beslissen inwoners mee over geld van de { $who }. Hier leest u welke gegevens we daarvoor gebruiken en waarom.
privacy-controller-title = Wie is verantwoordelijk?
privacy-controller-municipality = De { $who } is verantwoordelijk voor uw gegevens op deze website.
privacy-controller = { $who } is verantwoordelijk voor uw gegevens op deze website.
privacy-voting-title = Stemmen
privacy-voting = Voor stemmen heeft u geen account nodig. U stemt met de code uit uw brief. Die code staat niet op naam: wij weten niet wie welke code heeft. We bewaren geen namen, adressen of BSN's van kiezers.
privacy-receipt = Na het stemmen krijgt u een controlecode. Daarmee kunt u zelf nakijken dat uw stem is meegeteld. Uit die code is niet af te leiden wie u bent of wat u koos.
privacy-plan-title = Een plan indienen
privacy-plan = Wilt u een plan indienen? Dan maakt u een account. We bewaren dan uw naam, uw e-mailadres en uw plannen. Uw naam staat bij uw plan, zodat andere inwoners weten van wie het plan is. Uw e-mailadres gebruiken we alleen om u over uw plan te berichten. Uw wachtwoord bewaren we niet zelf, alleen een versleutelde controlewaarde.
privacy-staff-title = Medewerkers
privacy-staff = Medewerkers van de gemeente loggen in met een wachtwoord en een code uit een app. Alles wat zij met het geld doen, wordt vastgelegd. Zo kan de gemeenteraad het controleren.
privacy-keep-title = Hoe lang bewaren we uw gegevens?
privacy-keep = Een account en de plannen bewaren we zolang de ronde loopt en daarna zolang de wet dat vraagt voor de boekhouding van de gemeente. Gegevens om in te loggen (zoals sessies) wissen we binnen een dag nadat ze verlopen zijn. Wilt u uw account laten verwijderen? Vraag het ons.
privacy-rights-title = Uw rechten
privacy-rights = U mag vragen welke gegevens we van u hebben, en vragen om ze te verbeteren of te verwijderen. Bent u het niet eens met hoe we met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.
privacy-questions-title = Vragen?
privacy-officer = Vragen over privacy kunt u stellen aan de functionaris gegevensbescherming: { $officer }.
privacy-other-questions = Andere vragen?
a11y-intro = De { $who } wil dat iedereen deze website kan gebruiken: ook als u slecht ziet, een schermlezer gebruikt, geen muis gebruikt of moeite heeft met lezen.
a11y-status-title = Hoe ver zijn we?
a11y-status = De website is gemaakt volgens de toegankelijkheidseisen voor websites van de overheid (WCAG 2.1, niveau A en AA). Een onderzoek door een onafhankelijk bureau is nog niet gedaan.
a11y-checked = Laatst gecontroleerd: { $date }.
a11y-what-title = Wat doen we?
a11y-keyboard = Alle pagina's werken met alleen het toetsenbord en zonder JavaScript.
a11y-plain = De teksten zijn in eenvoudig Nederlands geschreven.
a11y-phone = De pagina's werken op een telefoon en als u de tekst groter maakt.
a11y-tested = Bij elke wijziging testen we de pagina's automatisch op fouten in de toegankelijkheid.
a11y-problem-title = Lukt iets niet?
a11y-problem = Kunt u iets op deze website niet gebruiken, of is iets niet duidelijk? Laat het ons weten. We helpen u dan op een andere manier, bijvoorbeeld met stemmen.

## The ballot, the check and the receipt

ballot-rule-any = Kies de plannen die u steunt. U mag zoveel plannen kiezen als u wilt.
ballot-rule-max = { $max ->
    [one] Kies de plannen die u steunt. U mag hoogstens 1 plan kiezen.
   *[other] Kies de plannen die u steunt. U mag hoogstens { $max } plannen kiezen.
}
ballot-rule-knapsack = Kies plannen die samen niet meer kosten dan { $budget }.
ballot-stop = Stoppen en afmelden
ballot-round-intro = { $area }, kwartaal { $quarter } van { $year }. Er is { $budget } te verdelen.
ballot-back = Terug naar de stemrondes van { $area }
ballot-explain = Na het kiezen ziet u eerst uw keuze nog een keer. Uw stem telt pas als u daarna op { $button } drukt.
ballot-cast-button = Stem definitief uitbrengen
ballot-question = Welke plannen steunt u?
ballot-check-button = Controleer uw keuze
ballot-plan-title = Plan { $number }: { $title }
ballot-plan-cost = Kost { $amount }
ballot-picked-plan = Plan { $number }: { $title } – { $amount }
ballot-total = Samen kosten deze plannen { $amount }.
ballot-review-title = Controleer uw stem
ballot-review-in = U stemt in { $round } ({ $area }).
ballot-review-count = { $count ->
    [one] U kiest dit plan
   *[other] U kiest deze { $count } plannen
}
ballot-review-warning-label = Let op:
ballot-review-warning = als u uw stem hebt uitgebracht, kunt u hem niet meer veranderen.
ballot-change = Keuze aanpassen
ballot-receipt-title = Uw stem is uitgebracht
ballot-receipt-thanks = Dank u wel. Uw stem in { $round } is opgeslagen.
ballot-receipt-code = Uw controlecode
ballot-receipt-keep = Bewaar deze code. Na afloop van de ronde staat uw stem onder deze code in de openbare lijst op de pagina van de ronde, zodat u kunt nagaan dat hij is meegeteld.
ballot-receipt-find = Na het tellen: zoek uw stem bij de uitslag van { $round }
ballot-receipt-closes = (het stemmen sluit na { $date })
ballot-receipt-log-now = Nu al: kijk of uw stem in het logboek staat
ballot-receipt-log-when = (binnen een paar minuten, zonder te laten zien wat u koos)
ballot-receipt-once = Schrijf de code op of maak een foto van dit scherm. U ziet deze code maar één keer: wij bewaren niet welke stemcode bij welke stem hoort. Daarom weet niemand wat u hebt gekozen.
ballot-receipt-voted-for = U hebt gestemd op
ballot-message-round = Stemronde: { $round } ({ $area }).
ballot-already-voted-title = U hebt in deze ronde gestemd
ballot-already-voted = Met deze stemcode is in deze ronde al gestemd. Elke code geeft één stem per ronde. Hebt u twee keer op de knop gedrukt? Dan telt uw eerste stem. De controlecode stond op het scherm na de eerste keer; wij kunnen hem niet opnieuw tonen.
ballot-not-voting-title = Stemmen kan nu niet
ballot-not-voting = In deze ronde kan nu niet worden gestemd. Het stemmen is nog niet begonnen, of het is al afgelopen.
ballot-wrong-code-title = Stemmen met deze code kan niet
ballot-wrong-code = Met uw stemcode kunt u in deze ronde niet stemmen. Lukt het niet? Neem dan contact op met de gemeente.

## Statuses and rules

round-status-open = Open voor plannen
round-status-review = Beoordeling
round-status-voting = Stemmen
round-status-counted = Geteld
round-status-closed = Afgesloten
round-status-annulled = Ongeldig verklaard
count-rule-greedy = Meeste stemmen eerst
count-rule-mes = Methode van gelijke delen
standing-submitted = Ingediend
standing-on-ballot = Genomineerd
standing-rejected = Afgewezen
standing-chosen = Gekozen
standing-not-chosen = Niet gekozen

## Villages

village-list-title = Dorpen en wijken
village-list-intro = Elk dorp en elke wijk heeft een eigen pot. Kies een dorp om te zien waar het geld vandaan komt en waar het naartoe is gegaan.
village-list-empty = Er zijn nog geen dorpen of wijken.
village-list-balance = nu { $amount } in de pot
village-all = Alle dorpen en wijken
village-balance = Nu in de pot:
village-years-intro = Hieronder ziet u per jaar waar het geld vandaan kwam en waar het naartoe ging. Geld dat aan het eind van een jaar over is, blijft van het dorp: het gaat mee naar het volgende jaar.
village-years = Jaren
village-held-title = Wat al vastligt
village-held-intro = Een deel van het geld in de pot ligt al vast. Het staat nog in de pot, maar nieuwe rondes kunnen het niet gebruiken.
village-pending-out = Overboekingen die wachten op een tweede medewerker van Financiën
village-free = Vrij voor nieuwe rondes:
village-reserved-for = Gereserveerd voor de ronde
village-earmarked-for = Apart gezet: { $reason }
village-year-money = Het geld in { $year }
village-carried-over = Over uit { $year }
village-in = Erbij gekomen
village-committed = Toegekend aan plannen
village-paid = Betaald voor plannen
village-returned = Terug van klare plannen
village-reserved = Gereserveerd voor rondes
village-earmarked = Apart gezet
village-closing = In de pot aan het eind van { $year } (of nu)
village-sources = Waar kwam het geld vandaan?
village-budget-line = { $name } (begrotingspost { $code })
village-taakveld = Taakveld { $code }
village-contribution = Bijdrage
village-year-held = Vastgelegd in { $year } en nog niet vrij
village-year-rounds = Rondes in { $year }
village-no-rounds = Er waren geen rondes in dit jaar.
village-quarter = (kwartaal { $quarter })
village-turnout-counts = { $ballots ->
    [one] 1 stem
   *[other] { $ballots } stemmen
} van { $codes } verstuurde codes
village-turnout = Opkomst:
village-year-plans = Plannen die geld kregen in { $year }
village-plan-done = (klaar)
village-plan-granted = Toegekend
village-plan-paid = Betaald
village-plan-returned = Terug naar de pot

## The plan page

plan-to-round = Naar de ronde { $round }
plan-to-village = Naar de pagina van { $area }
plan-on-ballot-of = Dit plan staat op het stembiljet van { $area }.
plan-area = Dorp of wijk
plan-round = Ronde
plan-round-when = ({ $year }, kwartaal { $quarter })
plan-author = Ingediend door
plan-asked = Gevraagd bedrag
plan-after-review = Bedrag na beoordeling
plan-why = waarom
plan-taakveld = Taakveld
plan-review = Beoordeling
plan-result = Uitslag
plan-execution = Uitvoering
plan-what = Wat is het plan?
plan-costs = Kosten per onderdeel
plan-outcome-not-counted = Nog niet geteld
plan-outcome-funded = Gekozen: het plan krijgt geld
plan-outcome-not-funded = Niet gekozen
plan-verdict-meets = Voldoet
plan-verdict-fails = Voldoet niet
stage-planned = Gepland
stage-in-progress = Bezig
stage-done = Klaar
plan-status-on-ballot = Op het stembiljet gezet
plan-fails-on = Voldoet niet aan: { $criteria }
plan-reason = Reden: { $reason }
plan-cost-part = Onderdeel
plan-cost-amount = Bedrag
plan-cost-total = Samen
plan-checklist = Beoordeling per punt van de checklist
plan-corrected = Bedrag aangepast bij de beoordeling
plan-correction = Van { $old } naar { $new } ({ $at }).
plan-money = Het geld
plan-no-money = Dit plan heeft (nog) geen geld uit de pot gekregen.
plan-open = Nog te betalen
plan-done-returned = Het plan is klaar. Wat niet nodig was, is teruggegaan naar de pot van { $area } en kan in een volgende ronde weer gebruikt worden.
plan-payments = Betalingen
plan-no-payments = Er is nog niets betaald.
plan-payment-date = Datum
plan-payment-reference = Factuur of opdracht
plan-payment-note = Opmerking
plan-payment-status = Status
plan-progress = Voortgang
plan-no-progress = Er is nog geen voortgang gemeld.
plan-posted-by = Gemeld door { $name }
plan-post-returned = { $amount } ging terug naar de pot van { $area }.
plan-pay-title = Betaling vastleggen
plan-pay-intro = Nog te betalen voor dit plan: { $open }. Een betaling boven { $threshold } moet een collega van Financiën goedkeuren; tot dan staat het bedrag gereserveerd.
plan-pay-amount = Bedrag in euro
plan-pay-amount-hint = Bijvoorbeeld 1.250,00
plan-pay-date = Datum van de betaling
plan-pay-date-hint = Bijvoorbeeld 2026-11-30
plan-pay-reference = Nummer van de factuur of de opdracht
plan-pay-note = Opmerking (mag leeg blijven)
plan-post-title = Voortgang melden
plan-post-intro = Vertel het dorp hoe het met het plan gaat. Kiest u { $done }, dan gaat wat nog niet betaald is (nu { $open }) terug naar de pot van { $area }. Daarna kan er niets meer betaald worden voor dit plan.
plan-post-stage = Hoe staat het plan ervoor?
plan-post-body = Wat is er gebeurd?
plan-post-body-hint = Kort, hoogstens 1000 tekens.
plan-post-photo = Foto (mag leeg blijven)
plan-post-photo-hint = Een JPEG- of PNG-foto van hoogstens 5 MB. Gegevens in de foto, zoals de plek waar hij is gemaakt, halen wij eraf.
plan-post-photo-again = Had u een foto gekozen? Kies hem dan opnieuw.
plan-post-alt = Wat staat er op de foto?
plan-post-alt-hint = Nodig als u een foto meestuurt: wie de foto niet kan zien, hoort deze tekst.
plan-funded-intro = Plannen die geld kregen uit een ronde. Open een plan om een betaling vast te leggen.
plan-funded-none = Er zijn nog geen plannen met geld.
plan-funded-label = Plannen met geld
plan-col-plan = Plan
plan-col-village = Dorp
plan-col-waiting = Wacht
plan-col-back = Terug

## The result of a round

result-by = Door { $name }
result-votes = Stemmen
result-not-yet = De uitslag is nog niet beschikbaar.
result-voters = { $count ->
    [one] 1 inwoner heeft gestemd.
   *[other] { $count } inwoners hebben gestemd.
}
result-none-chosen = Geen enkel plan is gekozen.
result-chosen = { $count ->
    [one] 1 plan is
   *[other] { $count } plannen zijn
} gekozen, van de { $ballot } op het stembiljet.
result-spent = Naar de gekozen plannen
result-left = Blijft over
result-budget = Budget van de ronde
result-left-stays = Wat overblijft, blijft in de pot van { $area } voor een volgende ronde.
result-chosen-title = Gekozen plannen
result-receipt-not-found = De controlecode { $receipt } staat niet bij de stemmen van deze ronde. Kijk of u hem goed heeft overgenomen: vijf tekens, een streepje en weer vijf tekens.
result-search-title = Is uw stem meegeteld?
result-search-intro = Na het stemmen kreeg u een controlecode, bijvoorbeeld { $example }. Vul hem in om te zien welke plannen onder uw code zijn meegeteld.
result-receipt-counted = Uw stem met controlecode { $receipt } is meegeteld.
result-receipt-empty = Op deze stem is geen plan gekozen.
result-receipt-plans = Gekozen: { $plans }.
result-plan-number = plan { $number }
result-receipt-proof = Bekijk het bewijs in het logboek
result-search-button = Zoek mijn stem

## Rounds: the list and the round page

rounds-period = { $year }, kwartaal { $quarter }
rounds-rule-one = U kiest één plan dat u steunt.
rounds-rule-max = U kiest de plannen die u steunt, hoogstens { $max }.
rounds-rule-any = U kiest alle plannen die u steunt. Er is geen maximum.
rounds-rule-knapsack = U kiest plannen die samen niet meer kosten dan het budget van deze ronde ({ $budget }).
rounds-count-greedy = Het plan met de meeste stemmen krijgt als eerste geld, dan het plan met de meeste stemmen daarna, zolang er genoeg geld is. Past een plan niet meer, dan gaat het volgende plan voor.
rounds-count-mes = Iedereen die stemt, krijgt een even groot deel van het budget. Een plan krijgt geld als de mensen die het steunen het samen kunnen betalen. Zo krijgen ook kleinere groepen in het dorp een kans.
rounds-all-newest-first = Alle rondes, nieuwste eerst
rounds-intro = In een ronde verdeelt een dorp of wijk een bedrag uit de pot. Eerst dienen inwoners plannen in. De gebiedsregisseur beoordeelt de plannen. Daarna stemmen de inwoners met de code uit hun brief, en de plannen met genoeg steun krijgen geld.
rounds-none = Er zijn nog geen rondes.
rounds-col-area = Gebied
rounds-col-period = Periode
rounds-col-budget = Budget
rounds-back-to-all = Terug naar alle rondes
rounds-now-open = Deze ronde staat open voor plannen.
rounds-now-review = Het indienen is gesloten. De gebiedsregisseur beoordeelt de plannen. Daarna begint het stemmen.
rounds-now-voting = Inwoners stemmen nu met de code uit hun brief, of op papier op de dorpsavond.
rounds-now-counted = Het stemmen is voorbij en de stemmen zijn geteld. Het geld voor de gekozen plannen wordt vastgelegd als de gebiedsregisseur de ronde afsluit.
rounds-now-closed = Het stemmen is voorbij en de stemmen zijn geteld. Het geld voor de gekozen plannen is vastgelegd.
rounds-now-annulled = De stuurgroep heeft deze ronde ongeldig verklaard na een bezwaar. Er is geen geld vastgelegd; het geld van de ronde is terug in de pot. De telling staat hieronder, alleen ter informatie.
rounds-about = Over deze ronde
rounds-vote-until = Stemmen kan tot en met { $date }.
rounds-counting = Tellen
rounds-fingerprint = Vingerafdruk van de regels
rounds-fingerprint-explained = Toen het stemmen begon, zijn de regels, het budget en de plannen op het stembiljet vastgelegd. De vingerafdruk hierboven hoort daarbij: verandert er ook maar iets, dan verandert ook de vingerafdruk. Zo kan iedereen controleren dat er tijdens het stemmen niets is veranderd.
rounds-not-on-ballot = Plannen die niet op het stembiljet stonden
rounds-paper-saved = De stem is opgeslagen.
rounds-paper-write-code = Schrijf deze controlecode op het stembiljet:
rounds-paper-chosen = Gekozen plannen: { $plans }.
rounds-plans = Plannen
rounds-no-plans = Er zijn nog geen plannen ingediend.
rounds-why-rejected = Waarom afgewezen
rounds-explanation = Toelichting
rounds-count-per-plan = De telling per plan
rounds-how-counted = Hoe is er geteld?
rounds-spent-left = Aan de gekozen plannen gaat { $spent } uit. Er blijft { $left } over. Dat geld blijft in de pot van { $area } voor een volgende ronde.
rounds-committed = Het geld voor de gekozen plannen is bij het afsluiten van de pot van { $area } naar elk plan overgeboekt. Financiën ziet deze overboekingen in de boekhouding, met de uitslag van deze ronde als besluit.
rounds-col-number = Nr.
rounds-col-explanation = Uitleg
rounds-left-over = Over: { $amount }
rounds-all-votes = Alle stemmen
rounds-all-votes-intro = Iedereen die stemde, kreeg een controlecode. Zoek uw controlecode in de lijst hieronder. Staan daar de plannen die u koos? Dan is uw stem goed meegeteld. Er staat nergens wie welke code had.
rounds-something-wrong = Klopt er iets niet?
rounds-download = Download alle stemmen (pabulib-bestand)
rounds-download-why = Met dit bestand kan iedereen de uitslag zelf natellen, ook met andere programma's.
rounds-votes-per-code = Stemmen per controlecode
rounds-col-receipt = Controlecode
rounds-no-votes = In deze ronde is niet gestemd.

# The village page: every plan of the year
village-all-plans = Alle plannen in { $year }
village-plan-round-annulled = De ronde is ongeldig verklaard
village-plan-chosen-done = Gekozen en klaar

# The resident's code page and the rounds open with a code (views/codes.rs)
codes-title = Stemmen
codes-voting-for = U stemt voor { $area }.
codes-label = Vul de stemcode uit uw brief in
codes-hint = De code staat in de brief van de gemeente. Hij heeft 20 letters en cijfers, bijvoorbeeld K7PM-2XQ9-HT4W-R8NC-5DFG. Hoofdletters of kleine letters: dat maakt niet uit. De streepjes mag u weglaten.
codes-next = Verder
codes-help-title = Hulp nodig?
codes-help-lost = Heeft u geen brief gekregen, of bent u de brief kwijt?
codes-help-new = U krijgt dan een nieuwe code. De oude code werkt daarna niet meer.
codes-refused = Deze stemcode kunnen we niet gebruiken. Kijk of u de code goed heeft overgetypt. Het kan ook zijn dat de code bij een ander dorp of een andere wijk hoort, of dat de gemeente u een nieuwe code heeft gestuurd. Lukt het niet? Neem dan contact op met de gemeente.
codes-too-many = U heeft te vaak een code geprobeerd die niet werkt. Wacht 15 minuten en probeer het daarna opnieuw. Lukt het dan nog niet? Neem dan contact op met de gemeente.
codes-home-title = U stemt voor { $area }
codes-home-signed-in = Uw stemcode is goed. U bent aangemeld.
codes-home-none-open = Er is nu nog geen stemronde open voor { $area }. U kunt nu dus nog niet stemmen. Als de stemronde begint, kunt u hier stemmen op de plannen voor uw dorp of wijk.
codes-home-open = { $count ->
    [one] U kunt nu in deze stemronde stemmen.
   *[other] U kunt nu in { $count } stemrondes stemmen. U hebt in elke ronde één stem.
}
codes-home-round = Kwartaal { $quarter } van { $year }. Er is { $budget } te verdelen.
codes-home-on-ballot = { $count ->
    [one] Er staat 1 plan op het stembiljet.
   *[other] Er staan { $count } plannen op het stembiljet.
}
codes-home-voted = U hebt in deze ronde gestemd.
codes-home-vote = Stem in deze ronde
codes-home-valid = Uw code is geldig voor de stemrondes van { $year }.
