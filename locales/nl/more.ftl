## Texts added for English pages (issue 10): amounts, import notes, the audit page.

error-money-decimals-english = Een bedrag heeft hoogstens 2 cijfers na de punt. Schrijf het zo: 1,234.56

## The pot's held money (views/rounds.rs hold_reason): a round's reservation.
more-pool-hold-round = { $title } { $year } kwartaal { $quarter }

## Notes after a ledger import of a CBS file (domain/ledger_import/cbs_iv3.rs).
more-import-note-source = Bron: CBS (Iv3 open data). De bedragen in het bestand zijn x € 1.000; als begrotingsregel geldt het bedrag van de lasten.
more-import-note-other-municipalities = { $count } regels van andere gemeenten zijn overgeslagen ({ $names }).
more-import-note-accounts = { $count } regels van de jaarrekening zijn overgeslagen: dat zijn uitgegeven bedragen, geen begroting.
more-import-note-accounts-of-year = { $count } regels van de jaarrekening van { $year } zijn overgeslagen: dat zijn uitgegeven bedragen, geen begroting.
more-import-note-costs-zero = lasten € 0
more-import-note-costs-not-counted = let op: lasten { $amount }, die zijn niet meegeteld
more-import-note-parent-skipped = { $year }: taakveld { $taakveld } is overgeslagen, omdat de onderdelen ervan ({ $parts }) er ook in staan ({ $costs }).
more-import-note-negative = { $year }: taakveld { $taakveld } is overgeslagen, omdat de lasten negatief zijn ({ $amount }). Een begrotingsregel moet groter zijn dan 0 euro.
more-import-note-zero = { $year }: { $count } taakvelden met lasten € 0 zijn overgeslagen ({ $codes }).

## Why no audit bundle is made (audit_export.rs; the command line and the council's page).
more-export-from-after-to = de begindatum ligt na de einddatum
more-export-dir-not-empty = de map { $dir } bestaat al en is niet leeg; kies een nieuwe map
more-export-signing-stopped = het ondertekenen is gestopt ({ $reason }); er wordt geen bundel gemaakt
more-export-log-empty = het logboek is nog leeg
more-export-checkpoint-other-key = het laatste controlepunt is niet met deze sleutel ondertekend
more-export-checkpoint-count = het controlepunt telt niet de gelezen gebeurtenissen; er wordt geen bundel gemaakt
more-export-not-utf8 = het logboek bevat tekst die geen UTF-8 is
more-export-log-wrong = het logboek klopt niet ({ $reason }); er wordt geen bundel gemaakt
more-export-previous-other-key = het controlepunt van de eerdere bundel is niet met deze sleutel ondertekend
more-export-previous-mismatch = de eerdere bundel past niet bij dit logboek (de geschiedenis verschilt)
