# Messages built by domain and service code (refusals, validation): `domain::message::Msg`.
# Shown in the language of the page that shows them.

## Generic
error-no-permission = U heeft geen toestemming voor deze handeling.
error-not-your-area = U mag alleen de gebieden beheren waarvoor u gebiedsregisseur bent.
error-import-refused = Het bestand is niet ingelezen: { $count ->
        [one] { $count } probleem
       *[other] { $count } problemen
    } gevonden.

## Money
error-amount-above-maximum = Dit bedrag is te groot. Een bedrag is hoogstens { $max }.
error-money-empty = Er is geen bedrag ingevuld.
error-money-invalid = Dit is geen geldig bedrag. Schrijf het zo: { $example }
error-money-decimals-comma = Een bedrag heeft hoogstens 2 cijfers na de komma. Schrijf het zo: 1.234,56
error-money-decimals-point = Een bedrag heeft hoogstens 2 cijfers na de punt. Schrijf het zo: 1234.56
error-money-dot-as-decimal = Een punt staat alleen tussen duizendtallen, zoals in 1.000. Zet centen na een komma. Schrijf het zo: 1.234,56
error-money-negative = Een bedrag mag hier niet negatief zijn.
error-money-too-large = Dit bedrag is te groot.

## Ledger (transfers)
error-amount-not-positive = Vul een bedrag groter dan € 0 in.
error-ledger-source-not-allowed = Kies een begrotingspost of een financier als bron.
error-ledger-kind-from-source = De soort overboeking volgt uit de bron. Bij deze bron hoort: { $kind ->
        [budget_allocation] Begroting vastgesteld
        [budget_to_pool] Begrotingspost naar pot
        [funder_contribution] Bijdrage financier
        [commitment] Toegekend aan plan (uitslag ronde)
        [payment] Betaling voor plan
        [return] Terug naar de pot (plan klaar)
       *[other] Correctie
    }.
error-ledger-same-account = Van en naar zijn dezelfde rekening. Kies twee verschillende rekeningen.
error-ledger-memo-missing = Schrijf kort op waarom u dit geld overboekt.
error-ledger-decision-missing = Vul het nummer van het raadsbesluit in. Dat is nodig als geld van een begrotingspost af gaat.
error-ledger-kind-not-allowed = Deze overboeking kan niet: { $kind ->
        [budget_to_pool] kies een begrotingspost als bron en een pot als bestemming
        [funder_contribution] kies een financier als bron en een pot als bestemming
        [budget_allocation] de begroting zet alleen geld van de gemeente op een begrotingspost
        [commitment] alleen de uitslag van een ronde zet geld van een pot op een plan
        [payment] een betaling gaat van een plan naar wat voor dat plan is uitbetaald
        [return] alleen een plan dat klaar is, geeft geld terug aan de pot
       *[other] een correctie volgt de overboeking die zij corrigeert
    }.
error-ledger-insufficient-funds = Er staat niet genoeg geld op { $account }. Beschikbaar: { $available }, gevraagd: { $requested }.
error-ledger-own-transfer = U kunt uw eigen overboeking niet goedkeuren. Een collega moet dat doen.
error-ledger-already-decided = Deze overboeking is al beoordeeld.
error-ledger-no-approval-needed = Deze overboeking hoeft niet goedgekeurd te worden.
error-ledger-correction-of-unposted = Alleen een geboekte overboeking kan gecorrigeerd worden.
error-ledger-correction-of-correction = Een correctie kan niet zelf gecorrigeerd worden. Maak een nieuwe overboeking.
error-ledger-correction-too-large = De correctie is groter dan wat er nog te corrigeren is ({ $remaining }).
error-idempotency-conflict = Deze aanvraag is al eerder verstuurd met andere gegevens. Open het formulier opnieuw.
error-ledger-payment-on-plan-form = Een betaling boekt u bij het plan zelf (Financiën, Betalingen aan plannen): daar vult u ook de datum en het factuurnummer in.
error-ledger-payment-above-commitment = U betaalt meer dan er nog voor dit plan klaarstaat. Nog te betalen: { $open }, gevraagd: { $requested }.

## Payments and progress of a funded plan
error-payment-date-missing = Vul de datum van de betaling in, bijvoorbeeld 2026-11-30.
error-payment-date-in-future = De datum van de betaling ligt in de toekomst. Leg een betaling vast als hij gedaan is.
error-payment-reference-missing = Vul het nummer van de factuur of de opdracht in (hoogstens { $max } tekens).
error-payment-note-too-long = De opmerking is te lang (hoogstens { $max } tekens).
error-progress-text = Schrijf kort wat er gebeurd is (1 tot { $max } tekens).
error-progress-photo-alt = Beschrijf in een paar woorden wat er op de foto staat (hoogstens { $max } tekens). Wie de foto niet kan zien, hoort deze tekst.
error-plan-not-funded = Dit plan heeft geen geld gekregen. Alleen bij een plan dat geld kreeg, worden betalingen en voortgang bijgehouden.
error-plan-already-done = Dit plan is klaar. Er kan geen betaling of voortgang meer bij.
error-plan-payment-pending = Er wacht nog een betaling van { $pending } op goedkeuring. Laat een collega van Financiën die eerst goedkeuren of afwijzen; meld het plan daarna klaar.

## Objections
error-objection-reason = Schrijf op waarom u bezwaar maakt (hoogstens { $max } tekens).
error-objection-decision-reason = Schrijf de reden van de beslissing op (hoogstens { $max } tekens). Iedereen kan deze reden lezen.
error-objection-no-verdict = Kies een beslissing.
error-objection-wrong-verdict = Deze beslissing past niet bij dit soort bezwaar. Kies een van de getoonde beslissingen.
error-objection-not-rejected = Alleen tegen een afgewezen plan kunt u bezwaar maken.
error-objection-ballot-frozen = Het stemmen is al begonnen. Bezwaar tegen de afwijzing kan niet meer.
error-objection-not-counted = Bezwaar tegen de uitslag kan alleen als de stemmen zijn geteld en het geld nog niet is vastgelegd.
error-objection-window-passed = De termijn voor bezwaar is voorbij. Bezwaar maken kon tot en met { $last }.
error-objection-no-window = In dit gebied kan geen bezwaar worden gemaakt (de bezwaartermijn is 0 dagen).
error-objection-days = Vul een aantal dagen in van 0 tot en met { $max }.
error-objection-review-waits = Er ligt een bezwaar tegen de afwijzing van dit plan bij de stuurgroep. De stuurgroep beslist; de beoordeling kan daarom niet meer veranderen.
error-objection-review-decided = De stuurgroep heeft beslist over het bezwaar tegen de afwijzing van dit plan. Die beslissing is definitief; de beoordeling kan niet meer veranderen.

## Photos
error-photo-too-large = De foto is groter dan 5 MB. Kies een kleinere foto of maak hem kleiner.
error-photo-wrong-type = Dit bestand is geen JPEG- of PNG-foto. Kies een foto die eindigt op .jpg, .jpeg of .png.
error-photo-unreadable = Deze foto kunnen we niet openen. Kies een andere JPEG- of PNG-foto.

## Rounds: calendar, ballot, frozen rules, who may hand in
error-calendar-plans-end = Plannen indienen moet eindigen op of na de eerste dag.
error-calendar-review-before-plans = De beoordeling kan niet eindigen voordat het indienen is afgelopen.
error-calendar-voting-before-review = Het stemmen kan pas beginnen als de beoordeling klaar is.
error-calendar-voting-end = Het stemmen moet eindigen op of na de eerste stemdag.
error-calendar-weeks = Kies 1 tot 26 weken.
error-ballot-empty = Kies minstens één plan.
error-ballot-not-on-ballot = U koos een plan dat niet op het stembiljet staat. Kies opnieuw.
error-ballot-too-many = U mag hoogstens { $max } plannen kiezen. U koos er { $chosen }.
error-ballot-over-budget = Uw keuze kost samen { $total }, maar er is { $budget } te verdelen. Haal een of meer plannen weg.
error-frozen-fingerprint = De vastgelegde regels van deze ronde kloppen niet met hun vingerafdruk. Er is niet geteld. Meld dit aan de beheerder: de regels zijn na het openen van het stemmen veranderd.
error-frozen-unreadable = De vastgelegde regels van deze ronde zijn onleesbaar ({ $detail }). Er is niet geteld.
error-eligibility-recently-funded = Uw plan "{ $title }" kreeg op { $funded } geld. In { $area } wacht u daarna { $months } maanden voordat u een nieuw plan indient. U kunt weer een plan indienen vanaf { $from }.

## Taakvelden
error-taakveld-year = Voor het jaar { $year } is er geen lijst met taakvelden. Taakvelden bestaan vanaf { $first }.
error-taakveld-empty = Vul een taakveld in, zoals 5.7.
error-taakveld-unknown = Taakveld { $code } staat niet in { $list ->
        [until2022] de lijst voor 2017 tot en met 2022
        [years2023to2024] de lijst voor 2023 en 2024
       *[from2025] de lijst voor 2025 en later
    } (jaar { $year }).
error-taakveld-unknown-comma = Taakveld { $code } staat niet in { $list ->
        [until2022] de lijst voor 2017 tot en met 2022
        [years2023to2024] de lijst voor 2023 en 2024
       *[from2025] de lijst voor 2025 en later
    } (jaar { $year }). Schrijf een taakveld met een punt, zoals 0.10.
error-taakveld-unknown-elsewhere = Taakveld { $code } staat niet in { $list ->
        [until2022] de lijst voor 2017 tot en met 2022
        [years2023to2024] de lijst voor 2023 en 2024
       *[from2025] de lijst voor 2025 en later
    } (jaar { $year }). Deze code hoort bij { $other ->
        [until2022] de lijst voor 2017 tot en met 2022
        [years2023to2024] de lijst voor 2023 en 2024
       *[from2025] de lijst voor 2025 en later
    }.

## Service refusals
error-audit-not-stopped = Het ondertekenen is niet gestopt; er is niets te hervatten.
error-area-choose-existing = Kies een bestaand gebied.
error-year-missing = Vul een jaartal in, bijvoorbeeld 2027.
error-round-quarter = Kies kwartaal 1, 2, 3 of 4.
error-round-budget-missing = Vul het bedrag in dat in deze ronde te verdelen is, bijvoorbeeld 25.000,00.
error-schedule-quarters = Kies een of meer kwartalen (1, 2, 3 of 4).
error-schedule-title = Geef de rondes een naam, bijvoorbeeld Smederij.
error-schedule-areas = Kies een of meer dorpen of wijken.
error-round-plans-closed = Het indienen van plannen is al gesloten.
error-round-voting-open = Het stemmen is al geopend.
error-round-ballot-empty = Er staat nog geen plan op het stembiljet. Nomineer eerst een of meer plannen.
error-round-review-first = Beoordeel eerst alle ingediende plannen (nomineren of afwijzen).
error-round-count-state = Alleen een ronde waarin gestemd wordt, kan worden geteld.
error-round-already-counted = De ronde is al geteld.
error-round-close-state = Alleen een getelde ronde kan worden afgesloten.
error-round-no-result = Deze ronde heeft nog geen uitslag.
error-round-already-closed = De ronde is al afgesloten.
error-account-area-missing = Kies het gebied van deze gebiedsregisseur.
error-area-unknown = Dit gebied bestaat niet.
error-email-invalid = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
error-email-taken = Er is al een account met dit e-mailadres.
error-totp-secret-failed = Geheim maken mislukt.
error-totp-already-set = De tweede stap is al ingesteld.
error-totp-start-again = Begin opnieuw met het instellen.
error-totp-wrong-code = Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer de nieuwste code.
error-role-already = Deze gebruiker heeft deze rol al.
error-area-max-positive = Vul een maximum groter dan € 0 in, of laat het leeg.
error-area-description-long = De beschrijving is te lang (hoogstens 4000 tekens).
error-objection-only-author = Alleen wie het plan heeft ingediend, kan bezwaar maken tegen de afwijzing.
error-objection-needs-code = Bezwaar tegen de uitslag kan met de stemcode uit uw brief voor dit dorp of deze wijk. Log eerst in met uw code.
error-objection-code-or-author = Bezwaar tegen de uitslag kan met de stemcode uit uw brief, of als u in deze ronde een plan heeft ingediend.
error-objection-already-decided = Over dit bezwaar is al beslist. De beslissing is definitief.
error-objection-voting-started = Het stemmen is al begonnen; het plan kan niet meer op het stembiljet.
error-objection-round-not-counted = De ronde is niet meer geteld.
error-objection-recount-state = Alleen een getelde ronde waarvan het geld nog niet is vastgelegd, kan opnieuw worden geteld.
error-objection-annul-state = Alleen een getelde ronde waarvan het geld nog niet is vastgelegd, kan ongeldig worden verklaard.
error-hold-amount-missing = Vul een bedrag in, bijvoorbeeld 10.000,00.
error-hold-round-money = Het geld van een ronde komt vrij als de ronde wordt afgesloten.
error-hold-already-released = Dit geld is al vrijgegeven.
error-code-handle-missing = Vul de eerste 4 tekens van de code in, bijvoorbeeld K7PM.
error-code-handle-unknown = Er is geen stemcode met dit kenmerk.
error-code-already-revoked = Deze stemcode is al ingetrokken.
error-form-invalid = Het formulier klopt niet.
error-plan-amount-missing = Vul het bedrag in dat uw plan kost, bijvoorbeeld 2.500,00.
error-plan-needs-account = Maak eerst een account aan om een plan in te dienen.
error-plan-round-closed = In deze ronde kunnen geen plannen meer worden ingediend.
error-review-voting-started = Het stemmen is al begonnen; de beoordeling ligt vast.
error-review-taakveld-missing = Kies het taakveld van het plan. Dat is nodig voor de begroting van de gemeente.
error-review-reject-reason = Schrijf op waarom het plan niet door gaat. De indiener en het dorp lezen deze reden.
error-name-no-letters = Gebruik letters of cijfers in de naam.
error-area-name-empty = Vul de naam van het gebied in.
error-area-kind = Kies dorp of wijk.
error-funder-name-empty = Vul de naam van de financier in.
error-funder-kind = Kies het soort financier.
error-area-name-taken = Er is al een gebied met deze naam.
error-funder-name-taken = Er is al een financier met deze naam.
error-transfer-source-unknown = Kies een bron uit de lijst.
error-transfer-destination-unknown = Kies een bestemming uit de lijst.
error-transfer-reject-reason = Schrijf kort op waarom u de overboeking afwijst.
error-password-short = Kies een wachtwoord van minstens 12 tekens.
error-password-long = Kies een wachtwoord van hoogstens 256 tekens.
error-password-common = Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord, bijvoorbeeld een zin van vier of vijf woorden.
error-review-checklist-empty = Zet minstens één punt op de checklist, één punt per regel.
error-review-reject-needs-fail = Kies bij minstens één punt "Voldoet niet": een afwijzing noemt de punten waar het plan niet aan voldoet.
error-review-amount-explanation = Leg uit waarom u het bedrag verandert. Het dorp en de indiener lezen deze uitleg.
error-import-header-only = Het bestand heeft alleen een kopregel en geen begrotingsregels.
error-import-municipality-empty = Vul de gemeente in.
error-import-document = Het document moet 'begroting' of 'jaarrekening' zijn.
error-import-taakveld-empty = Vul het taakveld in, zoals 5.7.
error-import-costs-empty = Vul de lasten in, in duizenden euro's: 2352 betekent € 2.352.000.
error-import-costs-invalid = Dit is geen geldig bedrag. Hier staan duizenden euro's, zonder punt tussen de duizendtallen: 2352 betekent € 2.352.000.
error-import-amount-not-positive = Het bedrag van een begrotingsregel moet groter zijn dan 0 euro.
error-import-utf16 = Het bestand is opgeslagen als 'Unicode-tekst' (UTF-16). Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.
error-import-line-unreadable = Deze regel kunnen we niet lezen. Controleer de aanhalingstekens.
error-import-empty = Het bestand is leeg.
error-import-year-empty = Vul een jaar in, zoals 2025.
error-import-year-digits = Het jaar moet een getal van 4 cijfers zijn, zoals 2025.
error-import-year-number = Het jaar moet een getal van 4 cijfers zijn.

## Ledger import: problems in a file
error-import-problem = Regel { $line }, kolom { $column }: { $message }
error-import-problem-value = Regel { $line }, kolom { $column }: { $message } (waarde: "{ $value }")
error-import-not-utf8 = Het bestand is niet opgeslagen als UTF-8. Op regel { $line } staat een teken dat we niet kunnen lezen (bijvoorbeeld een ë of €). Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.
error-import-field-count = Deze regel heeft { $fields } velden, de kopregel heeft er { $width }. Staat er een { $sep } te veel of te weinig? Zet een tekst met een { $sep } erin tussen aanhalingstekens ("...").
error-import-column-unnamed = Kolom { $number } heeft geen naam. De kopregel moet zo zijn: { $header }
error-import-column-unknown = De kolom '{ $column }' kennen we niet. De kopregel moet zo zijn: { $header }
error-import-column-twice = De kolom '{ $column }' staat twee keer in de kopregel.
error-import-column-missing = De kolom '{ $column }' ontbreekt in de kopregel. De kopregel moet zo zijn: { $header }
error-import-year-too-early = Voor het jaar { $year } is er geen lijst met taakvelden. Gebruik een jaar vanaf { $first }.
error-import-year-too-late = Het jaar { $year } ligt te ver in de toekomst. Gebruik een jaar tot en met { $last }.
error-import-text-empty = Vul { $what ->
        [code] de code
        [name] de omschrijving
        [funder] de financier
       *[taakveld_name] de naam van het taakveld
    } in.
error-import-text-control = In { $what ->
        [code] de code
        [name] de omschrijving
        [funder] de financier
       *[taakveld_name] de naam van het taakveld
    } staat een regeleinde of een ander onzichtbaar teken (in Excel: Alt+Enter). Haal dat weg.
error-import-text-long = { $what ->
        [code] De code
        [name] De omschrijving
        [funder] De financier
       *[taakveld_name] De naam van het taakveld
    } is te lang: { $length } tekens. Het mogen er hoogstens { $max } zijn.
error-import-code-twice = Jaar { $year } met code { $code } staat twee keer in het bestand: op regel { $first } en op regel { $line }. Elke code mag per jaar één keer voorkomen.
error-import-municipality-unknown = Gemeente { $wanted } staat niet in dit bestand. In dit bestand staan: { $found }.
error-import-municipality-choose = In dit bestand staan { $count } gemeenten: { $found }. Kies een gemeente.
error-import-taakveld-twice = Taakveld { $taakveld } van { $year } staat twee keer in het bestand: op regel { $first } en op regel { $line }.
error-import-municipality-no-lines = Voor gemeente { $municipality } staan in dit bestand geen begrotingsregels met lasten groter dan 0 euro.
error-import-header-unknown = We herkennen de eerste regel van het bestand niet. Gebruik een van deze kopregels: { $spreadsheet } (spreadsheet) of { $csv } (CSV), of de kopregel van een CBS Iv3-bestand: { $cbs }

## Reviewing plans, handing in a plan, cost lines
error-form-problems = { $count ->
        [one] { $count } probleem
       *[other] { $count } problemen
    } in het formulier
error-review-checklist-long = Zet hoogstens { $max } punten op de checklist. Nu zijn het er { $count }.
error-review-criterion-long = Het punt dat begint met "{ $start }" is te lang. Houd elk punt korter dan { $max } tekens.
error-review-note-long = De toelichting bij "{ $criterion }" is te lang (hoogstens { $max } tekens).
error-review-verdict-missing = Kies bij "{ $criterion }" of het plan voldoet. Nomineren kan pas als elk punt beoordeeld is.
error-review-verdict-fails = Het plan voldoet niet aan "{ $criterion }". Wijs het plan af, of pas het oordeel aan.
error-review-fail-note = Schrijf kort waarom het plan niet voldoet aan "{ $criterion }".
error-review-explanation-long = De uitleg is te lang (hoogstens { $max } tekens).
error-review-wait-months = Vul een aantal maanden in, van 0 tot en met { $max }. 0 betekent: niemand hoeft te wachten.
error-cost-too-many-lines = Gebruik hoogstens { $max } regels voor de kosten.
error-cost-description-missing = Schrijf bij kostenregel { $line } waar het geld voor is.
error-cost-description-long = Kostenregel { $line } is te lang (hoogstens { $max } tekens).
error-cost-amount-not-positive = Vul bij kostenregel { $line } een bedrag groter dan € 0 in.
error-cost-total-differs = De kosten per onderdeel tellen op tot { $total }, maar u vraagt { $requested }. Maak de bedragen gelijk, of laat de kostenregels leeg.
error-correction-above-budget = Het bedrag is hoger dan er in deze ronde te verdelen is ({ $budget }).
error-correction-above-max = Het bedrag is hoger dan het maximum per plan ({ $max }).
error-plan-title = Geef uw plan een titel van 1 tot { $max } tekens.
error-plan-summary = Beschrijf uw plan en waar het geld voor is, in hoogstens { $max } tekens.
error-plan-not-yet = Plannen indienen kan vanaf { $from }.
error-plan-too-late = Plannen indienen kon tot en met { $until }.
error-plan-above-area-max = Een plan in { $area } mag hoogstens { $max } kosten.
error-plan-above-budget = Uw plan kost meer dan er in deze ronde te verdelen is ({ $budget }).

## Rounds, objections, money set apart, voting codes, audit log
error-verbatim = { $text }
error-round-quarter-taken = { $area } heeft al een ronde in kwartaal { $quarter } van { $year }.
error-round-title = Geef de ronde een naam van 1 tot { $max } tekens.
error-round-max-choices = Vul een aantal van 1 tot en met { $max } in, of laat het veld leeg.
error-schedule-area-unknown = Het gebied { $area } bestaat niet.
error-schedule-clash = { $area } kwartaal { $quarter }
error-schedule-clashes = Er is niets gepland: er is al een ronde in { $clashes } van { $year }. Kies andere kwartalen of gebieden.
error-round-pool-short = De pot van { $area } heeft nu { $available } beschikbaar, maar de gekozen plannen kosten samen { $needed }. Vraag Financiën om eerst geld in de pot te zetten. Sluit de ronde daarna opnieuw af; de uitslag blijft bewaard.
error-objection-blocks-voting = Het stemmen kan nog niet open: er { $count ->
        [one] ligt nog 1 bezwaar
       *[other] liggen nog { $count } bezwaren
    } tegen de afwijzing van een plan bij de stuurgroep. Het stemmen kan open zodra de stuurgroep heeft beslist.
error-objection-window-open = Het geld kan nog niet worden vastgelegd: tot en met { $last } kan iedereen met een stemcode bezwaar maken tegen de uitslag. Sluit de ronde af na die dag.
error-objection-blocks-closing = Het geld kan nog niet worden vastgelegd: er { $count ->
        [one] ligt nog 1 bezwaar
       *[other] liggen nog { $count } bezwaren
    } tegen de uitslag bij de stuurgroep. Sluit de ronde af zodra de stuurgroep heeft beslist.
error-hold-pool-short = Het stemmen is niet geopend: de pot van { $area } kan deze ronde ({ $budget }) nu niet betalen. In de pot: { $balance }. Al gereserveerd voor andere rondes: { $reserved }. Apart gezet: { $earmarked }. Wacht op goedkeuring: { $pending }. Beschikbaar: { $available }. Vraag Financiën om geld in de pot te zetten, of geef apart gezet geld vrij.
error-hold-reason = Schrijf in hoogstens { $max } tekens waarvoor het geld apart staat.
error-hold-too-much = In de pot van { $area } is nog { $available } beschikbaar (al gereserveerd: { $reserved }, apart gezet: { $earmarked }). U kunt niet meer apart zetten.
error-codes-count = Vul een aantal codes in van 1 tot en met { $max }.
error-codes-too-many-stored = Er zijn al { $stored } stemcodes opgeslagen; met deze reeks erbij wordt dat meer dan { $max }. Verwijder eerst de codes van afgelopen jaren.
error-codes-file-not-written = reeks { $batch } staat in de database, maar { $file } kon niet worden geschreven ({ $detail }); maak een nieuwe reeks en laat deze ongebruikt
error-audit-history-differs = De geschiedenis klopt nog steeds niet met het laatste controlepunt ({ $problem }). Zet de gebeurtenissen terug uit een back-up van vóór de wijziging.

## Not found
error-missing-user = Gebruiker niet gevonden.
error-missing-session = Sessie niet gevonden.
error-missing-budget-line = Begrotingspost niet gevonden.
error-missing-pool = Pot niet gevonden.
error-missing-funder = Financier niet gevonden.
error-missing-area = Gebied niet gevonden.
error-missing-transfer = Overboeking niet gevonden.
error-missing-account = Rekening niet gevonden.
error-missing-objection = Bezwaar niet gevonden.
error-missing-plan = Plan niet gevonden.
error-missing-round = Ronde niet gevonden.
error-missing-payment = Betaling niet gevonden.
error-missing-photo = Foto niet gevonden.
error-missing-plan-account = Rekening van het plan niet gevonden.
error-missing-hold = Apart gezet geld niet gevonden.
error-missing-role = Rol niet gevonden.
error-missing-village = Dorp niet gevonden.
error-missing-ballots = Stemmenlijst niet gevonden.

## Refusals
error-progress-own-plan = U kunt alleen voortgang melden bij uw eigen plan.
error-objection-own = U kunt niet beslissen over een bezwaar tegen uw eigen beslissing of over uw eigen bezwaar. Laat een ander lid van de stuurgroep beslissen.
error-cast-already-voted = Met deze code is in deze ronde al gestemd. Elke code geeft één stem per ronde.
error-cast-not-voting = In deze ronde kan nu niet worden gestemd.
error-cast-wrong-code = Deze stemcode hoort niet bij deze ronde.
error-codes-file-exists = { $file } bestaat al. Stemcodes worden nooit over een bestaand bestand geschreven; kies een nieuwe naam.
error-codes-file-not-made = { $file } kan niet worden aangemaakt: { $detail }
error-signing-key-differs = deze server ondertekent met sleutel { $ours } ({ $name }), maar het laatste controlepunt is ondertekend met sleutel { $theirs } ({ $origin }); elke server moet hetzelfde signing_key_file hebben
error-report-area-unknown = Kies een gebied uit de lijst.
error-role-own-admin = U kunt uw eigen beheerdersrol niet intrekken. Vraag een andere beheerder.
error-block-self = U kunt uw eigen account niet blokkeren.
error-objection-already-rejection = U heeft al bezwaar gemaakt tegen de afwijzing van dit plan. De stuurgroep beslist één keer.
error-objection-already-result = U heeft al bezwaar gemaakt tegen de uitslag van deze ronde.
error-import-line-differs = Begrotingspost { $code } voor { $year } staat al in het grootboek met andere gegevens. Een ingelezen post wordt nooit overschreven: maak een correctie.
