"""Japanese conventions: era dates (wareki) and line-breaking (kinsoku) classes."""
