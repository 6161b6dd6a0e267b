"""Recovery capital: the BARC-10, taken at move-in, at 30 and 90 days and every 90 days after,
and what it shows over a stay."""
