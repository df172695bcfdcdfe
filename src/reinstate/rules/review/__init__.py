"""The reviewer's data files (rules, phrases, sections, template fingerprints) and their loader."""

from reinstate.rules.review.loader import review_rules, template_fingerprints

__all__ = ["review_rules", "template_fingerprints"]
