"""Outcomes for the house: what its records show of a period, de-identified, for the house's
own improvement and its funders. Each area registers the measures it can tell."""
