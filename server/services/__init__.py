"""Domain services the views call: no HTTP in here, only the database session and the judge."""
