#!/usr/bin/env python3
"""Writes src/main/resources/demo/jiaozuo.json: a plausible, synthetic demo city.

Jiaozuo (焦作) with its five districts. 中站区 gets what the 2024 seed reports for it: 16 school-safety
posts, 10 fruit guidance zones, 10 temporary convenience sales points, 1 service station and the
许衡广场 night market. Places are scattered around real district centres (GCJ-02) with a fixed seed,
so the file is the same on every run. Every listing is marked demo: it is not real data.

    python3 backend/tools/generate-demo-city.py
"""
import json
import math
import pathlib
import random

rng = random.Random(20241001)

DISTRICTS = {
    "解放区": dict(centre=(35.2405, 113.2265), spread=2600,
                subdistricts=["焦南街道", "焦西街道", "焦北街道", "七百间街道", "新华街道", "民生街道", "王褚街道", "上白作街道"]),
    "中站区": dict(centre=(35.2372, 113.1790), spread=3200,
                subdistricts=["冯封街道", "李封街道", "王封街道", "朱村街道", "府城街道", "龙洞街道", "月山街道", "许衡街道"]),
    "马村区": dict(centre=(35.2568, 113.3225), spread=3000,
                subdistricts=["马村街道", "待王街道", "九里山街道", "冯营街道", "演马街道", "武王街道", "安阳城街道"]),
    "山阳区": dict(centre=(35.2125, 113.2605), spread=2800,
                subdistricts=["光亚街道", "百间房街道", "东方红街道", "定和街道", "焦东街道", "艺新街道", "中星街道", "新城街道"]),
    "示范区": dict(centre=(35.1905, 113.2850), spread=3000,
                subdistricts=["文苑街道", "阳庙镇", "宁郭镇", "苏家作乡"]),
}
ROADS = ["人民路", "解放路", "民主路", "塔南路", "建设路", "丰收路", "山阳路", "迎宾路", "太行路", "焦东路",
         "站前路", "工业路", "新园路", "和平街", "民生路", "中原路", "世纪路", "南通路", "龙源路", "普济路",
         "文昌路", "映湖路", "友谊路", "健康路", "北环路", "东环路", "学生路", "焦作路", "冯营路", "许衡街"]
SCHOOL_STEMS = ["实验", "育英", "光明", "朝阳", "新华", "育才", "东方", "团结", "和平", "民主", "红旗", "建设",
                "解放", "人民", "春晖", "博文", "明德", "启智", "阳光", "文昌", "太行", "龙源", "映湖", "青年"]
SCHOOL_KINDS = ["小学", "小学", "小学", "中学", "实验学校", "幼儿园"]
STATION_SERVICES = ["政策咨询", "投诉受理", "法律宣传", "便民维修工具借用", "饮水休息", "应急药箱", "手机充电", "失物招领"]


def point(district, max_metres=None):
    lat0, lng0 = DISTRICTS[district]["centre"]
    spread = max_metres or DISTRICTS[district]["spread"]
    r = spread * math.sqrt(rng.random())
    theta = rng.random() * 2 * math.pi
    dlat = r * math.cos(theta) / 111_320
    dlng = r * math.sin(theta) / (111_320 * math.cos(math.radians(lat0)))
    return {"lat": round(lat0 + dlat, 6), "lng": round(lng0 + dlng, 6)}


def address(district):
    return f"焦作市{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def phone():
    return f"0391-{rng.randint(2000000, 8999999)}"


def common(prefix, n, district, name):
    return {"id": f"demo-{prefix}-{n:03d}", "name": name, "address": address(district), "district": district,
            "subdistrict": rng.choice(DISTRICTS[district]["subdistricts"]), "location": point(district),
            "phone": phone(), "demo": True}


def weekly(ranges, days=("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")):
    return {d: ranges for d in days}


counters = {"st": 0, "vz": 0, "sp": 0}


def next_id(prefix):
    counters[prefix] += 1
    return counters[prefix]


def station(district, subdistrict=None):
    sub = subdistrict or rng.choice(DISTRICTS[district]["subdistricts"])
    s = common("st", next_id("st"), district, f"{sub}社区城管服务站")
    s["subdistrict"] = sub
    hours = weekly(["08:30-12:00", "14:00-17:30"], ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
    if rng.random() < 0.6:
        hours["SATURDAY"] = ["09:00-12:00"]
    s["hours"] = hours
    s["closures"] = [{"from": "2026-10-01", "to": "2026-10-08", "reason": "国庆节"},
                     {"from": "2027-01-01", "to": "2027-01-03", "reason": "元旦"}]
    s["services"] = ["投诉受理", "政策咨询"] + rng.sample(STATION_SERVICES[2:], 3)
    return s


def zone(district, kind, name=None):
    z = common("vz", next_id("vz"), district, name or "")
    road = rng.choice(ROADS)
    if kind == "FRUIT":
        z["name"] = name or f"{road}瓜果疏导区"
        z["hours"] = weekly(["06:00-22:00"])
        z["season"] = rng.choice(["06-01..09-30", "05-20..09-30", "06-15..10-15"])
        z["goods"] = ["西瓜", "甜瓜", "桃", "葡萄"] if rng.random() < 0.5 else ["西瓜", "甜瓜", "山药", "怀菊花"]
        z["stalls"] = rng.randint(8, 30)
    elif kind == "CONVENIENCE":
        z["name"] = name or f"{road}临时便民销售点"
        z["hours"] = weekly(["06:30-10:00", "16:30-21:00"])
        z["season"] = None
        z["goods"] = ["蔬菜", "水果", "日用百货"]
        z["stalls"] = rng.randint(6, 20)
    elif kind == "BREAKFAST":
        z["name"] = name or f"{road}早餐车点"
        z["hours"] = weekly(["06:00-09:30"])
        z["season"] = None
        z["goods"] = ["包子", "豆浆", "胡辣汤", "油条"]
        z["stalls"] = rng.randint(2, 6)
    else:
        z["name"] = name or f"{road}夜市"
        z["hours"] = weekly(["18:00-24:00"], ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "SUNDAY"))
        z["hours"].update(weekly(["18:00-01:00"], ("FRIDAY", "SATURDAY")))
        z["season"] = "04-01..10-31"
        z["goods"] = ["小吃", "饮品", "文创", "烧烤(须配油烟净化)"]
        z["stalls"] = rng.randint(40, 120)
    z["kind"] = kind
    return z


def school_post(district):
    kind = rng.choice(SCHOOL_KINDS)
    school = f"{district[:-1]}{rng.choice(SCHOOL_STEMS)}{kind}"
    p = common("sp", next_id("sp"), district, f"{school}护学岗")
    p["schoolName"] = school
    morning = rng.choice(["07:00-07:50", "07:10-08:00", "07:20-08:10"])
    noon = rng.choice([["11:30-12:10"], []])
    afternoon = rng.choice(["16:30-17:30", "17:00-17:50", "17:20-18:10"])
    p["dutyWindows"] = [morning] + noon + [afternoon]
    p["dutyUnit"] = f"{district}城市管理局执法{rng.choice(['一', '二', '三', '四'])}中队"
    return p


stations, zones, posts = [], [], []
# 中站区, as in the 2024 seed
stations.append(station("中站区", "许衡街道"))
zones += [zone("中站区", "FRUIT") for _ in range(10)]
zones += [zone("中站区", "CONVENIENCE") for _ in range(10)]
xuheng = zone("中站区", "NIGHT_MARKET", "许衡文化广场夜市")
xuheng["location"] = {"lat": 35.2391, "lng": 113.1857}
xuheng["subdistrict"] = "许衡街道"
zones.append(xuheng)
posts += [school_post("中站区") for _ in range(16)]
# the other four districts: tens of places each
for district in ["解放区", "马村区", "山阳区", "示范区"]:
    subs = DISTRICTS[district]["subdistricts"]
    stations += [station(district, sub) for sub in rng.sample(subs, min(6, len(subs)))]
    zones += [zone(district, "FRUIT") for _ in range(12)]
    zones += [zone(district, "CONVENIENCE") for _ in range(12)]
    zones += [zone(district, "BREAKFAST") for _ in range(8)]
    zones += [zone(district, "NIGHT_MARKET") for _ in range(2)]
    posts += [school_post(district) for _ in range(28)]

# unique school names: a real city would not have two schools of one name in a district
seen = {}
for p in posts:
    n = seen.get(p["schoolName"], 0)
    seen[p["schoolName"]] = n + 1
    if n:
        p["schoolName"] = p["schoolName"].replace(p["schoolName"][-2:], f"第{'二三四五六七八九'[n - 1]}{p['schoolName'][-2:]}", 1)
        p["name"] = p["schoolName"] + "护学岗"

out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/demo/jiaozuo.json"
out.write_text(json.dumps({"stations": stations, "vendingZones": zones, "schoolPosts": posts},
                          ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{out}: {len(stations)} stations, {len(zones)} vending zones, {len(posts)} school posts")
