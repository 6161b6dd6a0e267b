"""The house's resources: what it connects people to (meetings by fellowship, literature,
clinics, job and housing help, legal aid), printable for the board and a newcomer's packet,
and which a mentor shared at a check-in."""
