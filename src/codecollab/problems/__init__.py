"""The problem bank: problems with visible and hidden tests, their files, seeding and the API."""
