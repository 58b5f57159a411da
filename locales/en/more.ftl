## Texts added for English pages (issue 10): amounts, import notes, the audit page.

error-money-decimals-english = An amount has at most 2 digits after the point. Write it like this: 1,234.56
