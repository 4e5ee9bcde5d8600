"""What every layer shares: a problem and its rule, dates, "did you mean" hints, the HTML allow-list."""
