"""The English words for each cause dimension and complaint theme (msgids of the `causes` catalog)."""

DIMENSION_LABELS = {
    "asin": "ASIN",
    "sku": "SKU",
    "carrier": "carrier",
    "handling_promised": "handling days promised",
    "days_to_ship": "days to ship",
    "weekday": "weekday",
    "period": "period",
    "complaint_theme": "complaint theme",
}
THEME_LABELS = {
    "not_received": "not received",
    "late": "late",
    "damaged": "damaged or defective",
    "not_as_described": "not as described / wrong size",
    "wrong_item": "wrong item",
    "used_as_new": "used sold as new",
    "counterfeit": "counterfeit suspicion",
    "poor_service": "poor service",
    "other": "other",
}
