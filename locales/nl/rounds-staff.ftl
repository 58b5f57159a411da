# Texts of the coordinator's and initiator's parts of the round pages (new round, a year
# at once, the pool, the steps of a round, paper ballots, the plan form), of the
# administrator's voting-code page, and the messages of their handlers. Dutch is the
# default language; keep every key also in en/rounds-staff.ftl.

## The list of rounds and a new round

rounds-schedule-link = Een heel jaar in één keer plannen
rounds-schedule-link-hint = (1 tot 4 rondes per dorp of wijk, met dezelfde data en regels).
rounds-pools-of-area = De pot van uw gebied (gereserveerd en apart gezet geld):
rounds-new-title = Nieuwe ronde
rounds-new-intro = Na het aanmaken staat de ronde open voor plannen. De regels kunt u daarna niet meer veranderen: ze liggen vast zodra het stemmen begint.
rounds-new-choose-area = Kies een gebied
rounds-new-year = Jaar
rounds-new-year-hint = Bijvoorbeeld 2027
rounds-new-quarter = Kwartaal
rounds-quarter = Kwartaal { $quarter }
rounds-new-name = Naam van de ronde
rounds-new-name-hint = Bijvoorbeeld: Groen en spelen in de zomer
rounds-new-budget = Budget in euro
rounds-new-budget-hint = Het bedrag dat in deze ronde te verdelen is, bijvoorbeeld 25.000,00
rounds-new-example = Bijvoorbeeld { $example }
rounds-new-dates = Data (niet verplicht)
rounds-new-dates-hint = Vult u de data in, dan gaat de ronde vanzelf naar de volgende stap: na de laatste dag van indienen naar de beoordeling, op de eerste stemdag naar het stemmen, en na de laatste stemdag worden de stemmen geteld. Laat u ze leeg, dan zet u elke stap zelf. Vul alle vijf in, of geen.
rounds-new-plans-from = Plannen indienen vanaf
rounds-new-plans-from-hint = Dag-maand-jaar, bijvoorbeeld 1-4-2027
rounds-new-plans-until = Plannen indienen tot en met
rounds-new-review-until = Beoordelen tot en met
rounds-new-voting-from = Stemmen vanaf
rounds-new-voting-until = Stemmen tot en met
rounds-new-submit = Ronde aanmaken
rounds-rule-how-vote = Hoe stemmen inwoners?
rounds-rule-approval = Plannen aankruisen
rounds-rule-approval-hint = Inwoners kruisen de plannen aan die zij steunen. U kunt hieronder een maximum instellen.
rounds-rule-within-budget = Binnen het budget kiezen
rounds-rule-within-budget-hint = Inwoners kiezen plannen die samen niet meer kosten dan het budget.
rounds-rule-max-choices = Hoeveel plannen mag iemand hoogstens aankruisen?
rounds-rule-max-choices-hint = Alleen bij plannen aankruisen. Laat leeg voor geen maximum.
rounds-rule-how-count = Hoe worden de stemmen geteld?

## The pool of an area

rounds-pool-no-holds = Er is geen geld gereserveerd of apart gezet.
rounds-pool-holds = Gereserveerd en apart gezet
rounds-pool-col-kind = Soort
rounds-pool-col-for = Waarvoor
rounds-pool-col-amount = Bedrag
rounds-pool-kind-round = Ronde
rounds-pool-kind-earmark = Apart gezet
rounds-pool-title = Pot { $area }
rounds-pool-balance = In de pot
rounds-pool-reserved = Gereserveerd voor rondes
rounds-pool-pending = Wacht op goedkeuring
rounds-pool-available = Beschikbaar voor nieuwe rondes
rounds-pool-explained = Als het stemmen in een ronde begint, wordt het budget van de ronde in de pot gereserveerd. Als de ronde wordt afgesloten, gaat het geld naar de gekozen plannen en komt de rest weer vrij.
rounds-pool-release = Vrijgeven: { $reason } ({ $amount })
rounds-pool-earmark-title = Geld apart zetten
rounds-pool-earmark-intro = Zet geld apart voor iets wat het dorp wil, bijvoorbeeld 10.000 euro voor de speeltuin. Dat geld kan dan niet in een ronde worden verdeeld, tot u het vrijgeeft.
rounds-pool-amount = Bedrag in euro
rounds-pool-reason-hint = Bijvoorbeeld: de nieuwe speeltuin
rounds-pool-earmark-submit = Apart zetten

## A year at once

rounds-schedule-title = Een jaar plannen
rounds-schedule-intro = Plan in één keer de rondes van een jaar: per gekozen kwartaal één ronde voor elk gekozen dorp of elke gekozen wijk. Alle rondes krijgen dezelfde regels en hetzelfde budget, en per kwartaal dezelfde data. Heeft een dorp in een kwartaal al een ronde, dan wordt er niets gepland en leest u waar het botst.
rounds-schedule-dates = De data: plannen indienen vanaf de eerste dag van het kwartaal, zoveel weken als u hieronder kiest. Daarna de beoordeling, en de dag erna begint het stemmen. De ronde gaat op die data vanzelf naar de volgende stap.
rounds-schedule-quarters = Kwartalen
rounds-schedule-quarters-hint = Kies 1 tot 4 kwartalen.
rounds-schedule-areas = Dorpen en wijken
rounds-schedule-areas-hint = Kies een of meer.
rounds-schedule-name = Naam van de rondes
rounds-schedule-name-hint = Voor het jaar en het kwartaal, bijvoorbeeld Smederij (dan: Smederij 2027 kwartaal 1)
rounds-schedule-budget = Budget per ronde in euro
rounds-schedule-plan-weeks = Weken voor plannen indienen
rounds-schedule-review-weeks = Weken voor de beoordeling
rounds-schedule-voting-weeks = Weken voor het stemmen
rounds-schedule-weeks-hint = 1 tot 26
rounds-schedule-submit = Rondes plannen

## One round: the plan form of an initiator

rounds-review-plan = Plan { $number } beoordelen
rounds-submit-title = Een plan indienen
rounds-submit-intro = Beschrijf wat u wilt doen en waar het geld voor is. De gebiedsregisseur kijkt of het plan past bij wat het dorp belangrijk vindt. Daarna komt het plan op het stembiljet, of u leest waarom niet.
rounds-submit-max = Een plan in { $area } mag hoogstens { $amount } kosten.
rounds-submit-plan-title = Titel van uw plan
rounds-submit-plan-title-hint = Kort en duidelijk, bijvoorbeeld: Bankjes bij de speeltuin
rounds-submit-summary = Wat wilt u doen?
rounds-submit-summary-hint = Schrijf ook waar het geld precies voor is (bijvoorbeeld 3 bankjes van 800 euro).
rounds-submit-amount = Wat kost het, in euro?
rounds-submit-costs = Kosten per onderdeel (mag leeg blijven)
rounds-submit-costs-hint = Wilt u laten zien hoe het bedrag is opgebouwd? Vul dan per onderdeel in waar het geld voor is en wat het kost. Samen moeten de onderdelen het bedrag hierboven zijn.
rounds-submit-cost-part = Onderdeel { $number }
rounds-submit-cost-amount = Bedrag onderdeel { $number }, in euro
rounds-submit-more-lines = Meer regels
rounds-submit-button = Plan indienen
rounds-submit-needs-initiator = Plannen indienen kan met een account als initiatiefnemer. Vraag de gemeente om hulp als u dat wilt.
rounds-submit-want = Wilt u een plan indienen?
rounds-submit-log-in = Log in
rounds-submit-or = of
rounds-submit-register = maak een account

## One round: the coordinator's steps and paper ballots

rounds-manage-by-itself = Anders gebeurt dit vanzelf na { $date }.
rounds-manage-close-submissions = Indienen sluiten
rounds-manage-close-submissions-text = Sluit het indienen als er geen nieuwe plannen meer bij mogen. U kunt daarna nog beoordelen.
rounds-manage-open-voting = Stemmen openen
rounds-manage-open-voting-text = Als u het stemmen opent, liggen de regels, het budget en de genomineerde plannen vast. Daarna kunt u niets meer veranderen en geen plannen meer beoordelen. Beoordeel daarom eerst alle plannen.
rounds-manage-on-ballot = Op het stembiljet: { $count ->
    [one] 1 genomineerd plan
   *[other] { $count } genomineerde plannen
}.
rounds-manage-paper-title = Papieren stem invoeren
rounds-manage-paper-so-far = Tot nu toe gestemd: { $count }, online en op papier samen.
rounds-manage-votes = { $count ->
    [one] 1 stem
   *[other] { $count } stemmen
}
rounds-manage-paper-text = Typ de stemcode van de brief over en kruis aan wat op het stembiljet is gekozen. Na het opslaan ziet u een controlecode. Schrijf die op het stembiljet.
rounds-manage-count = Stemmen sluiten en tellen
rounds-manage-count-text = Als u het stemmen sluit, kan niemand meer stemmen. De stemmen worden meteen geteld en de uitslag komt op deze pagina. Er wordt nog geen geld vastgelegd.
rounds-manage-close = Ronde afsluiten
rounds-manage-close-text = Als u de ronde afsluit, wordt het geld voor de gekozen plannen uit de pot van { $area } vastgelegd. Daarna verandert er niets meer aan deze ronde.
rounds-manage-close-button = Geld vastleggen en afsluiten
rounds-paper-code = Stemcode van de brief
rounds-paper-code-hint = Bijvoorbeeld K7PM-2XQ9-HT4W-R8NC-5DFG. Streepjes en spaties mogen.
rounds-paper-choices = Gekozen plannen
rounds-paper-plan = Plan { $number }: { $title } ({ $amount })
rounds-paper-assisted = Geholpen bij het stemmen
rounds-paper-assisted-hint = Kruis aan als iemand de kiezer heeft geholpen. Wie er hielp en wat er gekozen is, wordt daarbij niet vastgelegd.
rounds-paper-save = Stem opslaan

## Voting codes (administrator)

codes-admin-reason-lost = Brief kwijt
codes-admin-reason-not-received = Brief niet ontvangen
codes-admin-reason-damaged = Brief beschadigd of onleesbaar
codes-admin-reason-other = Andere reden
codes-admin-title = Stemcodes
codes-admin-batches = Reeksen
codes-admin-no-batches = Er zijn nog geen stemcodes gemaakt.
codes-admin-batches-label = Reeksen stemcodes
codes-admin-batches-caption = Reeksen stemcodes per gebied en jaar (alleen aantallen)
codes-admin-col-area = Gebied
codes-admin-col-year = Jaar
codes-admin-col-made-on = Gemaakt op
codes-admin-col-made = Gemaakt
codes-admin-col-valid = Geldig
codes-admin-col-revoked = Ingetrokken
codes-admin-col-replaced = Vervangen door nieuwe brief
codes-admin-col-used = Gebruikt om te stemmen
codes-admin-used-hint = Gebruikt: codes waarmee in minstens één ronde is gestemd, online of op papier. Welke code op wat heeft gestemd, bewaren we niet.
codes-admin-new-batch = Nieuwe reeks maken
codes-admin-new-batch-intro = U krijgt een CSV-bestand voor de drukker (kenmerk; code; gebied). De codes staan alleen in dat bestand: wij bewaren ze niet en kunnen ze niet opnieuw tonen. Bewaar het bestand veilig en verwijder het als de brieven verstuurd zijn.
codes-admin-year = Jaar van de stemrondes
codes-admin-year-hint = Bijvoorbeeld 2027.
codes-admin-count = Aantal codes
codes-admin-count-hint = Eén per inwoner die mag stemmen.
codes-admin-generate = Codes maken en CSV downloaden
codes-admin-lost-title = Brief kwijt: code intrekken of vervangen
codes-admin-lost-intro = Vul het kenmerk in: de eerste 4 tekens van de code op de brief.
codes-admin-handle = Kenmerk
codes-admin-handle-hint = Bijvoorbeeld K7PM.
codes-admin-reason = Reden
codes-admin-confirm-first = U krijgt eerst te zien wat er gebeurt. Pas daarna wordt de code ingetrokken.
codes-admin-replace = Intrekken en nieuwe code maken
codes-admin-revoke = Alleen intrekken
codes-new-title = Nieuwe stemcode
codes-new-heading = Nieuwe stemcode voor { $area }
codes-new-old-gone = De oude code met kenmerk { $handle } werkt niet meer.
codes-new-once = Zet deze code in de nieuwe brief. U ziet hem maar één keer: wij bewaren hem niet.
codes-new-code = Nieuwe code
codes-new-valid-for = Geldig voor
codes-new-valid-rounds = de stemrondes van { $year }
codes-new-back = Terug naar stemcodes
codes-msg-choose-area = Kies het dorp of de wijk.
codes-msg-count = Vul het aantal codes in als een getal, bijvoorbeeld 1250.
codes-msg-handle = Vul de eerste 4 tekens van de code in, bijvoorbeeld K7PM.
codes-msg-reason = Kies een reden uit de lijst.
codes-msg-revoked = De stemcode met kenmerk { $handle } is ingetrokken. Hij werkt niet meer.
codes-confirm-stops = De stemcode met kenmerk { $handle } ({ $area }, stemrondes van { $year }) werkt daarna niet meer: er kan niemand meer mee stemmen.
codes-confirm-reason = Reden: { $reason }.
codes-confirm-signed-in = Iemand is nu met deze code ingelogd. Die wordt meteen uitgelogd.
codes-confirm-vote-counts = Een stem die al met deze code is uitgebracht, blijft geteld.
codes-confirm-revoke-title = Stemcode { $handle } intrekken?
codes-confirm-revoke-yes = Ja, code intrekken
codes-confirm-new-code = Er komt een nieuwe code voor { $area } voor dezelfde stemrondes. U ziet die code maar één keer, om in de nieuwe brief te zetten.
codes-confirm-replace-title = Stemcode { $handle } vervangen door een nieuwe?
codes-confirm-replace-yes = Ja, intrekken en nieuwe code maken

## Messages of the round pages' handlers

rounds-msg-scheduled = { $count ->
    [one] 1 ronde
   *[other] { $count } rondes
} gepland. Ze staan hieronder, met hun data op de pagina van elke ronde.
rounds-msg-choose-area = Kies het dorp of de wijk van deze ronde.
rounds-msg-year = Vul een jaartal in, bijvoorbeeld 2027.
rounds-msg-quarter = Kies kwartaal 1, 2, 3 of 4.
rounds-msg-max-choices = Vul een aantal van 1 of meer in, of laat het veld leeg.
rounds-msg-max-only-approval = Een maximum aantal plannen past alleen bij plannen aankruisen. Laat het veld leeg.
rounds-msg-ballot-rule = Kies hoe inwoners stemmen.
rounds-msg-count-rule = Kies hoe de stemmen worden geteld.
rounds-msg-date = Vul een datum in, bijvoorbeeld 1-4-2027. Of laat alle vijf de data leeg.
rounds-msg-only-create = Alleen een gebiedsregisseur of beheerder kan een ronde aanmaken.
rounds-msg-only-schedule = Alleen een gebiedsregisseur of beheerder kan rondes plannen.
rounds-msg-quarters = Kies een of meer kwartalen.
rounds-msg-areas = Kies een of meer dorpen of wijken.
rounds-msg-weeks = Vul een aantal weken in, van 1 tot 26.
rounds-msg-cost-amount-missing = Vul bij kostenregel { $number } het bedrag in.
rounds-msg-cost-line = Kostenregel { $number }: { $problem }
rounds-msg-wrong-code = Deze stemcode hoort niet bij deze ronde, of er is een typefout gemaakt. Controleer de code op de brief.
rounds-msg-code-missing = Vul de stemcode van de brief in.
rounds-notice-earmarked = Het geld staat apart.
rounds-notice-released = Het geld is vrijgegeven.
rounds-notice-created = De ronde is aangemaakt. Inwoners kunnen nu plannen indienen.
rounds-notice-plan = Het plan is ingediend. De gebiedsregisseur beoordeelt het.
rounds-notice-reviewed = De beoordeling is opgeslagen.
rounds-notice-review-kept = De beoordeling is bewaard. Het plan wacht nog op een besluit.
rounds-notice-submissions-closed = Het indienen is gesloten. Maak de beoordeling af en open daarna het stemmen.
rounds-notice-voting-open = Het stemmen is geopend. De regels liggen nu vast.
rounds-notice-counted = Het stemmen is gesloten en de stemmen zijn geteld. De uitslag is openbaar.
rounds-notice-closed = Het geld voor de gekozen plannen is vastgelegd. De ronde is afgesloten.

## The confirmation pages of a round's steps

rounds-confirm-name = { $title } ({ $area }, kwartaal { $quarter } van { $year })
rounds-confirm-close-submissions-title = Indienen sluiten voor { $round }?
rounds-confirm-submitted = { $count ->
    [one] Er is 1 plan ingediend.
   *[other] Er zijn { $count } plannen ingediend.
} Daarna kan niemand meer een plan indienen.
rounds-confirm-waiting = { $count ->
    [one] U beoordeelt daarna het plan dat nog wacht.
   *[other] U beoordeelt daarna de { $count } plannen die nog wachten.
} Pas dan kunt u het stemmen openen.
rounds-confirm-close-submissions-yes = Ja, indienen sluiten
rounds-confirm-open-voting-title = Stemmen openen voor { $round }?
rounds-confirm-on-ballot = Er komen { $plans } op het stembiljet, samen { $total }. Het budget is { $budget }.
rounds-confirm-rules-fixed = De regels, het budget en de plannen op het stembiljet liggen daarna vast. U kunt geen plannen meer beoordelen.
rounds-confirm-vote-at-once = Inwoners kunnen meteen stemmen met de code uit hun brief.
rounds-confirm-open-voting-yes = Ja, stemmen openen
rounds-confirm-count-title = Stemmen sluiten en tellen voor { $round }?
rounds-confirm-ballots = { $count ->
    [one] Er is 1 stem uitgebracht
   *[other] Er zijn { $count } stemmen uitgebracht
} (online en op papier). Daarna kan niemand meer stemmen.
rounds-confirm-counted-at-once = De stemmen worden meteen geteld. De uitslag komt openbaar op de pagina van de ronde. Er is { $budget } te verdelen.
rounds-confirm-count-yes = Ja, stemmen sluiten en tellen
rounds-confirm-money-goes = { $amount } gaat van de pot van { $area } naar { $plans }.
rounds-confirm-plan-gets = Plan { $number }: { $title } krijgt { $amount }.
rounds-confirm-left = { $amount } blijft over in de pot van { $area }.
rounds-confirm-not-counted = De ronde is nog niet geteld. Tel eerst de stemmen; daarna kunt u afsluiten.
rounds-confirm-nothing-changes = Daarna verandert er niets meer aan deze ronde.
rounds-confirm-close-title = Ronde afsluiten: { $round }?
rounds-confirm-close-yes = Ja, geld vastleggen en afsluiten

## Messages of the plan page's handlers

plan-notice-paid = De betaling is vastgelegd.
plan-notice-paid-to-approve = De betaling is vastgelegd en wacht op goedkeuring door een collega van Financiën.
plan-notice-progress = De voortgang is gemeld.
plan-notice-done = Het plan is klaar gemeld. Wat niet betaald was, is terug in de pot.
plan-msg-stage = Kies hoe het plan ervoor staat: gepland, bezig of klaar.
