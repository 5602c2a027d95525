"""Japanese conventions: era dates (wareki), line-breaking (kinsoku) classes, and the
normalisation of text staff paste in (normalize)."""
