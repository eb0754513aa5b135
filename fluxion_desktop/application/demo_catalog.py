"""A deterministic, realistic catalog of a Venezuelan minimarket, for demos, tests and benchmarks.

`demo_products(500)` gives the shelves of a bodega: real-sounding brands and sizes ("Harina P.A.N.
Blanca 1 kg", "Cerveza Polar Pilsen 222 ml", "Queso blanco duro (kg)"), USD prices, IVA categories,
EAN-13 barcodes and a demand model for forecasting demos. `large_catalog(300_000)` continues the
same sequence with private-label brands and multi-packs, for load tests. Pure Python: every random
choice comes from one `random.Random(seed)`, and only integers and Decimals are used for numbers.

IVA (Ley de IVA as reformed in 2018-2020; the lists change by decree, so this is plausible, not
legal advice): art. 18 exempts most staples, so rice, maize and wheat flour, pasta, bread,
sugar, papelón, salt, coffee, oats, eggs, milk, white cheeses, butter and margarine, mayonnaise,
edible oils (not olive oil), natural tuna, sardines, mortadela, fresh chicken, beef and pork, fresh
produce and medicines are EXEMPT. The reduced 8 % covers goat and lamb meat and animal feed (pet
food here). Liquor and cigarettes pay the general 16 % (their excise duties are collected upstream,
not at the till), and nothing a minimarket stocks is in the art. 61 luxury list (cars, jewellery,
boats), so the catalog has no LUXURY product. Everything else is GENERAL.

Barcodes: GS1 prefix 759 (Venezuela) for local brands, the brand's country prefix for imports,
then a 4-digit company number per brand and a 5-digit item number. Products sold by weight have
no EAN: their SKU is the 5-digit item code the scale prints on its labels (see
`Barcode.weighed_label`). Other SKUs are a category code and a serial ("VIV-000001").
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import islice

from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tax import TaxCategory

MIN_PRICE_CENTS, MAX_PRICE_CENTS = 30, 2500
# cos(30 degrees x k): the seasonal curve sampled once a month, as exact-enough Decimals.
_COS = tuple(
    map(Decimal, ("1", ".866", ".5", "0", "-.5", "-.866", "-1", "-.866", "-.5", "0", ".5", ".866"))
)


@dataclass(frozen=True, slots=True)
class DemoProduct:
    """One product of the demo catalog and how it sells.

    `base_daily_demand` is the mean units (kg for `Unit.KG`) sold per day; slow movers below 1 a
    day sell intermittently, with many days at zero. `weekly_profile` multiplies it per weekday,
    Monday first (`date.weekday()` order), and averages exactly 1. Seasonality peaks in
    `peak_month`: demand is scaled by ``1 + yearly_amplitude * cos(2 pi (month - peak) / 12)``, so
    an amplitude of 0.9 for pan de jamón means almost nothing sells outside December.
    """

    sku: str
    name: str
    price: Money
    tax_category: TaxCategory
    unit: Unit
    barcode: Barcode | None
    base_daily_demand: Decimal
    weekly_profile: tuple[Decimal, ...]
    yearly_amplitude: Decimal
    peak_month: int
    category: str

    def expected_daily_demand(self, day: date) -> Decimal:
        """Mean units sold on `day`: base, times the weekday factor, times the seasonal factor."""
        season = 1 + self.yearly_amplitude * _COS[(day.month - self.peak_month) % 12]
        return self.base_daily_demand * self.weekly_profile[day.weekday()] * season

    def create_command(self, user_id: str) -> CreateProduct:
        """The command that puts this product in a till's catalog."""
        barcodes = () if self.barcode is None else (self.barcode.value,)
        return CreateProduct(
            user_id, self.sku, self.name, self.price, self.tax_category, self.unit, barcodes
        )


def demo_products(count: int = 500, seed: int = 7) -> list[DemoProduct]:
    """The first `count` products of the catalog: staples and leading brands come first."""
    return list(large_catalog(count, seed))


def large_catalog(count: int, seed: int = 7) -> Iterator[DemoProduct]:
    """`count` products with unique SKUs, names and barcodes; begins with `demo_products`.

    After the real brands run out it adds private labels ("Arroz Sabor Ávila Tipo I 1 kg") and
    packs ("... pack x 6"); `capacity()` (about 1.5 million) products fit before names would repeat.
    """
    if not 0 <= count <= capacity():
        raise ValueError(f"count must be between 0 and {capacity():,}, got {count}")
    return islice(_Generator(seed).products(), count)


# -- the shelves ----------------------------------------------------------------------------------

E, G, R = TaxCategory.EXEMPT, TaxCategory.GENERAL, TaxCategory.REDUCED


@dataclass(frozen=True, slots=True)
class _Line:
    """A product line: every noun, brand, variant and size; the first of each sells the most."""

    category: str
    nouns: tuple[str, ...]
    brands: tuple[str, ...]
    sizes: tuple[tuple[str, int], ...]  # label, price in cents for the leading brand
    tax: TaxCategory
    demand: int  # hundredths of a unit a day, leading brand and first size
    weekly: str
    peak_month: int
    amplitude: int  # hundredths
    variants: tuple[str, ...]
    unit: Unit


def _cents(text: str) -> int:
    return int(Decimal(text) * 100)


def _p(cat: str, nouns: str, brands: str, sizes: str, tax: TaxCategory, demand: str,
       weekly: str = "staple", season: str = "12 .10", variants: str = "") -> _Line:  # fmt: skip
    """A line sold by the piece; lists are "|"-separated, sizes "label=price"."""
    month, amplitude = season.split()
    return _Line(
        cat, tuple(nouns.split("|")), tuple(brands.split("|")),
        tuple((label, _cents(price)) for label, price in (s.split("=") for s in sizes.split("|"))),
        tax, _cents(demand), weekly, int(month), _cents(amplitude), tuple(variants.split("|")),
        Unit.PIECE,
    )  # fmt: skip


def _kg(cat: str, items: str, tax: TaxCategory, weekly: str = "fresh") -> list[_Line]:
    """Weighed products, "name=price per kg=kg a day[=peak month=amplitude]" separated by "|"."""
    lines = []
    for item in items.split("|"):
        name, price, demand, *season = item.split("=")
        month, amplitude = season or ("12", ".10")
        lines.append(_Line(cat, (name,), ("",), (("(kg)", _cents(price)),), tax, _cents(demand),
                           weekly, int(month), _cents(amplitude), ("",), Unit.KG))  # fmt: skip
    return lines


# fmt: off
_LINES: tuple[_Line, ...] = (
    _p("Víveres", "Harina", "P.A.N.|Juana|Doña Emilia|La Lucha", "1 kg=1.10", E, "45",
       season="12 .25", variants="Blanca|Amarilla"),
    _p("Víveres", "Arroz", "Mary|Primor|Gran Señora|Río Guárico", "1 kg=1.25|900 g=1.15", E, "30",
       variants="Tipo I|Premium"),
    _p("Víveres", "Pasta", "Primor|Capri|Ronco|Sindoni|Allegri|Barilla", "500 g=0.95|1 kg=1.80", E,
       "25", variants="Larga|Corta|Vermicelli|Plumas|Tornillos"),
    _p("Víveres", "Azúcar", "Montalbán|El Palmar|Santa Clara|La Pastora", "1 kg=1.20|2 kg=2.30", E,
       "18", variants="Refinada|Morena"),
    _p("Víveres", "Café", "Fama de América|El Peñón|Madrid|Anauco|Flor de Arauca|San Antonio",
       "250 g=3.20|500 g=6.10|100 g=1.40", E, "12", variants="Molido|En grano"),
    _p("Víveres", "Aceite vegetal|Aceite de maíz|Aceite de girasol",
       "Vatel|Diana|Mazeite|Coposa|Branca", "1 L=2.90|500 ml=1.60", E, "10", season="12 .15"),
    _p("Víveres", "Harina de trigo", "Robin Hood|Doña María|Del Molino", "1 kg=1.35", E, "6",
       season="12 .45", variants="Todo uso|Leudante"),
    _p("Víveres", "Caraotas negras|Lentejas|Arvejas|Frijoles", "Mary|Primor|Gran Señora",
       "500 g=1.20|1 kg=2.20", E, "8"),
    _p("Víveres", "Sal", "Las Salinas|Coromoto|Araya", "1 kg=0.45|500 g=0.30", E, "5",
       variants="Refinada|Marina gruesa"),
    _p("Víveres", "Avena en hojuelas", "Quaker|Lassie|Gran Señora", "400 g=1.60|800 g=2.90", E,
       "4"),
    _p("Víveres", "Papelón", "El Trapiche|Don Pancho", "500 g=0.90|1 kg=1.60", E, "3",
       season="12 .20"),
    _p("Víveres", "Aceite de oliva", "Borges|Carbonell|Gallo", "250 ml=4.50|500 ml=8.20", G, ".4",
       variants="Extra virgen|Clásico"),
    _p("Salsas y condimentos", "Mayonesa", "Mavesa|Kraft|Hellmann's",
       "445 g=2.80|175 g=1.30|910 g=5.20", E, "6", season="12 .20"),
    _p("Salsas y condimentos", "Salsa de tomate", "Pampero|Heinz|Kraft|Del Monte",
       "397 g=1.90|198 g=1.05", G, "4"),
    _p("Salsas y condimentos", "Salsa inglesa|Salsa de soya|Mostaza|Vinagre",
       "Pampero|Tiquire Flores|Kraft", "150 ml=1.10|500 ml=2.40", G, "1.2"),
    _p("Salsas y condimentos", "Onoto en pasta|Comino molido|Adobo|Pimienta negra|Orégano",
       "La Comadre|Eveba|McCormick", "60 g=0.70|200 g=1.80", G, "1.5", season="12 .30"),
    _p("Salsas y condimentos", "Aceitunas rellenas|Alcaparras|Pasas", "Iberia|La Española|Eveba",
       "250 g=2.60|100 g=1.20", G, ".6", season="12 .90"),
    _p("Enlatados", "Atún en agua", "Margarita|La Gaviota|Eveba", "140 g=1.60|170 g=1.90", E, "6",
       season="4 .40"),
    _p("Enlatados", "Sardinas en salsa de tomate|Sardinas en aceite", "Margarita|La Gaviota|Rubio",
       "170 g=1.10", E, "7", season="4 .60"),
    _p("Enlatados", "Diablitos", "Underwood|Plumrose", "115 g=2.40|54 g=1.30", G, "3"),
    _p("Enlatados", "Maíz dulce|Guisantes", "Del Monte|Iberia", "300 g=1.50", G, "1"),
    _p("Lácteos y huevos", "Huevos", "Granja La Montaña|Avícola del Centro|El Gallo Pinto",
       "cartón x 30=4.50|x 12=1.95|x 6=1.05", E, "20", "fresh", variants="Blancos|Rojos"),
    _p("Lácteos y huevos", "Leche en polvo", "La Campiña|Nido|Los Andes|Purísima",
       "400 g=4.80|900 g=10.50|200 g=2.50", E, "6", variants="Completa|Descremada"),
    _p("Lácteos y huevos", "Leche UHT", "Los Andes|La Campiña|Parmalat|Lactuario", "1 L=1.90", E,
       "10", "fresh", variants="Completa|Descremada|Deslactosada"),
    _p("Lácteos y huevos", "Mantequilla|Margarina", "Mavesa|Nelly|Primor|Deline",
       "500 g=2.60|250 g=1.40", E, "9"),
    _p("Lácteos y huevos", "Yogurt", "Migurt|La Campiña|Yoka", "150 g=0.80|1 L=3.20", G, "3",
       "fresh", variants="Fresa|Durazno|Natural|Mora"),
    _p("Lácteos y huevos", "Crema de leche|Queso crema", "La Campiña|Los Andes|Alpina",
       "250 g=2.40", G, "1.5"),
    _p("Panadería", "Pan canilla", "El Trigal|La Espiga", "unidad=0.50", E, "40", "fresh"),
    _p("Panadería", "Pan de sándwich", "Holsum|Bimbo|El Trigal", "500 g=2.20|680 g=2.80", E, "6",
       "fresh", variants="Blanco|Integral"),
    _p("Panadería", "Pan de jamón", "El Trigal|Holsum", "1 kg=9.50|600 g=6.00", E, ".5", "fresh",
       season="12 .95"),
    _p("Snacks y dulces", "Galletas", "María Puig|Club Social|Oreo|Charmy|Susy|Cocosette|Samba",
       "paquete=0.60|paquete x 6=3.20", G, "8"),
    _p("Snacks y dulces", "Chocolate", "Savoy|Cri-Cri|Carré|El Rey", "30 g=0.90|130 g=3.20", G,
       "5", season="2 .20"),
    _p("Snacks y dulces", "Pepito|Doritos|Cheese Tris|Platanitos|Natuchips|Ruffles", "",
       "45 g=0.80|150 g=2.30", G, "10", "party", variants="Original|Queso|Picante"),
    _p("Snacks y dulces", "Chupeta", "Bon Bon Bum|Chupa Chups", "unidad=0.30|bolsa x 24=3.40", G,
       "6"),
    _p("Bebidas", "Refresco", "Frescolita|Coca-Cola|Pepsi|Chinotto|Golden|Hit|7Up",
       "2 L=2.10|1.5 L=1.70|355 ml=0.80|600 ml=1.10", G, "30", "drinks", "12 .20"),
    _p("Bebidas", "Maltín Polar|Malta Regional|Malta Caracas", "",
       "250 ml=0.70|355 ml lata=0.90|1.5 L=2.00", G, "20", "drinks"),
    _p("Bebidas", "Agua mineral", "Minalba|Nevada|Tepuy", "600 ml=0.60|1.5 L=1.00|5 L=2.20", G,
       "15", "drinks", "4 .25"),
    _p("Bebidas", "Jugo", "Yukery|Frica|Natulac|Del Valle", "250 ml=0.70|1 L=2.10", G, "6",
       "drinks", variants="Durazno|Pera|Naranja|Mango"),
    _p("Bebidas", "Bebida energética", "Red Bull|Monster|Speed Max", "250 ml=2.20|473 ml=3.00", G,
       "2", "party"),
    _p("Bebidas", "Hielo en bolsa", "Polo Norte|Iceberg", "3 kg=1.50|5 kg=2.20", G, "8", "party",
       "2 .40"),
    _p("Licores", "Cerveza",
       "Polar Pilsen|Polar Light|Solera Verde|Solera Azul|Regional Pilsen|Zulia|Heineken",
       "222 ml=0.70|355 ml lata=1.00|caja x 36 222 ml=22.00", G, "45", "party", "2 .30"),
    _p("Licores", "Ron", "Santa Teresa Linaje|Santa Teresa 1796|Cacique Añejo|"
       "Diplomático Reserva Exclusiva|Pampero Aniversario|Carúpano Añejo|Roble Viejo",
       "750 ml=14.00|375 ml=7.80|1.75 L=24.00", G, "2", "party", "12 .60"),
    _p("Licores", "Whisky", "Buchanan's 12 años|Old Parr 12 años|Black & White|Something Special",
       "750 ml=22.00|375 ml=12.00", G, ".8", "party", "12 .70"),
    _p("Licores", "Ponche crema", "Eliodoro González P.|Crema de Ponche Real",
       "750 ml=9.00|375 ml=5.00", G, ".3", "party", "12 .95"),
    _p("Licores", "Vino", "Pomar|Concha y Toro|Santa Rita|Gato Negro", "750 ml=7.50", G, "1",
       "party", "12 .40", variants="Tinto|Blanco|Rosado"),
    _p("Cigarrillos", "Cigarrillos", "Belmont|Lucky Strike|Consul|Universal|Pall Mall|Marlboro",
       "cajetilla x 20=3.20|cajetilla x 10=1.70", G, "15", "party", "12 .05"),
    _p("Limpieza", "Detergente en polvo", "Ace|Ariel|Las Llaves|Perla",
       "500 g=1.90|1 kg=3.60|2 kg=6.80", G, "4", "household"),
    _p("Limpieza", "Jabón de lavar", "Las Llaves|Perla|Ace", "300 g=1.10|200 g=0.80", G, "5",
       "household"),
    _p("Limpieza", "Lavaplatos en crema", "Axion|Las Llaves|Brillo", "500 g=2.10|1 kg=3.80", G, "3",
       "household", variants="Limón|Original"),
    _p("Limpieza", "Cloro", "Nevex|Clorox|Brisol", "1 L=1.20|2 L=2.10", G, "4", "household"),
    _p("Limpieza", "Desinfectante", "Mistolín|Lysol|Olimpia", "1 L=1.80|2 L=3.30", G, "2",
       "household", variants="Lavanda|Pino|Floral"),
    _p("Limpieza", "Suavizante", "Suavitel|Downy", "1 L=2.90", G, "1.5", "household"),
    _p("Limpieza", "Papel higiénico", "Rosal|Scott|Pétalo|Suave", "x 4=2.50|x 12=7.00|x 1=0.70",
       G, "10", "household"),
    _p("Limpieza", "Servilletas", "Rosal|Scott", "x 100=1.30", G, "2", "household"),
    _p("Cuidado personal", "Jabón de tocador", "Protex|Palmolive|Camay|Lux|Las Llaves",
       "110 g=0.90|x 3 110 g=2.50", G, "6", "household"),
    _p("Cuidado personal", "Champú", "Pantene|Head & Shoulders|Sedal|Johnson's",
       "400 ml=4.50|200 ml=2.60", G, "1.5", "household"),
    _p("Cuidado personal", "Crema dental", "Colgate|Oral-B|Close Up", "100 ml=1.90|50 ml=1.10",
       G, "4", "household"),
    _p("Cuidado personal", "Desodorante", "Rexona|Speed Stick|Lady Speed Stick|Dove", "50 g=2.80",
       G, "2", "household", variants="Roll-on|Barra|Aerosol"),
    _p("Cuidado personal", "Toallas sanitarias", "Always|Kotex|Nosotras", "x 10=2.50|x 30=6.50",
       G, "1.5", "household"),
    _p("Cuidado personal", "Pañales", "Huggies|Pampers|Babysec", "x 30=12.00|x 10=4.50", G, "1.5",
       "household", variants="Talla P|Talla M|Talla G|Talla XG"),
    _p("Cuidado personal", "Afeitadora desechable", "Gillette|Bic", "x 2=1.50", G, ".8",
       "household"),
    _p("Farmacia", "Acetaminofén 500 mg", "Atamel|Tachipirín|Genven", "x 10=1.20|x 20=2.20", E,
       "2", "household"),
    _p("Farmacia", "Ibuprofeno 400 mg", "Brugesic|Genven|Calox", "x 10=1.50", E, "1",
       "household"),
    _p("Mascotas", "Perrarina", "Dog Chow|Super Can|Pedigree", "1 kg=3.40|2 kg=6.50|4 kg=12.00",
       R, "2", "household"),
    _p("Mascotas", "Gatarina", "Cat Chow|Whiskas|Gatsy", "500 g=2.10|1 kg=3.90", R, "1",
       "household"),
    *_kg("Charcutería", "Queso blanco duro=6.50=6|Queso llanero=6.00=3|Queso de mano=7.50=2|"
         "Queso guayanés=8.00=1.5|Queso telita=7.00=1.5|Queso paisa=7.20=1|Mortadela=4.20=3", E),
    *_kg("Charcutería", "Queso amarillo=9.50=2|Jamón de pierna=11.00=2=12=.35|"
         "Jamón cocido=8.50=2.5|Salchichón=9.00=.8|Pechuga de pavo=12.50=.6|Tocineta=10.50=.5", G),
    *_kg("Carnes", "Pollo entero=3.20=8|Pechuga de pollo=5.80=4|Muslos de pollo=3.90=3|"
         "Carne molida de res=7.00=4|Bistec de res=8.50=2.5|Costilla de res=5.50=2|"
         "Pernil de cerdo=6.20=1=12=.90", E),
    *_kg("Carnes", "Chuleta de cerdo ahumada=7.80=1|Pescado salado=8.00=.5=4=.90|"
         "Pargo fresco=9.00=.5=4=.60", G),
    *_kg("Carnes", "Carne de chivo=7.50=.4|Carne de cordero=9.00=.2", R),
    *_kg("Frutas y verduras", "Cambur=0.90=8|Plátano=1.10=8|Tomate=1.40=7|Cebolla=1.30=7|"
         "Papa=1.20=6|Yuca=0.80=4|Aguacate=2.50=3=8=.40|Ají dulce=3.00=1=12=.70|"
         "Pimentón=2.20=2|Zanahoria=1.00=3|Limón=1.60=3|Naranja=0.90=4|Lechosa=1.00=2|"
         "Mango=1.20=2=5=.80|Piña=0.90=1.5|Patilla=0.60=2=4=.30|Ajo=4.50=1|Ocumo=1.10=1", E),
)
# fmt: on

_CATEGORY_CODES = {
    "Víveres": "VIV", "Salsas y condimentos": "SAL", "Enlatados": "ENL",
    "Lácteos y huevos": "LAC", "Panadería": "PAN", "Snacks y dulces": "SNA", "Bebidas": "BEB",
    "Licores": "LIC", "Cigarrillos": "CIG", "Limpieza": "LIM", "Cuidado personal": "PER",
    "Farmacia": "FAR", "Mascotas": "MAS", "Charcutería": "CHA", "Carnes": "CAR",
    "Frutas y verduras": "FRU",
}  # fmt: skip

# GS1 prefixes of imported brands; every other brand is local (759).
_IMPORTED = {
    "Barilla": "800", "Borges": "841", "Carbonell": "841", "Gallo": "560", "Heinz": "076",
    "Kraft": "076", "Hellmann's": "770", "Del Monte": "076", "McCormick": "076", "Oreo": "750",
    "Chupa Chups": "841", "Bon Bon Bum": "770", "Alpina": "770", "Parmalat": "779",
    "Red Bull": "900", "Monster": "070", "Heineken": "871", "Buchanan's 12 años": "500",
    "Old Parr 12 años": "500", "Black & White": "500", "Something Special": "500",
    "Concha y Toro": "780", "Santa Rita": "780", "Gato Negro": "780", "Marlboro": "789",
    "Ariel": "750", "Downy": "750", "Lysol": "076", "Pantene": "750", "Head & Shoulders": "750",
    "Johnson's": "789", "Oral-B": "750", "Dove": "789", "Always": "750", "Nosotras": "770",
    "Pampers": "750", "Huggies": "770", "Babysec": "780", "Gillette": "750", "Bic": "750",
    "Whiskas": "789", "Pedigree": "789", "Ruffles": "750", "Del Valle": "750",
}  # fmt: skip

# Private labels for the large catalog: a word and a Venezuelan place, accents included.
_LABEL_WORDS = (
    "Sabor|Hacienda|Granja|Casa|Valle|Campo|Tierra|Sol|Brisa|Estrella|Alba|Cosecha|Cumbre|Río|"
    "Monte|Palma|Ceiba|Araguaney|Samán|Turpial|Colibrí|Cóndor|Garza|Corocoro|Delicias|Bodegón|"
    "Mercado|Fogón|Rancho|Sendero|Costa|Llano|Páramo|Vereda|Tradición|Aurora"
)
_LABEL_PLACES = (
    "Ávila|Táchira|Mérida|Lara|Falcón|Zulia|Caracas|Margarita|Orinoco|Guayana|Barinas|Apure|"
    "Cumaná|Carabobo|Aragua|Mochima|Roraima|Canaima|Paraguaná|Choroní|Coro|Maturín|Trujillo|"
    "Yaracuy|Cojedes|Portuguesa|Sucre|Monagas|Anzoátegui|Guárico|Miranda|Amazonas|Delta|"
    "Los Roques|Morrocoy|Galipán|Colonia Tovar|El Tocuyo|Chichiriviche|Los Llanos"
)
_PRIVATE_LABELS = tuple(
    f"{w} {p}" for w in _LABEL_WORDS.split("|") for p in _LABEL_PLACES.split("|")
)
_PACKS = ((1, ""), (2, " pack x 2"), (3, " pack x 3"), (6, " pack x 6"), (12, " pack x 12"))

# Mean 1 (each sums to 7), Monday first: Friday and Saturday peak, beer and rum the most.
_WEEKLY = {
    "staple": ".92 .88 .92 .95 1.08 1.30 .95",
    "fresh": ".95 .90 .92 .93 1.05 1.20 1.05",
    "party": ".65 .60 .70 .90 1.45 1.70 1.00",
    "household": ".95 .90 .95 .95 1.05 1.25 .95",
    "drinks": ".85 .85 .90 .95 1.15 1.35 .95",
}
_SHARE = (1000, 500, 300, 200, 150, 120, 100, 80, 70, 60)  # per mille, by rank within a line
_NOISE = (700, 800, 900, 1000, 1000, 1100, 1200, 1300)  # per mille
_PRIVATE_LABEL_SHARE = 60  # per mille of the leading brand's demand


@dataclass(frozen=True, slots=True)
class _Combo:
    """One product of a line, by the rank of its noun, variant and size (0 sells the most)."""

    line: _Line
    noun: int
    variant: int
    size: int

    @property
    def share(self) -> int:
        """Per mille of the line's demand that falls on this noun, variant and size."""
        return _SHARE[min(self.size, 9)] * _SHARE[min(self.noun + self.variant, 9)] // 1000


def _combos(line: _Line) -> list[_Combo]:
    return [
        _Combo(line, n, v, s)
        for n in range(len(line.nouns))
        for v in range(len(line.variants))
        for s in range(len(line.sizes))
    ]


@cache
def _real_combos() -> tuple[tuple[_Combo, int], ...]:
    """Every real product as (combo, brand rank), the best sellers of each line first."""
    combos = [(c, b) for line in _LINES for c in _combos(line) for b in range(len(line.brands))]

    def rank(item: tuple[_Combo, int]) -> int:
        combo, brand = item
        if combo.line.unit is Unit.KG:  # the counter's slow items come after the staples
            return 0 if combo.line.demand >= 300 else 1 if combo.line.demand >= 100 else 2
        return combo.noun + brand + combo.variant + combo.size

    return tuple(sorted(combos, key=rank))


@cache
def _private_label_combos() -> tuple[_Combo, ...]:
    # Weighed goods have no brand, and lines named by their brands ("Doritos") have no noun.
    lines = (line for line in _LINES if line.unit is Unit.PIECE and line.brands != ("",))
    return tuple(c for line in lines for c in _combos(line))


@cache
def capacity() -> int:
    """How many products `large_catalog` can make before names would repeat."""
    private = len(_private_label_combos()) * len(_PRIVATE_LABELS) * len(_PACKS)
    return len(_real_combos()) + private


# GS1 check digits weigh the digits of the 12-digit body 3, 1, 3, ... from the right. A body here
# is 7 digits of prefix and company, then 5 of item: these sums split the work along that line.
def _company_sum(first7: str) -> int:
    return sum(int(d) * w for d, w in zip(first7, (1, 3, 1, 3, 1, 3, 1), strict=True))


def _item_sum(item: int) -> int:
    units, tens, hundreds, thousands, ten_thousands = (
        item // d % 10 for d in (1, 10, 100, 1000, 10000)
    )
    return 3 * (units + hundreds + ten_thousands) + tens + thousands


class _Generator:
    """One catalog: the seeded randomness and the counters that keep codes unique."""

    def __init__(self, seed: int) -> None:
        self._rnd = random.Random(seed)
        self._serial = 0
        self._plu = 0
        self._companies: dict[str, tuple[str, int, int]] = {}  # first 7 digits, their sum, item
        self._brand_price: dict[str, int] = {}
        self._weekly = {kind: self._profiles(text) for kind, text in _WEEKLY.items()}

    def products(self) -> Iterator[DemoProduct]:
        for combo, rank in _real_combos():
            brand = combo.line.brands[rank]
            price = 1000 if rank == 0 else self._brand_factor(brand, 850, 1100)
            yield self._product(combo, brand, _SHARE[min(rank, 9)], price, (1, ""))
        private = _private_label_combos()
        for pack in _PACKS:
            for label in _PRIVATE_LABELS:
                price = self._brand_factor(label, 750, 950)
                for combo in private:
                    yield self._product(combo, label, _PRIVATE_LABEL_SHARE, price, pack)

    def _product(
        self, combo: _Combo, brand: str, share: int, price: int, pack: tuple[int, str]
    ) -> DemoProduct:
        """`share` and `price` are the brand's per mille of the leader's demand and price."""
        line = combo.line
        # One draw per product, cut into independent fields: the 300k catalog stays fast.
        bits = self._rnd.getrandbits(32)
        jitter, noise, weekly = 950 + bits % 101, _NOISE[bits >> 8 & 7], bits >> 11 & 7
        size_label, size_cents = line.sizes[combo.size]
        words = (line.nouns[combo.noun], brand, line.variants[combo.variant], size_label)
        cents = size_cents * price * jitter * pack[0]
        cents = min(max((cents + 500_000) // 1_000_000, MIN_PRICE_CENTS), MAX_PRICE_CENTS)
        demand = line.demand * share * combo.share * noise // (pack[0] * 10**9)
        amplitude = min(line.amplitude * (80 + (bits >> 14) % 41) // 100, 95)
        return DemoProduct(
            sku=self._sku(line),
            name=" ".join(word for word in words if word) + pack[1],
            price=Money(Decimal(cents).scaleb(-2), Currency.USD),
            tax_category=line.tax,
            unit=line.unit,
            barcode=None if line.unit is Unit.KG else self._barcode(brand),
            base_daily_demand=Decimal(max(demand, 3)).scaleb(-2),
            weekly_profile=self._weekly[line.weekly][weekly],
            yearly_amplitude=Decimal(amplitude).scaleb(-2),
            peak_month=line.peak_month,
            category=line.category,
        )

    def _sku(self, line: _Line) -> str:
        if line.unit is Unit.KG:
            self._plu += 1
            return f"{self._plu:05d}"  # the item code weighed labels carry
        self._serial += 1
        return f"{_CATEGORY_CODES[line.category]}-{self._serial:06d}"

    def _barcode(self, brand: str) -> Barcode:
        """``prefix company item check``: unique while each brand has its own company number."""
        if brand not in self._companies:
            first7 = f"{_IMPORTED.get(brand, '759')}{len(self._companies) + 1:04d}"
            self._companies[brand] = (first7, _company_sum(first7), 0)
        first7, weighted, item = self._companies[brand]
        item += 1
        self._companies[brand] = (first7, weighted, item)
        # Barcode.ean13 would work out the check digit twice (it validates too); the sum of the
        # brand's digits is kept, so only the item's five digits are added here.
        check = (10 - (weighted + _item_sum(item)) % 10) % 10
        return Barcode(f"{first7}{item:05d}{check}")

    def _brand_factor(self, brand: str, low: int, high: int) -> int:
        """A brand prices all its products alike (per mille of the leader): imports dearer."""
        if brand not in self._brand_price:
            if brand in _IMPORTED:
                low, high = 1200, 1600
            self._brand_price[brand] = self._rnd.randint(low, high)
        return self._brand_price[brand]

    def _profiles(self, text: str, variants: int = 8) -> tuple[tuple[Decimal, ...], ...]:
        """`variants` jittered copies of a weekly profile, each still summing to 7."""
        base = [int(Decimal(day) * 1000) for day in text.split()]
        profiles = []
        for _ in range(variants):
            days = [day * self._rnd.randint(950, 1050) // 1000 for day in base]
            scaled = [day * 7000 // sum(days) for day in days]
            scaled[5] += 7000 - sum(scaled)  # rounding goes to Saturday, the biggest day
            profiles.append(tuple(Decimal(day).scaleb(-3) for day in scaled))
        return tuple(profiles)
