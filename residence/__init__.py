"""Residence: the house manager's desk app for a sober-living residence (no Qt in this package)."""

__version__ = "0.1.0"
