# The council's pages: the report (rapport.html and the tables on /raad), the public audit
# page /audit, the handlers' own messages, and the count's explanation per plan. Dutch;
# keep every key also in en/council.ftl.

## The report

report-percent = { $whole },{ $tenth }%
report-turnout = { $ballots } van de { $codes } stemcodes gebruikt ({ $percent })
report-turnout-no-codes = { $ballots } stemmen; er zijn voor dit gebied en jaar geen stemcodes uitgegeven
report-ballot-one = Iedere inwoner koos één plan.
report-ballot-max = Iedere inwoner koos de plannen die hij of zij steunt, hoogstens { $max }.
report-ballot-any = Iedere inwoner koos alle plannen die hij of zij steunt, zonder maximum.
report-ballot-knapsack = Iedere inwoner koos plannen die samen niet meer kosten dan het budget ({ $budget }).
report-count-greedy = Het plan met de meeste stemmen kreeg als eerste geld, dan het volgende, zolang er genoeg geld was. Paste een plan niet meer, dan ging het volgende plan voor.
report-count-mes = Het budget werd in gelijke delen over de stemmers verdeeld. Een plan kreeg geld als de mensen die ervoor stemden het samen konden betalen. Zo krijgt elke groep inwoners een eerlijk deel.
report-area-desc = { $area }: begin plus binnengekomen { $came_in }, toegekend aan plannen { $committed }, over in de pot { $left }.
report-legend-in = Begin + binnengekomen
report-committed = Toegekend aan plannen
report-left = Over in de pot
report-area-chart-caption = Geld per gebied. De bedragen staan ook in de tabel hieronder.
report-plan-desc-funded = Plan { $number } ({ $title }): { $votes } stemmen, krijgt geld.
report-plan-desc-not-funded = Plan { $number } ({ $title }): { $votes } stemmen, krijgt geen geld.
report-votes-title = Stemmen per plan: { $round }
report-funded = Krijgt geld
report-not-funded = Krijgt geen geld
report-plan = Plan { $number }
report-votes-caption = Stemmen per plan. De uitslag en de uitleg staan in de tabel hieronder.
report-area-caption = Geld per gebied, { $period }
report-col-area = Gebied
report-col-opening = Begin
report-col-in-budget = Uit de begroting
report-from-funders = Van financiers
report-col-returned = Terug uit plannen
report-col-paid = Betaald
report-col-unpaid = Nog te betalen
report-total = Totaal
report-sources-title = Waar kwam het geld van { $area } vandaan?
report-sources-none = In deze periode kwam er geen geld bij in de pot van { $area }.
report-from-budget = Uit de gemeentebegroting
report-col-taakveld = Taakveld
report-col-budget-line = Begrotingspost
report-col-year = Jaar
report-col-amount = Bedrag
report-cbs-source = Taakvelden en begrotingscijfers: Bron: CBS (Iv3 open data, CC BY 4.0).
report-col-funder = Financier
report-round-heading = { $round } ({ $area }, { $year } kwartaal { $quarter })
report-counted-on = Geteld op
report-turnout-label = Opkomst
report-how-voted = Hoe werd er gestemd?
report-how-counted = Hoe werd er geteld?
report-budget = Budget
report-granted = Toegekend
report-fingerprint = Vingerafdruk van de regels
report-no-plans = Er stonden geen plannen op het stembiljet.
report-result-per-plan = Uitslag per plan
report-col-plan = Plan
report-col-name = Naam
report-col-votes = Stemmen
report-col-result = Uitslag
report-col-explanation = Uitleg
report-title = Verantwoording burgerbegroting { $municipality }, { $period }
report-heading = Verantwoording burgerbegroting
report-period = Periode: { $period }
report-made-on = Gemaakt op { $when } (Nederlandse tijd).
report-short = In het kort
report-short-text = In deze periode kwam er { $came_in } in de potten van de dorpen en wijken. Inwoners kozen plannen; die kregen samen { $committed }. Er is { $paid } betaald. Aan het eind van de periode stond er nog { $left } in de potten.
report-rounds-counted = { $count ->
    [one] Er is 1 stemronde geteld in deze periode.
   *[other] Er zijn { $count } stemrondes geteld in deze periode.
}
report-formula = Begin + uit de begroting + van financiers − toegekend aan plannen + terug uit plannen = over in de pot. Wat aan een plan is toegekend, wordt betaald vanaf de rekening van dat plan.
report-rounds = Stemrondes
report-verify-title = Controleer dit rapport
report-verify-intro = Alle handelingen in de burgerbegroting staan in een logboek dat niet ongemerkt te veranderen is. Hieronder staat het ondertekende controlepunt van dat logboek en de vingerafdruk van de sleutel waarmee het is ondertekend.
report-checkpoint = Controlepunt
report-no-checkpoint = Er is nog geen ondertekend controlepunt.
report-key-fingerprint = Vingerafdruk van de sleutel
report-unknown = (onbekend)
report-verify-how = Vergelijk de vingerafdruk met die op de pagina /audit van de gemeente en in het bestand key.pub: zijn ze gelijk, dan is dit controlepunt door de gemeente ondertekend. Controleer daarna de hele bundel met het programma burgerbegroting audit verify; dat telt alle bedragen en stemmen opnieuw, zonder internet, en zegt precies wat er niet klopt.
report-footer = Taakvelden en begrotingscijfers: Bron: CBS (Iv3 open data, CC BY 4.0). Bedragen in euro.

## The council's handlers

council-only = Deze pagina is alleen voor de gemeenteraad en de stuurgroep.
council-not-a-date = "{ $typed }" is geen datum. Schrijf de datum zo: 2026-03-31.
council-period-reversed = De eerste dag ligt na de laatste dag. Kies een eerste dag vóór of op de laatste dag.
council-no-signing-key = Er is geen ondertekeningssleutel ingesteld. Zonder sleutel kan er geen controlebundel worden gemaakt.
council-bundle-failed = De controlebundel kon niet worden gemaakt: { $reason }.
council-bundle-no-zip = de zip is niet gemaakt
council-bundle-our-fault = er ging bij ons iets mis; er is niets bewaard

## The public audit page

audit-title = Controleer het logboek
audit-stopped-title = Let op: het logboek wordt niet meer ondertekend
audit-stopped-meanwhile = Tot dit is opgelost, kunt u niet controleren of nieuwe gebeurtenissen in het logboek staan. De gemeente is op de hoogte gebracht.
audit-intro-log = Alles wat er in de burgerbegroting gebeurt, komt in een logboek: elke overboeking, elke ronde en elke stem (zonder naam of stemcode). Het logboek is zo gemaakt dat niemand er later iets in kan veranderen of uit kan weghalen zonder dat het opvalt.
audit-intro-checkpoint = Elke minuut zet de gemeente een digitale handtekening onder het logboek. Die handtekening heet een controlepunt. Iedereen kan met de openbare sleutel hieronder nagaan dat een controlepunt echt van de gemeente komt.
audit-receipt-title = Staat uw stem in het logboek?
audit-receipt-intro = Na het stemmen kreeg u een controlecode, bijvoorbeeld { $example }. Vul hem hieronder in.
audit-receipt-found = Uw stem met controlecode { $receipt } staat in het logboek.
audit-receipt-found-seq = Het is gebeurtenis nummer { $seq }. Het bewijs daarvoor kunt u downloaden en bewaren; met het controlepunt hieronder kan iedereen het nagaan.
audit-proof-download = Download het bewijs (tekstbestand)
audit-receipt-received = Uw stem met controlecode { $receipt } is ontvangen.
audit-receipt-not-yet-signed = Hij staat nog niet in een ondertekend controlepunt. Dat gebeurt binnen een paar minuten. Probeer het straks opnieuw.
audit-receipt-label = Uw controlecode
audit-receipt-hint = Vijf tekens, een streepje en weer vijf tekens. Hoofdletters of kleine letters maakt niet uit.
audit-receipt-button = Zoek mijn stem
audit-receipt-not-found = De controlecode { $receipt } staat niet in het logboek. Kijk of u hem goed heeft overgenomen: vijf tekens, een streepje en weer vijf tekens. Klopt hij wel? Neem dan contact op met de gemeente.
audit-receipt-missing = Vul uw controlecode in. U vindt hem op het scherm na het stemmen of op uw stembiljet.
audit-latest-title = Het laatste controlepunt
audit-latest-signed = Ondertekend op { $when } (Nederlandse tijd). Het telt { $count ->
    [one] 1 gebeurtenis.
   *[other] { $count } gebeurtenissen.
}
audit-checkpoint-download = Download het controlepunt (tekstbestand)
audit-no-checkpoint = Er is nog geen controlepunt ondertekend.
audit-status-not-configured = Het logboek wordt niet ondertekend: er is geen ondertekeningssleutel ingesteld (instelling signing_key_file).
audit-status-ok = Het logboek wordt ondertekend. Het laatste controlepunt telt { $count ->
    [one] 1 gebeurtenis.
   *[other] { $count } gebeurtenissen.
}
audit-status-ok-none = Het logboek wordt ondertekend; er is nog geen controlepunt.
audit-status-stopped = LET OP: het ondertekenen is op { $when } gestopt, omdat de opgeslagen geschiedenis niet meer klopt met het laatst ondertekende controlepunt ({ $reason }). Er wordt niets meer ondertekend tot een beheerder dit heeft onderzocht.
audit-key-title = De openbare sleutel
audit-key-intro = Met deze sleutel controleert u de handtekening:
audit-key-fingerprint = Vingerafdruk van de sleutel:
audit-no-key = Er is geen sleutel ingesteld; het logboek wordt nu niet ondertekend.
audit-how-title = Zo controleert u het zelf
audit-how-compare = Vergelijk de vingerafdruk hierboven met die in het rapport aan de gemeenteraad en in het bestand key.pub van de controlebundel. Zijn ze gelijk, dan gaat het om dezelfde sleutel.
audit-how-verify = Controleer met die sleutel de handtekening onder het controlepunt. Het programma { $program } doet dat voor een hele controlebundel, zonder internet; het telt ook alle bedragen en stemmen opnieuw.
audit-how-own-vote = Wilt u weten of uw eigen stem erin zit? Zoek hierboven op uw controlecode en bewaar het bewijs. Het bewijs laat zien dat uw stem onder het ondertekende controlepunt valt.
audit-how-keep = Een nieuwer controlepunt bevat altijd alles van een ouder controlepunt. Bewaar dus gerust een oud controlepunt: met een nieuwer kunt u laten nagaan dat er in de tussentijd niets is veranderd.

## Why a plan was or was not funded (the same words as the counting program)

explain-fitted = Gekozen. Op de ranglijst stond dit plan op plaats { $rank }. Er was toen nog { $left } over. Het plan kost { $cost }, dus het paste.
explain-fitted-completion = Gekozen in de aanvulling: er was nog { $left } over. Dit plan stond op plaats { $rank } van de overgebleven plannen en paste nog.
explain-did-not-fit = Niet gekozen. Toen dit plan aan de beurt was (plaats { $rank }), was er nog { $left } over. Het plan kost { $cost }. Dat paste niet.
explain-did-not-fit-completion = Ook in de aanvulling paste het niet: er was nog { $left } over en het plan kost { $cost }.
explain-lost-tie = Niet gekozen. Dit plan had evenveel { $score } als plan { $winner }. Plan { $winner } ging voor (bij gelijke stand: { $tie }). Daarna was er nog { $left } over, te weinig voor dit plan ({ $cost }).
explain-shared = Gekozen in ronde { $round }. Iedere stemmer had { $per_voter } te besteden. { $payers } voorstanders betaalden samen dit plan; niemand betaalde meer dan { $max_payment }.
explain-paying-all = { $count ->
    [one] 1 van hen gaf al het geld dat hij of zij nog had.
   *[other] { $count } van hen gaven al het geld dat ze nog hadden.
}
explain-won-tie = Plan { $plans } was precies even duur per voorstander; dit plan ging voor (bij gelijke stand: { $tie }).
explain-short = Niet gekozen bij de gelijke delen. De voorstanders hadden samen { $money }. Dat is minder dan de kosten ({ $cost }).
explain-spent = Niet gekozen bij de gelijke delen. Na ronde { $round } hadden de voorstanders samen nog { $money }; het plan kost { $cost }. Dat was te weinig: hun geld ging naar andere plannen die zij ook steunden.
explain-lost-tie-mes = In een ronde was het precies even duur als plan { $winner }; dat plan ging voor (bij gelijke stand: { $tie }).
explain-no-support = Niet gekozen. Niemand heeft op dit plan gestemd.
explain-free = Gekozen: dit plan kost niets en heeft steun.
explain-zero-cost = Niet gekozen: dit plan kost niets; bij deze regel telt het daarom niet mee.
explain-below-threshold = Niet meegeteld: dit plan kreeg { $value } { $score }, minder dan het minimum van { $threshold }.
explain-without-votes = Niemand had op dit plan gestemd; het kreeg geld omdat er aan het eind nog genoeg over was (zo telt ook pabutools).
explain-score-votes = stemmen
explain-score-points = punten
explain-score-votes-per-euro = stemmen per euro
explain-tie-fair = het plan met de meeste stemmen gaat voor; zijn die ook gelijk, dan het goedkoopste plan; daarna het laagste nummer
explain-tie-lowest = het plan met het laagste nummer gaat voor (nummers vergeleken als tekst, zoals pabutools doet)
explain-tie-highest = het plan met het hoogste nummer gaat voor (nummers vergeleken als tekst)
