"""Staff analytics (issue 11): figures by SQL over the real tables, small groups hidden."""
