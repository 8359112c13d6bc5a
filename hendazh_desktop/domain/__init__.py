"""Pure-Python business rules: money, Jalali dates, Persian text, validation and state machines."""
