# Texts of the finance pages (budget, budget lines, pots, transfers, approval queue,
# corrections, import) and the finance handlers' own messages. Dutch is the default
# language; keep every key also in en/finance.ftl.

## Shared on the finance pages

finance-code = Code
finance-description = Omschrijving
finance-funder = Financier
finance-budgeted = Begroot
finance-balance = Saldo
finance-total = Totaal
finance-year = Jaar
finance-taakveld = Taakveld
finance-pending = Wacht op goedkeuring
finance-history = Geschiedenis
finance-why = Waarom
finance-decision-ref = Raadsbesluit

## Budget

finance-budget = Begroting
finance-budget-year = Begroting { $year }
finance-choose-year = Kies een jaar
finance-show = Toon
finance-no-lines = Er zijn nog geen begrotingsposten. { $link }.
finance-no-lines-link = Lees de begroting in
finance-totals = Totaal begroot: { $budgeted }. Nog op de begrotingsposten: { $balance }.
finance-lines-caption = Begrotingsposten per taakveld
finance-taakveld-group = Taakveld { $code } { $name }

## History of an account

finance-history-none = Nog geen overboekingen.
finance-history-other = Van / naar
finance-history-in = Erbij
finance-history-out = Eraf
finance-history-from = van { $name }
finance-history-to = naar { $name }

## Budget line

finance-line-title = Begrotingspost { $code } { $name }
finance-line-back = Terug naar begroting { $year }
finance-line-available = Nog beschikbaar
finance-line-transfer = Geld overboeken naar een pot
finance-line-history = Alle overboekingen van en naar deze begrotingspost

## Pots

finance-pools-none = Er zijn nog geen gebieden. Een beheerder kan ze aanmaken.
finance-pools-caption = Saldo per dorp of wijk
finance-pools-area = Gebied
finance-pool-title = Pot { $name }
finance-pool-back = Terug naar alle potten
finance-pool-reserved = Gereserveerd voor rondes
finance-pool-earmarked = Apart gezet
finance-pool-available = Beschikbaar
finance-pool-history = Alle overboekingen van en naar deze pot

## Transfers, approval queue, one transfer

finance-transfers-none = Er zijn geen overboekingen.
finance-queue-title = Overboekingen die wachten op goedkeuring
finance-queue-intro = Een overboeking van een begrotingspost en elke correctie moeten door een tweede medewerker worden goedgekeurd. Uw eigen overboekingen kunt u niet goedkeuren.
finance-transfer-title = Overboeking { $seq }
finance-transfer-back = Terug naar alle overboekingen
finance-transfer-corrects = Corrigeert
finance-transfer-original = de oorspronkelijke overboeking
finance-transfer-created-by = Ingevoerd door
finance-transfer-decided-by = Beoordeeld door
finance-transfer-reason = Toelichting
finance-transfer-number = Nummer
finance-transfer-own = U heeft deze overboeking zelf ingevoerd. Een collega moet hem goedkeuren.
finance-transfer-decide = Beoordelen
finance-transfer-reason-hint = Verplicht als u afwijst.
finance-transfer-approve = Goedkeuren
finance-transfer-reject = Afwijzen
finance-transfer-correct = Corrigeren
finance-transfer-correct-intro = Een overboeking wordt nooit gewijzigd of verwijderd. Klopt er iets niet? Maak een correctie: die boekt (een deel van) het bedrag terug. Een collega moet de correctie goedkeuren.
finance-transfer-correct-amount = Bedrag terugboeken
finance-transfer-correct-amount-hint = Bijvoorbeeld 1.250,00
finance-transfer-correct-submit = Correctie aanvragen
finance-transfer-corrections = Correcties
finance-transfer-corrections-caption = Correcties van deze overboeking

## New transfer

finance-new-intro = Boek geld van een begrotingspost of een financier naar de pot van een dorp of wijk. Geld van een begrotingspost moet door een collega worden goedgekeurd.
finance-new-from-hint = Met het bedrag dat nog beschikbaar is.
finance-new-from-empty = Kies een begrotingspost of financier
finance-new-lines = Begrotingsposten
finance-new-funders = Financiers
finance-new-line-option = { $year } { $code } { $name } (beschikbaar { $available })
finance-new-to = Naar de pot van
finance-new-to-empty = Kies een dorp of wijk
finance-new-amount = Bedrag in euro
finance-new-amount-hint = Bijvoorbeeld 12.000,00
finance-new-memo-hint = Bijvoorbeeld: groenonderhoud 2025 volgens de burgerbegroting
finance-new-decision-ref-hint = Nummer van het raadsbesluit. Verplicht bij geld van een begrotingspost.
finance-new-submit = Overboeking aanvragen
finance-new-from-missing = Kies waar het geld vandaan komt.
finance-new-to-missing = Kies de pot waar het geld naartoe gaat.

## Filter of the transfers list

finance-filter-kind-unknown = Kies een soort uit de lijst.
finance-filter-status-unknown = Kies een status uit de lijst.

## Approving: the confirmation page

finance-approve-title = Overboeking van { $amount } goedkeuren?
finance-approve-moves = { $amount } gaat van { $from } naar { $to }.
finance-approve-memo = Omschrijving: { $memo }
finance-approve-decision-ref = Raadsbesluit: { $decision }
finance-approve-final = De overboeking wordt meteen geboekt. Een fout herstelt u daarna alleen met een correctie.
finance-approve-confirm = Ja, { $amount } overboeken

## Import

finance-import-added = { $count ->
    [one] 1 begrotingspost toegevoegd
   *[other] { $count } begrotingsposten toegevoegd
}
finance-import-unchanged = , { $count } stonden er al en zijn niet veranderd.
finance-import-view = Bekijk de begroting
finance-import-failed = Het bestand is niet ingelezen
finance-import-fix = { $count ->
    [one] Er is niets opgeslagen. Verbeter dit punt in het bestand en lees het opnieuw in.
   *[other] Er is niets opgeslagen. Verbeter deze { $count } punten in het bestand en lees het opnieuw in.
}
finance-import-problems = Problemen in het bestand
finance-import-line = Regel
finance-import-column = Kolom
finance-import-value = Waarde
finance-import-wrong = Wat is er mis
finance-import-kinds = U kunt drie soorten bestanden inlezen:
finance-import-excel = een export uit Excel met de kolommen { $columns } (bedragen zoals 1.234,56),
finance-import-csv = een CSV-bestand met de kolommen { $columns } (bedragen zoals 1234.56),
finance-import-cbs = een Iv3-overzicht van het CBS (bedragen x € 1.000).
finance-import-all-or-nothing = Het hele bestand wordt ingelezen, of niets. Een bestand twee keer inlezen verandert niets.
finance-import-file = Bestand
finance-import-municipality = Gemeente
finance-import-municipality-hint = Alleen nodig bij een CBS-bestand met meer gemeenten.
finance-import-submit = Inlezen
finance-import-too-large = Het bestand is groter dan 10 MB. Is dit wel een begroting?
finance-import-no-file = Kies een bestand om in te lezen.
