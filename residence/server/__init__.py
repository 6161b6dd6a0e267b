"""Houses on a PostgreSQL server: preparing the server's database, moving a house file there."""
