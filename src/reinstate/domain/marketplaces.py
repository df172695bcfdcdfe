"""Marketplaces: where an order was sold, which clock and calendar apply to it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Marketplace:
    """One Amazon marketplace, as the rule data describes it."""

    code: str
    name: str
    sales_channel: str
    marketplace_id: str
    timezone: str
    holiday_country: str
    encodings: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class MarketplaceDirectory:
    """All known marketplaces, looked up by code, sales channel or marketplace id."""

    marketplaces: tuple[Marketplace, ...]

    def by_code(self, code: str) -> Marketplace | None:
        """Return the marketplace with this two-letter code (case-insensitive)."""
        wanted = code.strip().upper()
        return next((m for m in self.marketplaces if m.code == wanted), None)

    def by_sales_channel(self, sales_channel: str) -> Marketplace | None:
        """Return the marketplace for an orders report `sales-channel` value (`Amazon.de`)."""
        wanted = sales_channel.strip().lower()
        return next((m for m in self.marketplaces if m.sales_channel.lower() == wanted), None)

    def by_marketplace_id(self, marketplace_id: str) -> Marketplace | None:
        """Return the marketplace for an SP-API marketplace id (`ATVPDKIKX0DER`)."""
        wanted = marketplace_id.strip()
        return next((m for m in self.marketplaces if m.marketplace_id == wanted), None)

    def codes(self) -> tuple[str, ...]:
        """Return every marketplace code, in rule-file order."""
        return tuple(m.code for m in self.marketplaces)
