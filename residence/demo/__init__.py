"""The demo houses: Magnolia House as it stands on a day (``house``), and a house with years
of history (``years``). Each area keeps its own part of them in its ``demo.py``."""
