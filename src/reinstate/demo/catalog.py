"""The words of the demo: product names, cities, carriers and feedback comments per marketplace.

No value may contain a tab, a newline or a double quote (Amazon's flat files are not quoted), and
every value must be encodable in its marketplace's file encoding (cp932 for JP, cp1252 for UK/DE).
"""

from __future__ import annotations

from dataclasses import dataclass

# (product name, price in minor units) per catalogue language.
PRODUCTS: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (
        ("Stainless Steel Water Bottle, 750 ml, Insulated", 2499),
        ("Bamboo Cutting Board Set of 3", 3299),
        ("LED Desk Lamp with USB Charging Port", 3999),
        ("Cotton Bath Towels - Pack of 4", 2899),
        ("Silicone Baking Mats (2 Pack)", 1599),
        ("Wireless Earbuds with Charging Case", 4999),
        ("USB-C Cable 2 m, Braided, 3 Pack", 1299),
        ("Cast Iron Skillet 10 inch, Pre-Seasoned", 2799),
        ("Memory Foam Pillow, Queen Size", 3599),
        ("Phone Stand for Desk, Adjustable Aluminium", 1899),
        ("Portable Power Bank 20000mAh", 3499),
        ("Glass Food Storage Containers, 10 Piece", 3999),
    ),
    "de": (
        ("Wanderrucksack 30 L für Damen und Herren", 5999),
        ("Thermoflasche aus Edelstahl – 750 ml", 2499),
        ("Stirnlampe LED, wiederaufladbar, wasserdicht", 1999),
        ("Trekkingstöcke aus Aluminium (2 Stück)", 3499),
        ("Schlafsack für Sommer, ultraleicht – 850 g", 4599),
        ("Campingkocher mit Piezozündung", 2999),
        ("Funktionsshirt Herren, schnelltrocknend", 2299),
        ("Regenjacke Damen, atmungsaktiv – Größe M", 6999),
        ("Isomatte selbstaufblasend, 5 cm", 3999),
        ("Kühltasche faltbar, 20 Liter", 1899),
    ),
    "fr": (
        ("Lampe frontale à LED rechargeable", 1999),
        ("Gourde isotherme en acier inoxydable – 500 ml", 2199),
        ("Sac à dos de randonnée imperméable 40 L", 5499),
        ("Bâtons de marche télescopiques (paire)", 3299),
        ("Tente légère 2 places, montage rapide", 8999),
        ("Veste coupe-vent homme, déperlante", 4999),
        ("Réchaud de camping pliable", 2699),
        ("Couverture de survie, lot de 4", 999),
    ),
    "en-GB": (
        ("Walking Boots, Waterproof – Men’s Size 9", 6999),
        ("Flask, Stainless Steel, 1 L – Café Edition", 2299),
        ("Head Torch, Rechargeable, 350 Lumens", 1999),
        ("Fleece Jacket, Women’s, Navy", 3499),
        ("Camping Chair, Folding, with Cup Holder", 2799),
        ("Rucksack 25 L, Lightweight", 3999),
        ("Waterproof Dry Bag, 20 L – Crème", 1499),
    ),
    "ja": (
        ("ステンレス製 真空断熱ボトル 500ml ホワイト", 2980),
        ("折りたたみ傘 軽量 自動開閉 晴雨兼用", 1980),
        ("ワイヤレスイヤホン Bluetooth5.3 防水", 4980),
        ("竹製 まな板 3枚セット", 2480),
        ("LEDデスクライト USB充電ポート付き", 3980),
        ("今治タオル バスタオル 2枚組", 3280),
        ("USB-Cケーブル 2m ナイロン編み 3本セット", 1280),
        ("抹茶 宇治産 有機 100g", 1680),
        ("低反発枕 日本製", 4580),
        ("保存容器 ガラス 10点セット", 3880),
    ),
}

# Product catalogue language per marketplace code.
CATALOGUE_LANGUAGE: dict[str, str] = {
    "US": "en",
    "CA": "en",
    "UK": "en-GB",
    "DE": "de",
    "FR": "fr",
    "JP": "ja",
}

CURRENCY: dict[str, tuple[str, int]] = {
    "US": ("USD", 2),
    "CA": ("CAD", 2),
    "UK": ("GBP", 2),
    "DE": ("EUR", 2),
    "FR": ("EUR", 2),
    "JP": ("JPY", 0),
}

# Sales tax or VAT included per marketplace, as a fraction of the item price.
TAX_RATE: dict[str, float] = {"US": 0.07, "CA": 0.13, "UK": 0.2, "DE": 0.19, "FR": 0.2, "JP": 0.1}


@dataclass(frozen=True, slots=True)
class Place:
    """A ship-to city (no street, no person: the orders report carries none)."""

    city: str
    state: str
    postal_code: str


PLACES: dict[str, tuple[Place, ...]] = {
    "US": (
        Place("SEATTLE", "WA", "98101"),
        Place("AUSTIN", "TX", "78701"),
        Place("BROOKLYN", "NY", "11201"),
        Place("DENVER", "CO", "80202"),
        Place("CHICAGO", "IL", "60601"),
        Place("SAN JOSE", "CA", "95112"),
    ),
    "CA": (
        Place("TORONTO", "ON", "M5V 2T6"),
        Place("VANCOUVER", "BC", "V6B 1A1"),
        Place("MONTRÉAL", "QC", "H2X 1Y4"),
        Place("CALGARY", "AB", "T2P 1J9"),
    ),
    "UK": (
        Place("LONDON", "", "SW1A 1AA"),
        Place("MANCHESTER", "", "M1 1AE"),
        Place("LEEDS", "West Yorkshire", "LS1 4DY"),
        Place("BRISTOL", "", "BS1 4DJ"),
    ),
    "DE": (
        Place("Köln", "", "50667"),
        Place("München", "Bayern", "80331"),
        Place("Düsseldorf", "", "40213"),
        Place("Berlin", "", "10115"),
        Place("Nürnberg", "Bayern", "90402"),
    ),
    "FR": (
        Place("Paris", "", "75002"),
        Place("Lyon", "", "69002"),
        Place("Besançon", "", "25000"),
        Place("Orléans", "", "45000"),
    ),
    "JP": (
        Place("渋谷区", "東京都", "150-0002"),
        Place("大阪市北区", "大阪府", "530-0001"),
        Place("札幌市中央区", "北海道", "060-0001"),
        Place("福岡市博多区", "福岡県", "812-0011"),
    ),
}

COUNTRY: dict[str, str] = {"US": "US", "CA": "CA", "UK": "GB", "DE": "DE", "FR": "FR", "JP": "JP"}

CARRIERS: dict[str, tuple[str, ...]] = {
    "US": ("USPS", "UPS", "FedEx"),
    "CA": ("Canada Post", "Purolator", "UPS"),
    "UK": ("Royal Mail", "DPD", "Evri"),
    "DE": ("DHL", "Hermes", "DPD"),
    "FR": ("Colissimo", "Chronopost", "DPD"),
    "JP": ("Yamato Transport", "Japan Post", "Sagawa Express"),
}

SHIP_SERVICE_LEVELS: tuple[str, ...] = ("Standard", "Expedited", "SecondDay", "NextDay")

# Feedback comments per header language: (negative, neutral).
COMMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "Arrived late and the box was damaged.",
            "Item never arrived. Seller did not answer my messages.",
            "Not as described, cheap plastic.",
            "Wrong colour sent, had to return it.",
            "Package was left at the wrong address.",
        ),
        (
            "OK product, delivery took longer than promised.",
            "Does the job, packaging could be better.",
            "Average. Took a while to ship.",
        ),
    ),
    "de": (
        (
            "Lieferung kam zu spät und der Karton war beschädigt.",
            "Artikel nie angekommen, keine Antwort vom Verkäufer.",
            "Nicht wie beschrieben, Qualität enttäuschend.",
            "Falsche Größe geliefert, Rücksendung war mühsam.",
        ),
        (
            "Ware okay, Versand hat länger gedauert.",
            "Für den Preis in Ordnung, Verpackung könnte besser sein.",
        ),
    ),
    "fr": (
        (
            "Livraison très en retard, colis abîmé.",
            "Article jamais reçu, vendeur injoignable.",
            "Produit non conforme à la description.",
        ),
        (
            "Produit correct, mais expédition un peu lente.",
            "Conforme, emballage à améliorer.",
        ),
    ),
    "ja": (
        (
            "到着が遅れ、箱が破損していました。",
            "商品が届きません。出品者から返信がありません。",
            "説明と違う商品が届きました。",
        ),
        (
            "商品は普通です。発送に時間がかかりました。",
            "梱包がもう少し丁寧だと良かったです。",
        ),
    ),
}

# "Yes" and "No" in the 9-column feedback report, per header language.
YES_NO: dict[str, tuple[str, str]] = {
    "en": ("Yes", "No"),
    "de": ("Ja", "Nein"),
    "fr": ("Oui", "Non"),
    "ja": ("はい", "いいえ"),
}

# Negative feedback on the near-the-line account's planted products (#13): the size is wrong.
WRONG_SIZE_COMMENTS: tuple[str, ...] = (
    "Wrong size. Much smaller than the listing says.",
    "Runs small, does not fit. The size chart is off.",
    "Too small, not the size described.",
    "Ordered the size shown and it does not fit at all.",
)

AFN_STRIKE_THROUGH_COMMENT = "Package arrived two days late."
