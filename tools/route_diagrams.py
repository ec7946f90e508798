#!/usr/bin/python3
"""Screenshots of Hawtio's Camel route diagrams, one PNG per route, cropped to the diagram.

Run by tools/capture-route-diagrams.sh, which starts the bridge it points this at. Needs Debian's
chromium, chromium-driver and python3-selenium (Selenium 4.8 or later; no driver is downloaded).

Reads the operator account from BRIDGE_ADMIN_USERNAME / BRIDGE_ADMIN_PASSWORD (the environment only, so
the password is neither in a file nor in the process list) and signs in the way an operator may: an
address with the credentials in it, which the bridge's /hawtio-sign-in.js reopens without them.

Hawtio 4.3.0 draws a route with React Flow, fitted into the pane (zoom between 0.5 and 2), so a long
route comes out too small to read in a window of ordinary size. Each route is therefore drawn twice:
once to measure it, then again in a viewport sized so that the fit lands on --zoom.
"""

import argparse
import base64
import os
import sys
import tempfile
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

# Hawtio 4.3.0 (PatternFly 5, React Flow 11) markup this script depends on; a Hawtio upgrade that
# renames any of these makes the waits below time out with the name of what was not found.
TREE_NODE = "//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()=$name]"
TAB = "//nav[@aria-label='Camel Nav']//a[normalize-space()=$name]"
DIAGRAM_TAB = "Route Diagram"
OTHER_TAB = "Source"  # any tab a route has: leaving and reopening the diagram draws and fits it again
REACT_FLOW_PANE = ".camel-route-diagram .react-flow"
# Hawtio draws the nodes first and adds each step's counters when its statistics arrive (every 2 s).
NODE_COUNTER = ".camel-node-content .inflights"

# React Flow fits the diagram with a padding of 0.1 (its size times 1.1 must fit the pane), plus a little
# for rounding, so the fit lands just above the zoom asked for.
FIT_ALLOWANCE = 1.12
CROP_MARGIN = 16

# What the diagram looks like right now: compared between polls to see it has settled.
DIAGRAM_STATE_JS = """
const pane = document.querySelector(arguments[0]);
if (!pane) { return null; }
const viewport = pane.querySelector('.react-flow__viewport');
const nodes = [...pane.querySelectorAll('.react-flow__node')];
const drawn = nodes.filter(n => getComputedStyle(n).visibility === 'visible'
    && n.getBoundingClientRect().width > 0);
const rects = drawn.map(n => n.getBoundingClientRect())
    .concat([...pane.querySelectorAll('.react-flow__edge-path')].map(p => p.getBoundingClientRect()));
const box = rects.length === 0 ? null : {
  left: Math.min(...rects.map(r => r.left)), top: Math.min(...rects.map(r => r.top)),
  right: Math.max(...rects.map(r => r.right)), bottom: Math.max(...rects.map(r => r.bottom))};
const counted = [...pane.querySelectorAll(arguments[1])].filter(c => c.textContent.trim() !== '').length;
const paneRect = pane.getBoundingClientRect();
const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
return {nodes: nodes.length, drawn: drawn.length, counted: counted, edges: pane.querySelectorAll('.react-flow__edge').length,
        transform: viewport ? viewport.style.transform : '', text: pane.innerText, zoom: zoom, box: box,
        pane: {left: paneRect.left, top: paneRect.top, width: paneRect.width, height: paneRect.height},
        viewport: {width: window.innerWidth, height: window.innerHeight}};
"""


def xpath(template, name):
    """Fills $name into an XPath with a string literal (route ids here never hold both quote kinds)."""
    literal = "'" + name + "'" if "'" not in name else '"' + name + '"'
    return template.replace("$name", literal)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True, help="the bridge, e.g. http://127.0.0.1:8080")
    parser.add_argument("--out-dir", required=True, help="where route-diagram-<route>.png files go")
    parser.add_argument("--zoom", type=float, default=1.5, help="React Flow zoom to draw at (0.5 to 2)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for any one step")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("routes", nargs="+", help="Camel route ids")
    args = parser.parse_args()
    if not 0.5 <= args.zoom <= 2:
        parser.error("--zoom must be between 0.5 and 2 (React Flow's limits), not %g" % args.zoom)
    return args


def operator_account():
    user = os.environ.get("BRIDGE_ADMIN_USERNAME", "")
    password = os.environ.get("BRIDGE_ADMIN_PASSWORD", "")
    if not user or not password:
        sys.exit("route_diagrams.py: set BRIDGE_ADMIN_USERNAME and BRIDGE_ADMIN_PASSWORD (the operator account)")
    return user, password


def start_browser(args, profile_dir):
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--disable-gpu", "--no-first-run", "--window-size=1600,1000",
                 "--user-data-dir=" + profile_dir):
        options.add_argument(flag)
    # The driver's own log would hold the sign-in address: keep it nowhere.
    return webdriver.Chrome(service=Service(args.chromedriver, log_path=os.devnull), options=options)


def sign_in(driver, args, wait):
    user, password = operator_account()
    base = urllib.parse.urlsplit(args.base_url)
    netloc = "%s:%s@%s" % (urllib.parse.quote(user, safe=""), urllib.parse.quote(password, safe=""), base.netloc)
    driver.get(urllib.parse.urlunsplit((base.scheme, netloc, "/actuator/hawtio/camel", "", "")))
    # Positive signal: Hawtio could read the Camel context through Jolokia, so the sign-in worked (a page
    # still at the address with credentials can make no request at all and shows an empty tree).
    wait.until(ec.presence_of_element_located((By.XPATH, xpath(TREE_NODE, "routes"))),
               "the routes in Hawtio's Camel tree (signed in? is the Camel context up?)")


def settled_diagram(driver, timeout, route):
    """Polls the diagram until it is drawn with its statistics and has not changed for three polls in a row."""
    history = []

    def settled(d):
        state = d.execute_script(DIAGRAM_STATE_JS, REACT_FLOW_PANE, NODE_COUNTER)
        if (not state or state["nodes"] == 0 or state["drawn"] < state["nodes"] or state["box"] is None
                or state["counted"] == 0):
            history.clear()
            return False
        history.append((state["nodes"], state["edges"], state["transform"], state["text"]))
        return state if len(history) >= 3 and len(set(history[-3:])) == 1 else False

    return WebDriverWait(driver, timeout, poll_frequency=0.3).until(
        settled, "route %s's diagram to be drawn and settle" % route)


def open_tab(driver, wait, route, tab):
    wait.until(ec.element_to_be_clickable((By.XPATH, xpath(TAB, tab))), "the %s tab of route %s" % (tab, route)).click()


def open_diagram(driver, wait, route):
    wait.until(ec.element_to_be_clickable((By.XPATH, xpath(TREE_NODE, route))),
               "route %s in Hawtio's Camel tree" % route).click()
    open_tab(driver, wait, route, DIAGRAM_TAB)


def redraw_diagram(driver, wait, route):
    """Leaves the diagram and opens it again, so that React Flow fits it into the current viewport."""
    open_tab(driver, wait, route, OTHER_TAB)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, REACT_FLOW_PANE), "the diagram to close")
    open_tab(driver, wait, route, DIAGRAM_TAB)


def size_viewport_for(driver, state, zoom):
    """Sets the viewport so that React Flow's fit of this diagram comes out at the given zoom."""
    box, pane, viewport = state["box"], state["pane"], state["viewport"]
    natural_width = (box["right"] - box["left"]) / state["zoom"]
    natural_height = (box["bottom"] - box["top"]) / state["zoom"]
    width = max(1600, viewport["width"] - pane["width"] + natural_width * zoom * FIT_ALLOWANCE)
    height = max(900, viewport["height"] - pane["height"] + natural_height * zoom * FIT_ALLOWANCE)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": int(width), "height": int(height), "deviceScaleFactor": 1, "mobile": False})


def save_cropped(driver, state, path):
    box = state["box"]
    clip = {"x": max(0, box["left"] - CROP_MARGIN), "y": max(0, box["top"] - CROP_MARGIN),
            "width": box["right"] - box["left"] + 2 * CROP_MARGIN,
            "height": box["bottom"] - box["top"] + 2 * CROP_MARGIN, "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    return int(clip["width"]), int(clip["height"])


def capture(driver, args, wait, route):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    started = time.monotonic()
    open_diagram(driver, wait, route)
    measured = settled_diagram(driver, args.timeout, route)
    size_viewport_for(driver, measured, args.zoom)
    redraw_diagram(driver, wait, route)
    state = settled_diagram(driver, args.timeout, route)
    path = os.path.join(args.out_dir, "route-diagram-%s.png" % route)
    width, height = save_cropped(driver, state, path)
    print("%s: %d nodes, %d edges, zoom %.2f, %dx%d px, %.1f s -> %s" % (
        route, state["nodes"], state["edges"], state["zoom"], width, height, time.monotonic() - started, path))
    if state["zoom"] < args.zoom - 0.05:
        print("%s: drawn smaller than asked (zoom %.2f): the viewport could not grow enough" % (route, state["zoom"]))


def main():
    args = parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="route-diagrams-chromium-") as profile_dir:
        driver = start_browser(args, profile_dir)
        try:
            wait = WebDriverWait(driver, args.timeout)
            sign_in(driver, args, wait)
            for route in args.routes:
                capture(driver, args, wait, route)
        except TimeoutException as timeout:
            sys.exit("route_diagrams.py: gave up after %gs waiting for %s (a Hawtio upgrade? see the selectors"
                     " at the top of tools/route_diagrams.py)" % (args.timeout, timeout.msg))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
