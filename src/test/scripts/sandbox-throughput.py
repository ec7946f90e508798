# Rough throughput of the bridge against the standalone sandbox: seed N returns, start the bridge (its
# own process, live mode), time until every sellable unit is in Sitoo. Not part of the test suite.
# Usage: mvn -B package -DskipTests && python3 src/test/scripts/sandbox-throughput.py 1000
# The Sitoo rate limit is the bridge's default (10 requests/s) unless BRIDGE_SITOO_RATE_LIMIT is set.
import json, os, subprocess, sys, time, urllib.request, uuid, random, tempfile
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "target", "reveni-sitoo-bridge.jar")
PROJECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
SP, BP = 18189, 18180
def req(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    r = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=timeout) as resp:
        t = resp.read().decode()
        return json.loads(t) if t.strip() else None
sb = subprocess.Popen(["java", "-cp", JAR, "-Dloader.main=org.returnsbridge.sandbox.SandboxMain",
    "org.springframework.boot.loader.launch.PropertiesLauncher", f"--port={SP}", "--trickle=false"],
    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
for line in sb.stdout:
    if line.startswith("SANDBOX READY"): break
admin = f"http://127.0.0.1:{SP}/sandbox"
rnd = random.Random(7)
skus = ["10038-1","10038-2","10038-3","20417-S","20417-M","20417-L","30112-38","30112-39","30112-40","40001-1"]
locs = ["store-stockholm-01","store-goteborg-01","dc-boras"]
lines = 0; sellable_units = 0
t0 = time.time()
for i in range(N):
    rid = uuid.uuid4().hex
    items = []
    for j in range(rnd.choice([1,1,2,3])):
        cond = rnd.choices(["sellable","damaged","unsellable"], [70,20,10])[0]
        q = rnd.choice([1,1,1,2])
        if cond == "sellable": sellable_units += q
        items.append({"id": uuid.uuid4().hex, "sku": rnd.choice(skus), "quantity": q, "return_reason": "changed_mind",
                      "status": "accepted", "condition": cond, "exchange": None, "reject_reason": None})
    lines += len(items)
    req("PUT", f"{admin}/reveni/returns/{rid}", {"id": rid, "status": "accepted", "type": "refund",
        "return_location": {"id": rnd.choice(locs)}, "return_items": items, "refunds": []})
print(f"seeded {N} returns / {lines} lines / {sellable_units} sellable units in {time.time()-t0:.1f}s", flush=True)
data = tempfile.mkdtemp()
env = dict(os.environ, REVENI_BASE_URL=f"http://127.0.0.1:{SP}/reveni/merchants/v0", REVENI_API_KEY="sandbox-reveni-key",
    REVENI_STORE_ID="3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c", SITOO_BASE_URL=f"http://127.0.0.1:{SP}/sitoo/v2/accounts/90316",
    SITOO_API_ID="90316-1", SITOO_API_PASSWORD="sandbox-sitoo-password", SERVER_PORT=str(BP),
    SPRING_DATASOURCE_URL=f"jdbc:h2:file:{data}/bridge", BRIDGE_POLL_CRON="0/1 * * * * ?",
    BRIDGE_ADMIN_USERNAME="ops", BRIDGE_ADMIN_PASSWORD="throughput-run", BRIDGE_SITOO_RATE_LIMIT=os.environ.get("BRIDGE_SITOO_RATE_LIMIT", "10"))
log = open(f"{data}/bridge.log", "w")
start = time.time()
br = subprocess.Popen(["java", "-jar", JAR], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
first = None
try:
    while True:
        time.sleep(1)
        txs = req("GET", f"{admin}/sitoo/warehousetransactions")
        if txs and first is None: first = time.time()
        units = sum(float(level["decimaltotal"]) for level in req("GET", f"{admin}/sitoo/stock"))
        if units >= sellable_units: break
        if time.time() - start > 600: print("timeout"); break
    end = time.time()
    calls = req("GET", f"{admin}/calls")
    print(f"all {sellable_units} sellable units restocked; {len(txs)} transactions")
    print(f"from bridge start: {end-start:.1f}s; from first stock-in: {end-first:.1f}s "
          f"=> {N/(end-first):.1f} returns/s, {lines/(end-first):.1f} lines/s")
    print("sitoo calls:", {k: v for k, v in calls.items() if k.startswith("sitoo")})
    time.sleep(3)
    txs = req("GET", f"{admin}/sitoo/warehousetransactions")
    units = sum(float(level["decimaltotal"]) for level in req("GET", f"{admin}/sitoo/stock"))
    print(f"3 s later: {len(txs)} transactions, {units} units (expected {sellable_units})")
finally:
    br.kill(); sb.kill()
