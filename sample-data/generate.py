#!/usr/bin/env python3
"""Deterministic generator for skudesk's checked-in demo data (sample-data/*.csv).

Tells the story of the seller's Aug-Sep 2025 product-mix review (see shared/seed) over
the fifteen months before it: ~300 SKUs in margin tiers; the high-margin share of revenue
climbing from ~28 % a year earlier to ~32 %; slow stock (sun hats, old garments,
unbranded phone cases, last year's T-shirts); a September buy-one-get-one clearance that
recovers ~80k (the review's 800k at the demo's 1:10 money scale); an August
spend-X-save-Y on the smart aroma-diffuser set; new products with traffic; candidates and
a plan.

Run from anywhere:   python3 sample-data/generate.py
Standard library only; a fixed seed makes every run byte-identical. Money is handled in
integer cents and written with two decimals. The as-of date is 2025-09-30 (the last order
date); orders run 2024-07-01 .. 2025-09-30, so the 90-day window 2025-07-03 .. 2025-09-30
has a full year-earlier twin 2024-07-03 .. 2024-09-30, and twelve whole months
(2024-10 .. 2025-09) make the monthly trend.

Besides writing the CSV files it prints the headline figures it computed itself
(following shared/METRICS.md), so a change to the parameters can be checked at a glance.
"""

import csv
import datetime as dt
import math
import os
import random

SEED = 20250930
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

D = dt.date(2025, 9, 30)               # as-of date = last order date
FIRST_DAY = dt.date(2024, 7, 1)        # orders run FIRST_DAY .. D
W_DAYS, V_DAYS = 90, 30
W_START = D - dt.timedelta(days=W_DAYS - 1)    # 90-day analysis window
V_START = D - dt.timedelta(days=V_DAYS - 1)    # 30-day velocity window
D_PRIOR = dt.date(2024, 9, 30)                 # the year-earlier as-of date D'
assert FIRST_DAY <= D_PRIOR - dt.timedelta(days=W_DAYS - 1)   # the year-earlier window is covered
BOGO_START, BOGO_END = dt.date(2025, 9, 1), dt.date(2025, 9, 20)
SECOND_HAND_START = dt.date(2025, 9, 15)
BOGO_BATCH = "九月买一赠一清仓 Sep BOGO"
D11_BATCH = "双十一清仓 Double-11"
XIANYU_BATCH = "闲鱼二手 Phone cases second-hand"
CONSIGN_BATCH = "T恤寄售 T-shirt consignment"
FLASH_BATCH = "国庆限时特卖 National Day flash sale"

# Revenue of the ordinary business per calendar month (yuan; the September BOGO comes on
# top). A 618 bump in June, Double-11 in November, the Spring Festival lull in February.
MONTH_REVENUE = {
    (2024, 7): 205_000, (2024, 8): 218_000, (2024, 9): 214_000, (2024, 10): 210_000,
    (2024, 11): 262_000, (2024, 12): 222_000, (2025, 1): 205_000, (2025, 2): 178_000,
    (2025, 3): 208_000, (2025, 4): 212_000, (2025, 5): 220_000, (2025, 6): 248_000,
    (2025, 7): 215_000, (2025, 8): 238_000, (2025, 9): 228_000,
}
MONTHS = sorted(MONTH_REVENUE)
# High-margin groups' share of each month's revenue: ~28 % a year earlier, ~32 % now.
HIGH_SHARE_FIRST, HIGH_SHARE_LAST = 0.275, 0.328
# Mid-margin categories' share of the ordinary business (the rest is low-margin), set so
# the mid tier earns ~32 % of gross profit over the window as the review says. With the
# high tier at ~32 % of revenue and the margin at ~27 %, that leaves the low tier ~35 % of
# revenue (the BOGO included), more than the review's 25 %: its figures cannot all hold.
MID_SHARE = 0.36
# Each group's categories and their base weights within the group.
GROUPS = {
    "high": {"smart-home": 0.30, "watch-straps": 0.22, "smart-bands": 0.28, "smart-pet": 0.20},
    "mid": {"band-accessories": 0.32, "cables": 0.27, "home-goods": 0.30, "stationery": 0.11},
    "low": {"hats": 0.30, "apparel": 0.50, "phone-cases": 0.20},
}
HIGH_CATS = set(GROUPS["high"]) | {"smart-glasses"}   # smart-glasses: new products only
CATEGORIES = [c for g in GROUPS.values() for c in g] + ["smart-glasses"]
GROUP_OF = {c: g for g, cs in GROUPS.items() for c in cs}
GROUP_OF["smart-glasses"] = "high"
# Lead times (days from order to stock) by category, written to products.lead_time_days;
# categories not named here (hats, phone cases, new products but the glasses) take the
# app's setting.
LEAD_TIME = {"band-accessories": 2, "cables": 2, "stationery": 2, "home-goods": 3,
             "smart-home": 4, "smart-bands": 3, "watch-straps": 6, "smart-pet": 10,
             "apparel": 4}

# One random stream per stage, so tuning one stage leaves the others' draws alone.
rng = random.Random(SEED)


def stage(n):
    global rng
    rng = random.Random(SEED * 10 + n)


# ---------------------------------------------------------------- helpers

def days(a, b):
    """All dates a..b inclusive."""
    n = (b - a).days
    return [a + dt.timedelta(days=i) for i in range(n + 1)]


ALL_DAYS = days(FIRST_DAY, D)


def money(cents):
    """Integer cents -> '12.34' (never '-0.00')."""
    sign = "-" if cents < 0 else ""
    c = abs(cents)
    return f"{sign}{c // 100}.{c % 100:02d}"


def pct_of(cents, ratio):
    """cents × ratio rounded half away from zero to the cent."""
    return int(math.floor(cents * ratio + 0.5))


def nice_price(yuan):
    """A shop-like price near `yuan`, in cents: 9.90, 19.90, 39.00, 129.00, 299.00 ..."""
    if yuan < 30:
        return int(max(1, math.floor(yuan))) * 100 + 90
    if yuan < 100:
        base = int(round(yuan / 10.0)) * 10 - 1
        return base * 100 + (90 if rng.random() < 0.5 else 0)
    base = int(round(yuan / 10.0)) * 10 - 1
    return base * 100


def cost_for(price_cents, margin):
    return int(round(price_cents * (1.0 - margin)))


def weighted(choices):
    """choices: list of (value, weight)."""
    total = sum(w for _, w in choices)
    r = rng.random() * total
    for v, w in choices:
        r -= w
        if r <= 0:
            return v
    return choices[-1][0]


def rand_date(a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# ---------------------------------------------------------------- demand shapes

WEEKDAY_FACTOR = [0.93, 0.93, 0.95, 0.97, 1.05, 1.17, 1.12]  # Mon..Sun
SPRING_FESTIVAL = (dt.date(2025, 1, 25), dt.date(2025, 2, 6))


def event_factor(d):
    """Shopping festivals and holidays within a month (each month's total is set apart)."""
    if d.month == 11 and d.day <= 11:
        return 1.8 if d.day >= 10 else 1.2          # Double-11
    if d.month == 6 and d.day <= 18:
        return 1.5 if d.day >= 16 else 1.1          # 618
    if d.month == 12 and d.day == 12:
        return 1.4                                  # Double-12
    if SPRING_FESTIVAL[0] <= d <= SPRING_FESTIVAL[1]:
        return 0.55
    return 1.0


def base_shape(d):
    return WEEKDAY_FACTOR[d.weekday()] * event_factor(d)


def month_of(d):
    return (d.year, d.month)


def ramp(d, a, b):
    """Linear 0..1 position of d between dates a and b."""
    return min(1.0, max(0.0, (d - a).days / max(1, (b - a).days)))


SEASON = {
    "hats": {1: 0.15, 2: 0.2, 3: 0.45, 4: 0.8, 5: 1.2, 6: 1.6, 7: 1.5, 8: 1.0, 9: 0.45, 10: 0.25,
             11: 0.2, 12: 0.15},
    "apparel": {1: 1.2, 2: 1.0, 3: 0.95, 4: 0.95, 5: 0.95, 6: 1.0, 7: 1.0, 8: 0.95, 9: 1.0, 10: 1.15,
                11: 1.3, 12: 1.3},
}


def season(cat, m):
    return SEASON.get(cat, {}).get(m[1], 1.0)


def high_share(m):
    """The high-margin groups' target share of month m's revenue (rising linearly)."""
    i = MONTHS.index(m)
    return HIGH_SHARE_FIRST + (HIGH_SHARE_LAST - HIGH_SHARE_FIRST) * i / (len(MONTHS) - 1)


QTY_DIST = {
    "band-accessories": [(1, 70), (2, 20), (3, 7), (5, 3)],
    "cables": [(1, 75), (2, 18), (3, 7)],
    "stationery": [(1, 60), (2, 22), (3, 10), (5, 8)],
    "home-goods": [(1, 82), (2, 15), (4, 3)],
    "hats": [(1, 85), (2, 15)],
    "apparel": [(1, 80), (2, 17), (3, 3)],
    "phone-cases": [(1, 88), (2, 12)],
}
HIGH_QTY = [(1, 93), (2, 7)]
BOGO_QTY = [(2, 85), (4, 15)]


def qty_dist(cat):
    return QTY_DIST.get(cat, HIGH_QTY)


def mean_of(dist):
    return sum(q * w for q, w in dist) / sum(w for _, w in dist)


def mean_qty(cat):
    return mean_of(qty_dist(cat))


# ---------------------------------------------------------------- catalogue

COLOURS = [("黑", "Black"), ("白", "White"), ("灰", "Grey"), ("蓝", "Blue"), ("粉", "Pink"),
           ("绿", "Green"), ("米", "Beige"), ("卡其", "Khaki"), ("红", "Red"), ("紫", "Purple")]

products = []          # dicts, in catalogue order
by_sku = {}
sku_counter = {}


def add(cat, prefix, name, brand, list_c, margin=None, cost_c=None, sell_c=None,
        launched=None, lifecycle="core", tags=(), kind="regular", **extra):
    n = sku_counter.get(prefix, 1000) + 1
    sku_counter[prefix] = n
    sku = f"{prefix}-{n}"
    if cost_c is None:
        cost_c = cost_for(sell_c or list_c, margin)
    p = dict(sku=sku, name=name, category=cat, brand=brand, list=list_c, cost=cost_c,
             sell=sell_c or list_c, launched=launched or rand_date(dt.date(2023, 3, 1),
                                                                  dt.date(2025, 4, 30)),
             lifecycle=lifecycle, tags=list(tags), kind=kind, weight=1.0, lam=None)
    p.update(extra)
    products.append(p)
    by_sku[sku] = p
    return p


def popularity():
    return math.exp(rng.gauss(0.0, 0.75))


# --- smart-home (high, 40-50 %)
SH_BASES = [("智能音箱", "Smart Speaker", 299), ("智能台灯", "Smart Desk Lamp", 169),
            ("智能氛围灯带", "Smart Ambient Light Strip 2m", 89), ("智能插座", "Smart Plug", 59),
            ("温湿度传感器", "Temp & Humidity Sensor", 49), ("可视门铃", "Video Doorbell", 349),
            ("人体感应夜灯", "Motion Night Light", 39), ("智能窗帘电机", "Curtain Motor", 399),
            ("空气质量检测仪", "Air Quality Monitor", 229), ("智能吸顶灯", "Smart Ceiling Lamp", 259)]
AROMA = []
for zh, en in [("白", "White"), ("木纹", "Wood Grain")]:
    AROMA.append(add("smart-home", "SH", f"智能香薰机套装 Smart Aroma Diffuser Set {en}",
                     "Lumo", 23900, cost_c=14200, lifecycle="core", tags=["gift"],
                     kind="aroma", launched=dt.date(2024, 11, 8)))
for i in range(16):
    zh, en, p = SH_BASES[i % len(SH_BASES)]
    czh, cen = COLOURS[(i // len(SH_BASES)) * 3 % len(COLOURS)]
    pr = nice_price(p * rng.uniform(0.9, 1.15))
    add("smart-home", "SH", f"{zh}{czh}色 {en} {cen}", "Lumo", pr,
        margin=rng.uniform(0.40, 0.50), weight=popularity())

# --- watch-straps (co-branded, high 38-48 %)
SERIES = [("熊猫", "Panda"), ("敦煌", "Dunhuang"), ("故宫", "Palace Museum"), ("星空", "Starry Night"),
          ("樱花", "Sakura"), ("国潮", "Guochao")]
MATERIALS = [("真皮", "Leather", 159), ("硅胶", "Silicone", 79), ("米兰尼斯", "Milanese Steel", 189),
             ("尼龙", "Nylon", 99), ("陶瓷", "Ceramic", 219)]
for i in range(18):
    szh, sen = SERIES[i % len(SERIES)]
    mzh, men, p = MATERIALS[(i // len(SERIES) + i) % len(MATERIALS)]
    size = "22mm" if i % 3 else "20mm"
    pr = nice_price(p * rng.uniform(0.9, 1.1))
    add("watch-straps", "WS", f"{szh}联名{mzh}表带 {sen} Co-branded {men} Strap {size}",
        f"Lumo x {sen}", pr, margin=rng.uniform(0.38, 0.48), tags=["co-branded"],
        weight=popularity())

# --- smart-bands (high 37-42 %)
BANDS = [("Lumo Band 5", 169), ("Lumo Band 5 NFC", 199), ("Lumo Band 6", 229),
         ("Lumo Band 6 NFC", 259), ("Lumo Band 6 Pro", 329), ("Lumo Band 7 Pro", 399),
         ("Lumo Kids Band", 189)]
for i in range(10):
    model, p = BANDS[i % len(BANDS)]
    czh, cen = COLOURS[i % 3]
    lc = "discontinued" if model.startswith("Lumo Band 5") and i >= 7 else "core"
    add("smart-bands", "SB", f"智能手环 {model} {czh}色 {cen}", "Lumo", p * 100,
        margin=rng.uniform(0.37, 0.42), lifecycle=lc,
        weight=popularity() * (0.15 if lc == "discontinued" else 1.0),
        stop_after=dt.date(2025, 6, 20) if lc == "discontinued" else None)

# --- smart-pet (high 42-52 %)
PET = [("智能喂食器", "Smart Pet Feeder", 4, "L", 249), ("宠物饮水机", "Pet Water Fountain", 2, "L", 149),
       ("宠物GPS定位器", "Pet GPS Tracker", 1, "", 199), ("自动逗猫棒", "Auto Cat Teaser", 1, "", 89),
       ("智能猫砂盆", "Smart Litter Box", 1, "", 499), ("宠物摄像头", "Pet Camera 2K", 1, "", 229)]
for i in range(12):
    zh, en, size, unit, p = PET[i % len(PET)]
    variant = f" {size * (1 + i // len(PET))}{unit}" if unit else f" {COLOURS[(i // len(PET) + i) % 5][1]}"
    pr = nice_price(p * rng.uniform(0.9, 1.12))
    add("smart-pet", "SP", f"{zh} {en}{variant}", "PawPal", pr,
        margin=rng.uniform(0.42, 0.52), weight=popularity())

# --- band-accessories (mid 26-29 %, the best sellers)
BA = [("智能手环表带", "Silicone Strap", 19.9), ("手环磁吸充电线", "Magnetic Charging Cable", 15.9),
      ("手环钢化膜", "Screen Protector 2-pack", 9.9), ("手环保护壳", "Bumper Case", 12.9),
      ("手环金属表带", "Metal Strap", 39), ("尼龙回环表带", "Nylon Loop Strap", 29),
      ("手环充电底座", "Charging Dock", 25.9)]
ba_first = True
for i in range(42):
    zh, en, p = BA[i % len(BA)]
    czh, cen = COLOURS[(i // len(BA) * 2 + i) % len(COLOURS)]
    size = "22mm" if "Strap" in en else ("Band 6" if i % 2 else "Band 5")
    if ba_first:
        # the one very long marketplace-style name
        name = ("【官方正品】智能手环表带 Silicone Strap 22mm 适用 Lumo Band 5/6/7 NFC 运动版 透气防汗 "
                "快拆设计 男女通用 多色可选 Breathable Quick-Release Sports Replacement Wristband "
                "for Men and Women, Sweat-proof, 12 Colours")
        ba_first = False
    else:
        name = f"{zh}{czh}色 {en} {cen} {size}"
    pr = nice_price(p * rng.uniform(0.9, 1.15))
    add("band-accessories", "BA", name, "Lumo", pr, margin=rng.uniform(0.262, 0.29),
        weight=popularity() * 1.3)

# --- cables (mid)
CB = [("数据线", "USB-C Cable 1m", 19.9), ("数据线", "USB-C Cable 2m", 25.9),
      ("快充头", "Charger 20W", 39), ("快充头", "GaN Charger 65W", 99),
      ("编织数据线", 'USB-C to Lightning Cable, 1m "Braided"', 29), ("转接头", "USB-C Adapter", 15.9),
      ("磁吸数据线", "Magnetic Cable 3-in-1", 35), ("车载充电器", "Car Charger 30W", 49)]
for i in range(32):
    zh, en, p = CB[i % len(CB)]
    czh, cen = COLOURS[i // len(CB)]
    pr = nice_price(p * rng.uniform(0.92, 1.12))
    add("cables", "CB", f"{zh} {en} {czh}色 {cen}", "Kite", pr,
        margin=rng.uniform(0.262, 0.295), weight=popularity())

# --- home-goods (mid)
HG = [("收纳盒", "Storage Box", 39), ("保温杯", "Vacuum Flask 500ml", 69), ("纯棉毛巾", "Cotton Towel", 29),
      ("香薰蜡烛", "Scented Candle", 49), ("植绒衣架", "Velvet Hangers 10-pack", 35),
      ("桌面加湿器", "Desk Humidifier", 79), ("午睡枕", "Nap Pillow", 59), ("陶瓷马克杯", "Ceramic Mug", 32)]
for i in range(30):
    zh, en, p = HG[i % len(HG)]
    czh, cen = COLOURS[(i // len(HG) + 4) % len(COLOURS)]
    pr = nice_price(p * rng.uniform(0.92, 1.12))
    add("home-goods", "HG", f"{zh} {en} {czh}色 {cen}", "Hearth", pr,
        margin=rng.uniform(0.262, 0.295), weight=popularity())

# --- stationery (mid)
ST = [("A5笔记本", "Notebook A5", 19.9), ("中性笔", "Gel Pens 10-pack", 15.9), ("便利贴", "Sticky Notes", 9.9),
      ("桌面收纳架", "Desk Organiser", 45), ("手账胶带", "Washi Tape Set", 12.9), ("笔袋", "Pencil Case", 22.9)]
for i in range(18):
    zh, en, p = ST[i % len(ST)]
    czh, cen = COLOURS[(i // len(ST) + 1) % len(COLOURS)]
    pr = nice_price(p * rng.uniform(0.92, 1.12))
    add("stationery", "ST", f"{zh} {en} {czh}色 {cen}", "Kite", pr,
        margin=rng.uniform(0.262, 0.295), weight=popularity())

# --- hats (low 10-20 %)
# overstock summer sun hats, received 2025-04/05 (the review's 2,000 hats; at the demo's
# 1:10 scale a few hundred are left at D); the first three run in the September
# buy-one-get-one (list price is the tag price; they sell marked down) and stay slow
OVERSTOCK_HATS = []
for i, (czh, cen, onhand) in enumerate([("米", "Beige", 65), ("白", "White", 55), ("粉", "Pink", 48),
                                        ("卡其", "Khaki", 35), ("蓝", "Blue", 28)]):
    name = f"夏季遮阳帽 Sun Hat {cen}" if i else "☀️ 夏季遮阳帽 Sun Hat Beige UPF50+"
    tag_price = 5900
    cost = int(round(tag_price * rng.uniform(0.475, 0.50)))
    sell = nice_price(cost / 100 / rng.uniform(0.84, 0.87))
    sell = max(sell, int(cost / 0.88))  # margin 12-16 %
    bogo = i < 3
    OVERSTOCK_HATS.append(add(
        "hats", "HT", name, "Sunny", tag_price, cost_c=cost, sell_c=sell,
        launched=dt.date(2025, 4, 10), lifecycle="seasonal", tags=["seasonal", "overstock"],
        kind="slow_hat", onhand=onhand, bogo=bogo,
        received=[dt.date(2025, 4, rng.randint(8, 25)), dt.date(2025, 5, rng.randint(5, 20))]))
HATS = [("渔夫帽", "Bucket Hat", 49), ("棒球帽", "Baseball Cap", 45), ("空顶防晒帽", "Sun Visor", 35),
        ("草帽", "Straw Hat", 55), ("防晒披肩帽", "UPF50+ Neck Flap Hat", 59), ("遮阳帽", "Sun Hat", 39)]
for i in range(17):
    zh, en, p = HATS[i % len(HATS)]
    czh, cen = COLOURS[(i // len(HATS) * 2 + i) % len(COLOURS)]
    pr = nice_price(p * rng.uniform(0.9, 1.1))
    add("hats", "HT", f"{zh} {en} {cen}", "Sunny", pr, margin=rng.uniform(0.10, 0.20),
        lifecycle="seasonal" if i % 3 else "core", tags=["seasonal"] if i % 3 else [],
        weight=popularity())

# --- apparel (low)
# last season's autumn-winter garments (AW24): sold Oct 2024 - Feb 2025; the first four
# went in the September buy-one-get-one and sold out, the others wait for the flash sale
OLD_GARMENTS = []
for i, (zh, en, tag_price, onhand) in enumerate([
        ("羽绒背心", "Down Vest", 25900, 0), ("针织开衫", "Knit Cardigan", 19900, 0),
        ("加绒卫衣", "Fleece Hoodie", 16900, 0), ("风衣", "Trench Coat", 29900, 0),
        ("灯芯绒外套", "Corduroy Jacket", 15900, 6), ("毛呢半裙", "Wool Skirt", 12900, 5),
        ("高领毛衣", "Turtleneck Sweater", 13900, 5), ("摇粒绒外套", "Fleece Jacket 2024", 11900, 4)]):
    bogo = i < 4
    if bogo:   # tag price; sold marked down; half the tag price is just above cost
        cost = int(round(tag_price * rng.uniform(0.46, 0.485)))
        sell = nice_price(cost / 100 / rng.uniform(0.83, 0.87))
    else:      # already at a clearance list price, low margin even on the tag
        cost = int(round(tag_price * rng.uniform(0.82, 0.86)))
        sell = tag_price
    OLD_GARMENTS.append(add(
        "apparel", "AP", f"{zh} {en} 2024秋冬款 AW24", "Lumo Wear", tag_price, cost_c=cost,
        sell_c=sell, launched=dt.date(2024, 9, rng.randint(1, 28)),
        lifecycle="clearance" if i % 2 == 0 or i >= 6 else "seasonal", tags=["overstock"],
        kind="old_garment", onhand=onhand, bogo=bogo,
        received=[dt.date(2024, 10, rng.randint(5, 28)), dt.date(2024, 11, rng.randint(3, 25))]))
# last year's summer T-shirts: sold in summer 2024, hardly since (the consignment batch)
OLD_TEES = []
for i, (zh, en) in enumerate([("印花", "Print"), ("条纹", "Stripe"), ("纯白", "Plain White"),
                               ("纯黑", "Plain Black"), ("字母", "Logo"), ("扎染", "Tie-dye"),
                               ("卡通", "Cartoon"), ("撞色", "Colour Block")]):
    lp = 3900 if i % 2 else 4900
    OLD_TEES.append(add(
        "apparel", "AP", f"2024夏季{zh}T恤 Summer Tee 2024 {en}", "Lumo Wear", lp,
        cost_c=int(round(lp * rng.uniform(0.80, 0.86))), launched=dt.date(2024, 5, rng.randint(6, 25)),
        lifecycle="seasonal", tags=["seasonal"], kind="old_tee", onhand=4,
        received=[dt.date(2024, 5, rng.randint(2, 20))]))
AP = [("纯棉T恤", "Cotton Tee 2025", 59), ("亚麻衬衫", "Linen Shirt", 129), ("运动短裤", "Sports Shorts", 69),
      ("船袜", "Ankle Socks 5-pack", 29), ("防晒衣", "UV Jacket", 99), ("冰丝阔腿裤", "Ice-silk Wide Pants", 89),
      ("背心", "Tank Top", 39)]
for i in range(29):
    zh, en, p = AP[i % len(AP)]
    czh, cen = COLOURS[(i // len(AP) + i) % len(COLOURS)]
    size = ["S", "M", "L", "XL"][i % 4]
    pr = nice_price(p * rng.uniform(0.92, 1.1))
    add("apparel", "AP", f"{zh} {en} {cen} {size}", "Lumo Wear", pr, margin=rng.uniform(0.11, 0.20),
        lifecycle="seasonal" if en in ("UV Jacket", "Ice-silk Wide Pants", "Tank Top") else "core",
        tags=["summer"] if en in ("UV Jacket", "Tank Top") else [], weight=popularity())

# --- phone-cases (unbranded, low)
SLOW_CASES = []
MODELS_OLD = ["iPhone 11", "iPhone 12", "iPhone 12 Pro", "iPhone 13 mini", "Galaxy S21", "Galaxy S22",
              "Redmi Note 11", "Huawei P40", "iPhone XR", "Galaxy A52", "OPPO Reno 6", "vivo X60"]
for i, model in enumerate(MODELS_OLD):
    style = [("透明", "Clear"), ("磨砂", "Matte"), ("防摔", "Shockproof")][i % 3]
    lp = nice_price(rng.uniform(19, 29))
    onhand = [10, 9, 9, 9, 9, 10, 9, 9, 10, 9, 9, 8][i]
    SLOW_CASES.append(add(
        "phone-cases", "PC", f"{style[0]}手机壳 {style[1]} Phone Case {model}", "", lp,
        cost_c=int(round(lp * rng.uniform(0.80, 0.86))), launched=dt.date(2024, 12, rng.randint(1, 28)),
        lifecycle="clearance" if i % 4 == 0 else "core", tags=["unbranded"], kind="slow_case",
        onhand=onhand, second_hand=(i % 2 == 0),
        received=[dt.date(2025, rng.choice([1, 2]), rng.randint(3, 27))]))
MODELS_NEW = ["iPhone 16", "iPhone 16 Pro", "iPhone 16 Pro Max", "iPhone 15", "iPhone 15 Pro",
              "Galaxy S24", "Galaxy S25", "Xiaomi 15", "Redmi K80", "Huawei Mate 70", "Pixel 9"]
MODEL_OUT = {"iPhone 16": (2024, 9, 20), "iPhone 16 Pro": (2024, 9, 20), "iPhone 16 Pro Max": (2024, 9, 20),
             "iPhone 15": (2023, 9, 22), "iPhone 15 Pro": (2023, 9, 22), "Galaxy S24": (2024, 1, 31),
             "Galaxy S25": (2025, 2, 7), "Xiaomi 15": (2024, 10, 31), "Redmi K80": (2024, 11, 29),
             "Huawei Mate 70": (2024, 11, 28), "Pixel 9": (2024, 8, 22)}
for i in range(23):
    model = MODELS_NEW[i % len(MODELS_NEW)]
    style = [("透明", "Clear"), ("磨砂", "Matte"), ("防摔", "Shockproof"), ("液态硅胶", "Liquid Silicone")][i % 4]
    lp = nice_price(rng.uniform(22, 39))
    add("phone-cases", "PC", f"{style[0]}手机壳 {style[1]} Phone Case {model}", "", lp,
        margin=rng.uniform(0.12, 0.20), tags=["unbranded"], weight=popularity(),
        launched=dt.date(*MODEL_OUT[model]) + dt.timedelta(days=rng.randint(0, 40)))

# --- new products (lifecycle new, launched 2025-08/09, with traffic)
GLASSES_LENS = add("smart-glasses", "SG", "智能眼镜磁吸近视镜片 Smart Glasses Magnetic Clip-on Lens",
                   "Lumo", 14900, cost_c=9600, launched=dt.date(2025, 9, 1), lifecycle="new",
                   tags=["exclusive"], kind="new", lam_fn=lambda d: 1.6 + 4.0 * ramp(d, dt.date(2025, 9, 1), D))
add("smart-glasses", "SG", "智能眼镜便携充电盒 Smart Glasses Charging Case", "Lumo", 7900, cost_c=5100,
    launched=dt.date(2025, 9, 5), lifecycle="new", tags=["exclusive"], kind="new",
    lam_fn=lambda d: 0.6 + 0.9 * ramp(d, dt.date(2025, 9, 5), D))
add("smart-glasses", "SG", "智能眼镜硅胶鼻托 Smart Glasses Nose Pads 3-pack", "Lumo", 1990, cost_c=1290,
    launched=dt.date(2025, 9, 5), lifecycle="new", kind="new", lam_fn=lambda d: 0.8)
add("smart-pet", "SP", "智能喂食器 Mini Smart Pet Feeder Mini 2L", "PawPal", 19900, cost_c=11800,
    launched=dt.date(2025, 8, 8), lifecycle="new", kind="new",
    lam_fn=lambda d: 0.25 + 0.5 * ramp(d, dt.date(2025, 8, 8), D))
add("smart-pet", "SP", "🐾 无线宠物饮水机 Wireless Pet Fountain 2L", "PawPal", 16900, cost_c=9800,
    launched=dt.date(2025, 8, 20), lifecycle="new", kind="new",
    lam_fn=lambda d: 0.3 + 0.4 * ramp(d, dt.date(2025, 8, 20), D))
add("smart-home", "SH", "日出唤醒床头灯 Sunrise Wake-up Lamp", "Lumo", 15900, cost_c=9900,
    launched=dt.date(2025, 8, 15), lifecycle="new", kind="new",
    lam_fn=lambda d: 0.3 + 0.35 * ramp(d, dt.date(2025, 8, 15), D))
add("smart-home", "SH", "迷你智能音箱 Mini Smart Speaker", "Lumo", 12900, cost_c=8200,
    launched=dt.date(2025, 9, 10), lifecycle="new", kind="new", lam_fn=lambda d: 0.5)
add("watch-straps", "WS", "月球联名硅胶表带 Moon Co-branded Silicone Strap 22mm", "Lumo x Moon", 8900,
    cost_c=5700, launched=dt.date(2025, 9, 1), lifecycle="new", tags=["co-branded"], kind="new",
    lam_fn=lambda d: 0.6)

for p in products:
    if p["kind"] == "new":
        p["received"] = [p["launched"] - dt.timedelta(days=rng.randint(3, 8))]
    p["lead"] = LEAD_TIME.get(p["category"]) if p["kind"] != "new" else None
GLASSES_LENS["lead"] = 21     # the exclusive supplier ships in three weeks

# Non-product codes that appear in orders only (postage, gift wrap): not in products.csv.
NON_PRODUCT = {"POST": 500, "POST-SF": 1200, "GIFTWRAP": 300}


# ---------------------------------------------------------------- expected rates

# Lines per day of the buy-one-get-one SKUs while the batch runs: the old garments sell
# out, the three sun hats in it sell a few dozen each and stay slow.
BOGO_LAM = {"old_garment": 3.8, "slow_hat": 0.75}
AROMA_MONTH = {(2024, 11): 0.55, (2025, 6): 0.40, (2025, 7): 0.38, (2025, 8): 1.15, (2025, 9): 0.55}
GARMENT_SEASON = {(2024, 10): 0.55, (2024, 11): 0.85, (2024, 12): 0.75, (2025, 1): 0.55,
                  (2025, 2): 0.3, (2025, 3): 0.12}
TEE_SEASON = {(2024, 7): 0.75, (2024, 8): 0.5, (2024, 9): 0.18}
HAT_SEASON_BOGO = {4: 0.25, 5: 0.4, 6: 0.45, 7: 0.3, 8: 0.12}
HAT_SEASON = {4: 0.15, 5: 0.25, 6: 0.28, 7: 0.12, 8: 0.05}


def in_bogo(p, d):
    return bool(p.get("bogo")) and BOGO_START <= d <= BOGO_END


def fixed_lam(p, d):
    """Lines per day for SKUs whose demand is set by the story (None = regular)."""
    k = p["kind"]
    if k == "regular":
        return None
    if d < p["launched"]:
        return 0.0
    wd = WEEKDAY_FACTOR[d.weekday()]
    m = month_of(d)
    if k == "new":
        return p["lam_fn"](d) * wd
    if k == "aroma":
        # spend-X-save-Y in August 2025: ~3x the July units
        return AROMA_MONTH.get(m, 0.30) * wd
    if k == "slow_hat":
        if in_bogo(p, d):
            return BOGO_LAM[k]
        if d.year != 2025 or d.month > 8 or (d.month == 8 and d.day >= 25 and not p["bogo"]):
            return 0.0
        return (HAT_SEASON_BOGO if p["bogo"] else HAT_SEASON).get(d.month, 0.0) * wd
    if k == "old_garment":
        if in_bogo(p, d):
            return BOGO_LAM[k]
        if p is OLD_GARMENTS[7]:
            return 0.0                   # never sold
        s = GARMENT_SEASON.get(m, 0.0) * wd
        if p["bogo"]:
            return s if s else (0.03 if dt.date(2025, 4, 1) <= d < BOGO_START else 0.0)
        return 0.5 * s                   # then a few hand-placed lines
    if k == "old_tee":
        return 0.0 if p is OLD_TEES[7] else TEE_SEASON.get(m, 0.0) * wd
    if k == "slow_case":
        return 0.0                       # hand-placed lines only
    raise ValueError(k)


def line_qty(p, d):
    if in_bogo(p, d):
        return weighted(BOGO_QTY)
    return weighted(qty_dist(p["category"]))


# Price level: a year earlier the high-margin goods sold ~10 % and the low-margin ones ~8 %
# below today's prices (standing coupons and markdowns the review's promotion changes
# phased out by May 2025); mid-margin prices did not move.
PRICE_RAMP = (dt.date(2024, 7, 1), dt.date(2025, 5, 1))
PRICE_FROM = {"high": 0.90, "mid": 1.0, "low": 0.92}


def price_level(p, d):
    start = PRICE_FROM[GROUP_OF[p["category"]]]
    return start + (1.0 - start) * ramp(d, *PRICE_RAMP)


def line_price(p, d):
    if in_bogo(p, d):
        return pct_of(p["list"], 0.5)      # buy one, get one: half the list price a unit
    f = price_level(p, d)
    if f >= 1.0 or p["kind"] == "new":
        return p["sell"]
    return max(100, int(round(p["sell"] * f / 100.0)) * 100 - 10)   # e.g. 224.90


def in_w(d):
    return W_START <= d <= D


def active(p, d):
    return d >= p["launched"] and not (p.get("stop_after") and d > p["stop_after"])


month_days = {m: [d for d in ALL_DAYS if month_of(d) == m] for m in MONTHS}

# Expected revenue of the story SKUs per (category, month), the BOGO apart; then each
# group's budget for the month, split over its categories, sets the regular SKUs' rates.
fixed_rev = {}
bogo_rev = {m: 0.0 for m in MONTHS}
for p in products:
    for d in ALL_DAYS:
        lam = fixed_lam(p, d)
        if not lam:
            continue
        m = month_of(d)
        if in_bogo(p, d):
            bogo_rev[m] += lam * mean_of(BOGO_QTY) * line_price(p, d)
        else:
            q = mean_qty(p["category"])
            disc = 3000 * q if p["kind"] == "aroma" and m == (2025, 8) else 0
            fixed_rev[(p["category"], m)] = (fixed_rev.get((p["category"], m), 0.0)
                                             + lam * (q * line_price(p, d) - disc))

regular = {c: [p for p in products if p["category"] == c and p["kind"] == "regular"] for c in CATEGORIES}
k_rate = {}
budget_notes = []
for m in MONTHS:
    ordinary = MONTH_REVENUE[m] * 100
    total = ordinary + bogo_rev[m]
    budget = {"high": high_share(m) * total, "mid": MID_SHARE * ordinary}
    budget["low"] = ordinary - budget["high"] - budget["mid"]
    for g, cats in GROUPS.items():
        fixed = sum(v for (c, mm), v in fixed_rev.items() if mm == m and GROUP_OF[c] == g)
        left = budget[g] - fixed
        if left < 0:
            budget_notes.append(f"{m} {g}: story SKUs exceed the budget by {-left / 100:.0f}")
            left = 0.0
        cap, act = {}, {}
        for c in cats:
            cap[c] = sum(p["weight"] * line_price(p, d) * mean_qty(c) * base_shape(d)
                         for p in regular[c] for d in month_days[m] if active(p, d))
            full = sum(p["weight"] for p in regular[c]) * len(month_days[m])
            act[c] = sum(p["weight"] for p in regular[c] for d in month_days[m] if active(p, d)) / full
        wsum = sum(w * season(c, m) * act[c] for c, w in cats.items())
        for c, w in cats.items():
            share = w * season(c, m) * act[c] / wsum
            k_rate[(c, m)] = left * share / cap[c] if cap[c] else 0.0


def lam_of(p, d):
    f = fixed_lam(p, d)
    if f is not None:
        return f
    if not active(p, d):
        return 0.0
    return k_rate[(p["category"], month_of(d))] * p["weight"] * base_shape(d)


# ---------------------------------------------------------------- order lines

stage(1)
# Hand-placed sparse lines for the slow SKUs: (sku, date, qty, channel-or-None)
hand_lines = []
for i, p in enumerate(OLD_TEES):
    if i == 7:
        continue                         # never sold
    for _ in range(1 if i % 2 else 2):   # almost no sales this summer, none in the last 30+ days
        hand_lines.append((p, rand_date(dt.date(2025, 6, 1), dt.date(2025, 7, 25)), 1, None))
for i, p in enumerate(OLD_GARMENTS):
    if p["bogo"] or i == 7:
        continue                         # i == 7: never sold
    for _ in range(rng.randint(1, 3)):
        hand_lines.append((p, rand_date(dt.date(2025, 4, 1), dt.date(2025, 8, 15)), 1, None))
for i, p in enumerate(SLOW_CASES):
    if i == 11:
        continue                         # never sold
    for _ in range(rng.randint(2, 4)):   # hardly selling since they came in
        hand_lines.append((p, rand_date(dt.date(2025, 1, 10), dt.date(2025, 8, 20)), 1, None))
    if p["second_hand"]:                 # second-hand platform batch since 09-15
        for _ in range(rng.randint(2, 5)):
            hand_lines.append((p, rand_date(SECOND_HAND_START, D), rng.choice([1, 1, 2, 3]), "xianyu"))

# Each SKU's lines per month are its expected count (rounded at random), spread over the
# month's days in proportion to the daily rate: month totals follow the plan closely.
day_lines = {d: [] for d in ALL_DAYS}    # d -> list of line dicts (without order)
for p in products:
    for m in MONTHS:
        lams = [lam_of(p, d) for d in month_days[m]]
        e = sum(lams)
        if e <= 0:
            continue
        n = int(e) + (1 if rng.random() < e - int(e) else 0)
        for d in rng.choices(month_days[m], weights=lams, k=n):
            day_lines[d].append(dict(p=p, sku=p["sku"], qty=line_qty(p, d), price=line_price(p, d)))
for p, d, q, ch in hand_lines:
    price = pct_of(p["list"], 0.5) if ch == "xianyu" else p["sell"]
    day_lines[d].append(dict(p=p, sku=p["sku"], qty=q, price=price, channel=ch))


def is_high_sku(p):
    return p["category"] in HIGH_CATS


# Customers. Every order either comes back from a known customer or brings a new one.
# A known customer is drawn from `entries` (one entry per earlier order, plus a few per
# loyal customer), recent ones likelier; "fans" of the high-margin groups come back for
# them more often, more so since the 2025 private-channel pushes (watch straps +12 %).
stage(2)
CHANNELS = [("mobile", 60), ("pc", 37), ("wechat", 2), ("douyin", 1)]
customers = []
cust_channel = []
cust_fan = []
entries = []
fan_entries = []
def p_return(d):
    """Share of ordinary orders placed by a known customer (user operations since 2025)."""
    return 0.50 + 0.12 * ramp(d, dt.date(2024, 12, 1), dt.date(2025, 8, 31))



P_RETURN_HIGH = 0.10          # ... of high-margin orders by a known non-fan
BACK, FAN_BACK = 4000, 200    # mean look-back (in entries) when drawing a known customer


def p_fan(d):
    return 0.55 + 0.20 * ramp(d, dt.date(2024, 12, 1), dt.date(2025, 8, 31))


def new_customer(fan_p=0.0):
    i = len(customers)
    customers.append(f"C{10001 + i}")
    loyal = rng.random() < 0.22
    cust_fan.append(rng.random() < fan_p or (loyal and rng.random() < 0.4))
    cust_channel.append(weighted(CHANNELS))
    entries.extend([i] * (3 if loyal else 1))
    if cust_fan[i]:
        fan_entries.extend([i, i])
    return i


def recent(lst, back):
    return lst[len(lst) - 1 - int(rng.expovariate(1.0 / back)) % len(lst)]


for _ in range(3000):      # shoppers from before July 2024
    new_customer(0.2)


def pick_customer(high, d):
    """Index of the customer placing an order; high = the order has a high-margin line."""
    r = rng.random()
    if high:
        pf = p_fan(d)
        if r < pf:
            i = recent(fan_entries, FAN_BACK)
        elif r < pf + P_RETURN_HIGH:
            i = recent(entries, BACK)
        else:
            i = new_customer(0.3)
    elif r < p_return(d):
        i = recent(entries, BACK)
    else:
        i = new_customer()
    entries.append(i)
    if high and cust_fan[i]:
        fan_entries.append(i)
    return i


ORDER_SIZES = [(1, 50), (2, 28), (3, 14), (4, 8)]
HOURS = [3, 2, 1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 9, 8, 7, 7, 7, 8, 9, 11, 13, 14, 12, 7]
orders = []   # dicts: id, at (datetime), customer, channel, lines [line dicts]
for d in ALL_DAYS:
    lines = day_lines[d]
    rng.shuffle(lines)
    # xianyu (second-hand platform) lines are their own one-line orders
    xianyu = [ln for ln in lines if ln.get("channel") == "xianyu"]
    rest = [ln for ln in lines if ln.get("channel") != "xianyu"]
    chunks = [[ln] for ln in xianyu]
    while rest:
        size = weighted(ORDER_SIZES)
        chunk = []
        skus = set()
        j = 0
        while rest and len(chunk) < size and j < len(rest):
            if rest[j]["sku"] not in skus:
                ln = rest.pop(j)
                chunk.append(ln)
                skus.add(ln["sku"])
            else:
                j += 1
        chunks.append(chunk)
    day_orders = []
    for chunk in chunks:
        secs = int(weighted(list(enumerate(HOURS)))) * 3600 + rng.randint(0, 3599)
        at = dt.datetime.combine(d, dt.time()) + dt.timedelta(seconds=secs)
        if chunk[0].get("channel") == "xianyu":
            cust, channel = customers[new_customer()], "xianyu"
        elif rng.random() < 0.02:
            cust, channel = "", weighted(CHANNELS)
        else:
            ci = pick_customer(any(is_high_sku(ln["p"]) for ln in chunk), d)
            cust = customers[ci]
            channel = cust_channel[ci] if rng.random() < 0.88 else weighted(CHANNELS)
        # postage / gift wrap on some small orders
        if len(chunk) < 4 and chunk[0].get("channel") != "xianyu":
            r = rng.random()
            code = "POST" if r < 0.05 else "POST-SF" if r < 0.06 else "GIFTWRAP" if r < 0.067 else None
            if code:
                chunk.append(dict(p=None, sku=code, qty=1, price=NON_PRODUCT[code]))
        day_orders.append(dict(at=at, customer=cust, channel=channel, lines=chunk))
    day_orders.sort(key=lambda o: o["at"])
    for n, o in enumerate(day_orders, 1):
        o["id"] = f"SO{d:%y%m%d}{n:04d}"
        orders.append(o)

stage(3)
# discounts: August 2025 spend-X-save-Y on the aroma set, a few coupons on mid/low lines
for o in orders:
    for ln in o["lines"]:
        p = ln["p"]
        ln["discount"] = 0
        if p is None:
            continue
        gross = ln["qty"] * ln["price"]
        if p["kind"] == "aroma" and month_of(o["at"].date()) == (2025, 8):
            ln["discount"] = 3000 * ln["qty"]          # spend 199 save 30
        elif (p["kind"] == "regular" and not is_high_sku(p) and gross >= 3000
              and p["category"] not in ("band-accessories",) and rng.random() < 0.02):
            ln["discount"] = rng.choice([300, 500, 1000 if gross >= 10000 else 500])

# returns: a few lines come back 3-12 days later, same SKU, same price
return_orders = []
for o in orders:
    if o["channel"] == "xianyu":
        continue
    back = [ln for ln in o["lines"] if ln["p"] is not None and ln["p"]["kind"] == "regular"
            and ln["discount"] == 0 and rng.random() < 0.006]
    if not back:
        continue
    when = o["at"] + dt.timedelta(days=rng.randint(3, 12), seconds=rng.randint(0, 20000))
    if when.date() > D:
        continue
    rlines = [dict(p=ln["p"], sku=ln["sku"], qty=-(ln["qty"] if ln["qty"] <= 2 else 1),
                   price=ln["price"], discount=0) for ln in back]
    return_orders.append(dict(id="RT" + o["id"][2:], at=when, customer=o["customer"],
                              channel=o["channel"], lines=rlines))
orders.extend(return_orders)
orders.sort(key=lambda o: (o["at"], o["id"]))


# ---------------------------------------------------------------- stock lots

net_by_sku_day = {}
for o in orders:
    for ln in o["lines"]:
        if ln["p"] is not None:
            key = (ln["sku"], o["at"].date())
            net_by_sku_day[key] = net_by_sku_day.get(key, 0) + ln["qty"]


def net_units(p, a, b):
    return sum(net_by_sku_day.get((p["sku"], d), 0) for d in days(a, b))


stock_rows = []
COVER_LOW, COVER_HIGH = 5.2, 8.5   # days of cover the seller restocks ordinary SKUs to
CONVERSION = 0.18                  # new products: buyers per visitor the traffic is drawn for


def lot_cost(p):
    if rng.random() < 0.55:
        return ""
    return money(int(round(p["cost"] * rng.uniform(0.96, 1.04))))


def split_lots(p, onhand, ages):
    """Split an on-hand count into lots of the given ages in days (newest largest)."""
    if onhand < 6:
        ages = ages[:1]
    left = onhand
    for i, age in enumerate(ages):
        q = left if i == len(ages) - 1 else int(round(left * rng.uniform(0.55, 0.75)))
        left -= q
        stock_rows.append((p["sku"], q, D - dt.timedelta(days=age), lot_cost(p)))


stage(4)
# The seller restocks to expected demand: a week or so of cover (best sellers less), a few
# SKUs over-bought long ago. Noise in the last 30 days does the rest.
for p in products:
    k = p["kind"]
    if k in ("slow_hat", "old_garment", "old_tee", "slow_case"):
        total = p["onhand"]
        lots = p["received"]
        if total == 0:               # sold out in the BOGO
            stock_rows.append((p["sku"], 0, lots[-1], ""))
            continue
        first = int(round(total * (0.35 if len(lots) > 1 else 1.0)))
        qs = [first, total - first] if len(lots) > 1 else [total]
        for q, rd in zip(qs, lots):
            stock_rows.append((p["sku"], q, rd, lot_cost(p)))
        continue
    if k == "new":
        sold = net_units(p, p["launched"], D)
        left = max(5, int(sold * rng.uniform(0.06, 0.1)))
        stock_rows.append((p["sku"], left, p["received"][0], ""))
        continue
    if p["lifecycle"] == "discontinued":
        continue                     # no lots at all
    vel = max(0, net_units(p, V_START, D)) / V_DAYS
    exp_vel = sum(lam_of(p, d) for d in days(V_START, D)) / V_DAYS * mean_qty(p["category"])
    if p["category"] == "band-accessories":
        onhand = max(1, int(round(vel * rng.uniform(3.8, 5.2))))
        split_lots(p, onhand, [rng.randint(1, 4)])
        continue
    r = rng.random()
    if r < 0.04:
        stock_rows.append((p["sku"], 0, D - dt.timedelta(days=rng.randint(20, 60)), ""))
        continue                     # sold out
    if r < 0.07 and exp_vel * p["cost"] < 1000:
        # over-bought: slow-mover warnings among ordinary SKUs
        onhand = max(4, int(round(exp_vel * rng.uniform(35, 50))))
        split_lots(p, onhand, sorted([rng.randint(40, 85), rng.randint(95, 200)]))
        continue
    onhand = max(1, int(round(exp_vel * rng.uniform(COVER_LOW, COVER_HIGH))))
    ages = [rng.randint(1, 9)] + ([rng.randint(10, 35)] if rng.random() < 0.35 else [])
    split_lots(p, onhand, ages)
stock_rows.sort(key=lambda r: (r[0], r[2]))
capital_of = {}
for _s, _q, _rd, _c in stock_rows:
    capital_of[_s] = capital_of.get(_s, 0) + _q * (int(round(float(_c) * 100)) if _c else by_sku[_s]["cost"])
# The first sun hat ties up the most capital of all: the aging tab (by capital) opens on it.
assert max(capital_of, key=capital_of.get) == OVERSTOCK_HATS[0]["sku"], sorted(capital_of.items(), key=lambda x: -x[1])[:3]


# ---------------------------------------------------------------- traffic

stage(5)
# Visitors per new SKU since its launch (within W): its buyers / a conversion near
# CONVERSION, scaled by the share of distinct buyers over all new SKUs (a fan who buys two
# new products is one buyer), so that the portfolio figure lands near CONVERSION.
new_skus = [p for p in products if p["lifecycle"] == "new"]
buyers_of = {p["sku"]: {} for p in new_skus}
for o in orders:
    dd = o["at"].date()
    if not o["customer"]:
        continue
    for ln in o["lines"]:
        if ln["sku"] in buyers_of and ln["qty"] > 0 and dd >= max(ln["p"]["launched"], W_START):
            buyers_of[ln["sku"]].setdefault(dd, set()).add(o["customer"])
distinct_new = set().union(*(b for m in buyers_of.values() for b in m.values()))
per_sku_sum = sum(len(set().union(*m.values())) for m in buyers_of.values() if m)
overlap = len(distinct_new) / max(1, per_sku_sum)
traffic_rows = []
for p in new_skus:
    start = max(p["launched"], W_START)
    buyers_by_day = buyers_of[p["sku"]]
    all_buyers = set().union(*buyers_by_day.values()) if buyers_by_day else set()
    rate = rng.uniform(CONVERSION - 0.02, CONVERSION + 0.02)
    total = max(30, int(round(len(all_buyers) * overlap / rate)))
    span = days(start, D)
    wts = [(1.6 if x.weekday() >= 5 else 1.0) * rng.uniform(0.7, 1.3)
           + 3.0 * len(buyers_by_day.get(x, ())) for x in span]
    s = sum(wts)
    vis = [int(round(total * w / s)) for w in wts]
    for x, v in zip(span, vis):
        v = max(v, len(buyers_by_day.get(x, ())) * 2)
        traffic_rows.append((p["sku"], x, v))


# ---------------------------------------------------------------- metrics (own check)

def tier_of_margin(gp, rev):
    if gp * 100 >= 30 * rev:
        return "high"
    if gp * 100 < 25 * rev:
        return "low"
    return "mid"


def kpis(as_of, w_days):
    """The flow KPIs of METRICS.md over the w_days days ending at as_of."""
    start = as_of - dt.timedelta(days=w_days - 1)
    sku_rev, sku_gp = {}, {}
    rev = cogs = mobile = 0
    lines_w = []
    for o in orders:
        d = o["at"].date()
        if not start <= d <= as_of:
            continue
        for ln in o["lines"]:
            net = ln["qty"] * ln["price"] - ln["discount"]
            c = ln["qty"] * ln["p"]["cost"] if ln["p"] else 0
            rev += net
            cogs += c
            if o["channel"] == "mobile":
                mobile += net
            sku_rev[ln["sku"]] = sku_rev.get(ln["sku"], 0) + net
            sku_gp[ln["sku"]] = sku_gp.get(ln["sku"], 0) + net - c
            lines_w.append((o, ln))
    tier = {}
    for p in products:
        r = sku_rev.get(p["sku"], 0)
        tier[p["sku"]] = (tier_of_margin(sku_gp[p["sku"]], r) if r > 0
                          else tier_of_margin(p["list"] - p["cost"], p["list"]))
    for code in NON_PRODUCT:
        tier[code] = "unclassified"
    t_rev, t_gp = {}, {}
    for sku, r in sku_rev.items():
        t_rev[tier[sku]] = t_rev.get(tier[sku], 0) + r
        t_gp[tier[sku]] = t_gp.get(tier[sku], 0) + sku_gp[sku]
    by_cust, high_by_cust = {}, {}
    for o, ln in lines_w:
        if o["customer"] and ln["qty"] > 0:
            by_cust.setdefault(o["customer"], set()).add(o["id"])
            if tier[ln["sku"]] == "high":
                high_by_cust.setdefault(o["customer"], set()).add(o["id"])

    def rate(m):
        return sum(1 for v in m.values() if len(v) >= 2) / len(m) if m else None

    gp = rev - cogs
    return dict(rev=rev, cogs=cogs, gp=gp, gm=gp / rev if rev > 0 else None, tier=tier,
                share={t: t_rev.get(t, 0) / rev for t in ("high", "mid", "low", "unclassified")},
                gp_share={t: t_gp.get(t, 0) / gp for t in ("high", "mid", "low", "unclassified")},
                repurchase=rate(by_cust), high_repurchase=rate(high_by_cust),
                customers=len(by_cust), high_customers=len(high_by_cust),
                mobile=mobile / rev, sku_rev=sku_rev, sku_gp=sku_gp)


now = kpis(D, W_DAYS)
prior = kpis(D_PRIOR, W_DAYS)
sku_tier = now["tier"]
sku_rev = now["sku_rev"]
onhand = {}
for sku, q, rd, c in stock_rows:
    onhand[sku] = onhand.get(sku, 0) + q


# ---------------------------------------------------------------- batches, candidates, plans

bogo_skus = [p for p in products if p.get("bogo")]
bogo_cash = sum(ln["qty"] * ln["price"] - ln["discount"] for o in orders
                if BOGO_START <= o["at"].date() <= BOGO_END for ln in o["lines"]
                if ln["p"] is not None and ln["p"].get("bogo"))
bogo_units = sum(ln["qty"] for o in orders if BOGO_START <= o["at"].date() <= BOGO_END
                 for ln in o["lines"] if ln["p"] is not None and ln["p"].get("bogo"))
bogo_target = (bogo_cash // 1_000_000) * 1_000_000    # round down to 10,000.00: reached
bogo_sold = {}
for o in orders:
    if BOGO_START <= o["at"].date() <= BOGO_END:
        for ln in o["lines"]:
            if ln["p"] is not None and ln["p"].get("bogo"):
                bogo_sold[ln["sku"]] = bogo_sold.get(ln["sku"], 0) + ln["qty"]
in_stock_garments = [p for p in OLD_GARMENTS if onhand[p["sku"]] > 0]
# the second-hand batch takes every unit the SKUs had when it started
xianyu_units = {p["sku"]: onhand[p["sku"]] + max(0, net_units(p, SECOND_HAND_START, D))
                for p in SLOW_CASES if p["second_hand"]}
flash_units = {p["sku"]: max(2, onhand[p["sku"]] // 2) for p in in_stock_garments}


def hundreds(cents):
    return int(round(cents / 10_000.0)) * 10_000

batches = [
    (BOGO_BATCH, "bogo", BOGO_START, BOGO_END, "", bogo_target, "done"),
    (XIANYU_BATCH, "second_hand", SECOND_HAND_START, dt.date(2025, 10, 31), "50%",
     hundreds(sum(u * pct_of(by_sku[s]["list"], 0.5) for s, u in xianyu_units.items())), "active"),
    (FLASH_BATCH, "flash_sale", dt.date(2025, 10, 1), dt.date(2025, 10, 7), "25%",
     hundreds(sum(u * pct_of(by_sku[s]["list"], 0.75) for s, u in flash_units.items())), "planned"),
    (CONSIGN_BATCH, "consignment", dt.date(2025, 10, 8), dt.date(2025, 12, 31), "",
     hundreds(sum(onhand[p["sku"]] * p["list"] * 0.6 for p in OLD_TEES)), "planned"),
    (D11_BATCH, "tiered_discount", dt.date(2025, 11, 1), dt.date(2025, 11, 11), "10%@3d,20%@3d,30%",
     60000_00, "planned"),
]
batch_skus = []
for p in bogo_skus:     # the garments sold out; the hats were to clear 60 each
    batch_skus.append((BOGO_BATCH, p["sku"], 60 if p["kind"] == "slow_hat" else bogo_sold.get(p["sku"], 0)))
for sku, u in xianyu_units.items():
    batch_skus.append((XIANYU_BATCH, sku, u))
for sku, u in flash_units.items():
    batch_skus.append((FLASH_BATCH, sku, u))
for p in OLD_TEES:
    batch_skus.append((CONSIGN_BATCH, p["sku"], onhand[p["sku"]]))
for p in OVERSTOCK_HATS + in_stock_garments + SLOW_CASES:
    batch_skus.append((D11_BATCH, p["sku"], onhand[p["sku"]] // 2))   # clear 50 % of slow stock

candidates = [
    ("智能血压计 Smart Blood-Pressure Monitor", "smart-health", 22, 4, "同价位唯一支持App趋势分析 / only one at its price with app trends",
     5, "中老年家人血压每天要记录 / parents must log blood pressure daily", 4, "128.00", "259.00",
     "tech_geeks", "中期品类拓展首选 mid-term category pick"),
    ("智能宠物喂食器二代 Smart Pet Feeder v2 (camera)", "smart-pet", 18, 3, "带摄像头款比竞品便宜80元 / camera model 80 below rivals",
     4, "出差时担心猫咪吃饭 / owners away worry about feeding", 5, "165.00", "299.00",
     "pet_parents", "现有喂食器的升级款 upgrade of the best pet SKU"),
    ("竹纤维环保手机壳 Bamboo Fibre Phone Case", "phone-cases", 16, 3, "可降解材质 / compostable material",
     2, "塑料壳不环保 / plastic cases feel wasteful", 3, "14.00", "39.00",
     "environmentalists", "替代杂牌手机壳 replaces unbranded cases"),
    ("智能眼镜镜片清洁器 Smart-Glasses Lens Cleaner", "smart-glasses", 30, 4, "超声波小型化 / pocket ultrasonic",
     3, "镜片指纹难擦 / smudged lenses", 4, "22.00", "49.00",
     "tech_geeks", "配合独家眼镜配件 pairs with the exclusive glasses accessory"),
    ("通用USB数据线 Generic USB-C Cable 1m", "cables", 5, 1, "红海 / crowded market",
     1, "", 3, "6.50", "12.90", "tech_geeks", "增长不足 growth below gate"),
    ("塑料玩具车 Cheap Plastic Toy Car", "toys", 20, 2, "", 1, "", 1, "8.80", "10.90",
     "", "毛利低于保底线 margin below floor"),
    ("智能体脂秤 Smart Body-Fat Scale", "smart-health", 17, 2, "", 3, "减脂人群要看趋势 / dieters track trends",
     3, "72.00", "129.00", "tech_geeks", ""),
    ("豆腐猫砂 Biodegradable Tofu Cat Litter 6L", "pet-supplies", 25, 3, "可冲厕所 / flushable",
     4, "猫砂粉尘大 / dusty clay litter", 3, "18.00", "39.00",
     "pet_parents;environmentalists", "复购型耗材 repeat consumable"),
    ("智能睡眠监测带 Smart Sleep Monitoring Band", "smart-bands", 28, 3, "无感监测 / contact-free",
     4, "睡不好又不想戴手环睡觉 / poor sleep, no band at night", 4, "110.00", "229.00",
     "tech_geeks", "健康监测设备系列 smart health line"),
]

plans = [
    ("short", "智能生活节专题页 Smart Life Festival page", "2025-10-15", "doing", "new_product_conversion",
     "0.25", "", "10月15日上线，首月投入35%流量预算 / live 15 Oct, 35 % of first-month traffic budget"),
    ("short", "双十一清仓 Double-11 clearance", "2025-11-11", "todo", "batch_cash_recovered", "60000.00",
     D11_BATCH, "剩余滞销品清仓，回笼资金 / clear the remaining slow stock"),
    ("short", "高利润品类专属优惠 offers to high-margin customers", "2025-12-31", "todo",
     "high_tier_repurchase_rate", "0.40", "", "智能生活节专属优惠推送 / festival offers"),
    ("short", "九月买一赠一清仓 Sep BOGO clearance", "2025-09-20", "done", "batch_cash_recovered",
     money(bogo_target), BOGO_BATCH, "回笼资金但利润率降至5%左右 / cash back, margin fell to ~5 %"),
    ("short", "库存周转降到6天 turnover under 6 days", "2025-12-31", "doing", "turnover_days", "6", "",
     "库存预警系统 + 仓储布局 / stock warnings and warehouse layout"),
    ("short", "闲鱼清手机壳 phone cases via second-hand", "2025-10-31", "doing", "batch_units_cleared",
     str(sum(xianyu_units.values())), XIANYU_BATCH, ""),
    ("mid", "智能健康监测设备 smart health devices", "2026-06-30", "todo", "high_tier_revenue_share", "0.40",
     "", "如智能血压计 / e.g. blood-pressure monitors", D_PRIOR.isoformat()),
    ("mid", "低利润SKU占比降至15% low-margin share under 15 %", "2026-06-30", "todo",
     "low_tier_revenue_share", "0.15", "", ""),
    ("mid", "品牌吉祥物 brand mascot", "2026-03-31", "todo", "", "", "", "围绕“智能生活”概念 / around 'smart life'"),
    ("mid", "BI升级 用户生命周期价值模型 BI/CLV model", "2026-06-30", "todo", "", "", "",
     "增加用户生命周期价值预测 / customer-lifetime-value forecasts"),
    ("long", "智能生活核心品类 smart life core category", "2028-12-31", "todo", "", "", "",
     "未来3年投入营收的15%用于品类建设 / 15 % of revenue for 3 years"),
    ("long", "东南亚市场 South-East Asia", "2027-12-31", "todo", "", "", "",
     "针对当地用户开发定制化智能产品 / localised smart products"),
    ("long", "米家平台接入 smart-home platform integrations", "2027-06-30", "todo", "", "", "",
     "与智能家居平台洽谈接入 / talk to smart-home platforms"),
]


# ---------------------------------------------------------------- write files

def write(name, header, rows):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


write("products.csv", ["sku", "name", "category", "brand", "unit_cost", "list_price", "launched_on",
                       "lifecycle", "tags", "lead_time_days"],
      [(p["sku"], p["name"], p["category"], p["brand"], money(p["cost"]), money(p["list"]),
        p["launched"].isoformat(), p["lifecycle"], ";".join(p["tags"]),
        "" if p["lead"] is None else p["lead"]) for p in products])
write("stock.csv", ["sku", "qty", "received_on", "unit_cost"],
      [(s, q, rd.isoformat(), c) for s, q, rd, c in stock_rows])
order_rows = []
for o in orders:
    for ln in o["lines"]:
        disc = money(ln["discount"]) if ln["discount"] else ("0" if o["channel"] == "pc" else "")
        order_rows.append((o["id"], o["at"].strftime("%Y-%m-%d %H:%M:%S"), ln["sku"], ln["qty"],
                           money(ln["price"]), disc, o["customer"], o["channel"]))
write("orders.csv", ["order_id", "ordered_at", "sku", "qty", "unit_price", "discount", "customer_id",
                     "channel"], order_rows)
write("traffic.csv", ["sku", "date", "visitors"], [(s, x.isoformat(), v) for s, x, v in traffic_rows])
write("batches.csv", ["name", "channel", "starts_on", "ends_on", "discount_ladder", "cash_target", "status"],
      [(n, c, a.isoformat(), b.isoformat(), l, money(t), s) for n, c, a, b, l, t, s in batches])
write("batch_skus.csv", ["batch", "sku", "units_to_clear"], batch_skus)
write("candidates.csv", ["name", "category", "market_growth_pct", "competitive_gap", "gap_note", "user_pain",
                         "pain_note", "brand_fit", "expected_unit_cost", "expected_price", "personas",
                         "notes"], candidates)
# start_on: empty = made on the as-of date (the demo loader computes the baseline then);
# the review's "high-margin share 28 % -> 40 %" goal dates from a year earlier, when the
# share was 28 %, so its baseline is that year-earlier share.
write("plans.csv", ["horizon", "title", "due_on", "status", "target_metric", "target_value", "batch", "note",
                    "start_on"],
      [row + ("",) * (9 - len(row)) for row in plans])


# ---------------------------------------------------------------- report

def pct(x):
    return "-" if x is None else f"{100.0 * x:.1f} %"


def cat_units(cat, a, b):
    return sum(net_units(p, a, b) for p in products if p["category"] == cat)


def month_end(m):
    nxt = dt.date(m[0] + m[1] // 12, m[1] % 12 + 1, 1)
    return min(D, nxt - dt.timedelta(days=1))


last_sale = {}
for o in orders:
    for ln in o["lines"]:
        if ln["qty"] > 0:
            last_sale[ln["sku"]] = max(last_sale.get(ln["sku"], dt.date.min), o["at"].date())
slow_all = OVERSTOCK_HATS + OLD_GARMENTS + OLD_TEES + SLOW_CASES
never = [p["sku"] for p in slow_all if p["sku"] not in last_sale]
stale30 = [p["sku"] for p in slow_all if p["sku"] in last_sale and (D - last_sale[p["sku"]]).days >= 30]
ba_on = sum(onhand.get(p["sku"], 0) for p in products if p["category"] == "band-accessories")
ba_vel = cat_units("band-accessories", V_START, D) / V_DAYS
capital = sum(q * (int(round(float(c) * 100)) if c else by_sku[s]["cost"]) for s, q, rd, c in stock_rows)
slow_n = best_n = 0
for p in products:
    oh = onhand.get(p["sku"], 0)
    if oh <= 0:
        continue
    vel = net_units(p, V_START, D) / V_DAYS
    cover = oh / vel if vel > 0 else math.inf
    since = (D - last_sale[p["sku"]]).days if p["sku"] in last_sale else math.inf
    slow_n += since >= 30 or cover >= 30
    best_n += vel > 0 and cover <= 6
new_buyers = len({o["customer"] for o in orders if in_w(o["at"].date()) and o["customer"]
                  for ln in o["lines"] if ln["p"] is not None and ln["p"]["lifecycle"] == "new"
                  and ln["qty"] > 0})
new_visitors = sum(v for s, x, v in traffic_rows if in_w(x))
aroma_jul = sum(ln["qty"] for o in orders if month_of(o["at"].date()) == (2025, 7) for ln in o["lines"]
                if ln["p"] in AROMA)
aroma_aug = sum(ln["qty"] for o in orders if month_of(o["at"].date()) == (2025, 8) for ln in o["lines"]
                if ln["p"] in AROMA)
lens_sep = sum(ln["qty"] * ln["price"] - ln["discount"] for o in orders
               if month_of(o["at"].date()) == (2025, 9) for ln in o["lines"] if ln["p"] is GLASSES_LENS)
bogo_gp = sum(ln["qty"] * (ln["price"] - ln["p"]["cost"]) - ln["discount"] for o in orders
              if BOGO_START <= o["at"].date() <= BOGO_END for ln in o["lines"]
              if ln["p"] is not None and ln["p"].get("bogo"))
tier_count = {}
for p in products:
    if onhand.get(p["sku"], 0) > 0 or p["sku"] in sku_rev:
        tier_count[sku_tier[p["sku"]]] = tier_count.get(sku_tier[p["sku"]], 0) + 1
off_tier = [p["sku"] for p in products if p["category"] in HIGH_CATS and sku_tier[p["sku"]] != "high"]
off_mid = [p["sku"] for p in products if GROUP_OF[p["category"]] == "mid" and p["sku"] in sku_rev
           and sku_tier[p["sku"]] != "mid"]


def headline(name, k):
    print(f"{name}: net revenue {money(k['rev'])}, gross margin {pct(k['gm'])}")
    print("  tier share of revenue: " + ", ".join(f"{t} {pct(v)}" for t, v in k["share"].items()))
    print("  tier share of GP:      " + ", ".join(f"{t} {pct(v)}" for t, v in k["gp_share"].items()))
    print(f"  repurchase {pct(k['repurchase'])} of {k['customers']} customers; high-tier repurchase "
          f"{pct(k['high_repurchase'])} of {k['high_customers']}; mobile share {pct(k['mobile'])}")


for note in budget_notes:
    print("budget:", note)
print(f"as of {D}, window {W_START}..{D}; year earlier {D_PRIOR} (window from "
      f"{D_PRIOR - dt.timedelta(days=W_DAYS - 1)}); orders from {min(o['at'] for o in orders).date()}")
print(f"products {len(products)} ({sum(1 for p in products if p['lead'] is not None)} with a lead time), "
      f"order lines {len(order_rows)} ({len(orders)} orders, {len(return_orders)} returns), "
      f"stock lots {len(stock_rows)}, traffic rows {len(traffic_rows)}")
headline("now (W)", now)
headline(f"a year earlier ({D_PRIOR})", prior)
print(f"revenue growth on the year earlier {pct(now['rev'] / prior['rev'] - 1)}")
print("monthly trend (month: net revenue, high / mid / low share of revenue, gross margin, "
      "high-tier repurchase):")
for m in MONTHS[-12:]:
    end = month_end(m)
    k = kpis(end, end.day)
    print(f"  {m[0]}-{m[1]:02d}: {money(k['rev']):>10s}  high {pct(k['share']['high']):>6s}  "
          f"mid {pct(k['share']['mid']):>6s}  low {pct(k['share']['low']):>6s}  "
          f"margin {pct(k['gm']):>6s}  high repurchase {pct(k['high_repurchase'])}")
print("tier SKU count: " + ", ".join(f"{t} {v}" for t, v in sorted(tier_count.items())))
print(f"high-category SKUs not high: {off_tier}; mid-category SKUs not mid: {off_mid}")
print(f"new-product conversion {pct(new_buyers / max(1, new_visitors))} ({new_buyers} buyers / "
      f"{new_visitors} visitors)")
print(f"BOGO cash {money(bogo_cash)} (target {money(bogo_target)}), units {bogo_units}, "
      f"margin {pct(bogo_gp / bogo_cash)}")
print(f"aroma set units Jul {aroma_jul}, Aug {aroma_aug}; glasses lens Sep revenue {money(lens_sep)}")
print(f"band-accessories cover {ba_on / ba_vel:.1f} days (on hand {ba_on}, {ba_vel:.1f}/day)")
print(f"capital tied up {money(capital)}, portfolio turnover {capital / (now['cogs'] / W_DAYS):.1f} days; "
      f"slow movers {slow_n}, best sellers {best_n}")
print(f"slow SKUs never sold {never}; no sale in 30+ days {len(stale30)}")
print("batches: " + "; ".join(f"{n.split()[-1]} target {money(t)}" for n, c, a, b, l, t, s in batches))
for cat in CATEGORIES:
    r = sum(v for s, v in sku_rev.items() if s in by_sku and by_sku[s]["category"] == cat)
    g = sum(v for s, v in now["sku_gp"].items() if s in by_sku and by_sku[s]["category"] == cat)
    print(f"  {cat:17s} revenue {pct(r / now['rev']):>7s}  margin {pct(g / r) if r else '-':>7s}")
total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR) if f.endswith(".csv"))
print(f"total CSV size {total} bytes")
