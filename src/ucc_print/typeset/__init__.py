"""Backend-neutral text setting: the line breaker (kinsoku, BudouX phrases, balanced lines) over
measured spans; a backend supplies the measure (components/measure.py), japanese/ the rules."""
