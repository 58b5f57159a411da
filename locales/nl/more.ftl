## Texts added for English pages (issue 10): amounts, import notes, the audit page.

error-money-decimals-english = Een bedrag heeft hoogstens 2 cijfers na de punt. Schrijf het zo: 1,234.56
