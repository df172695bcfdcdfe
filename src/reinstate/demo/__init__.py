"""A realistic generated dataset in Amazon's own report formats."""
