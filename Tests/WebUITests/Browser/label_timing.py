#!/usr/bin/env python3
"""Times dman's label page in headless Chromium: first page and picture switches.

usage: label_timing.py URL [SWITCHES]
Opens URL in a fresh browser (empty HTTP cache) and prints JSON:
  first_page_ms  navigation start → first picture painted (performance.now() at the first frame after it is shown)
  next_ms        each → press (the next pictures are preloaded): key event → picture painted
  jump_ms        show(i) for pictures far from the current one (not preloaded)
Each switch waits for the previous one to finish, then 150 ms (a person's pace; preloads and
thumbnails land in that time). Not a unit test: run by hand, figures go in the notes.
"""
import json, random, statistics, sys, time
import headless
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def wait(drv, script, timeout=20):
    return headless.wait(drv, script, timeout, poll=0.01)


def summary(xs):
    xs = sorted(xs)
    return {"n": len(xs), "median": round(statistics.median(xs), 1), "p90": round(xs[int(0.9 * (len(xs) - 1))], 1),
            "max": round(xs[-1], 1)}


def main(url, switches):
    drv = headless.browser()
    try:
        drv.get(url)
        wait(drv, "return state.timings.length >= 1")
        first = drv.execute_script("return state.timings[0].at")
        body = drv.find_element(By.TAG_NAME, "body")
        nexts = []
        for k in range(switches):
            n = drv.execute_script("return state.timings.length")
            time.sleep(0.15)   # a person's pace: leaves the preloads time to land
            body.send_keys(Keys.ARROW_RIGHT)
            wait(drv, f"return state.timings.length > {n}")
            nexts.append(drv.execute_script("return state.timings[state.timings.length - 1].ms"))
        rng = random.Random(1)
        total = drv.execute_script("return state.pictures.length")
        jumps = []
        for k in range(switches):
            n = drv.execute_script("return state.timings.length")
            i = rng.randrange(total)
            time.sleep(0.15)
            drv.execute_script(f"show({i})")
            wait(drv, f"return state.timings.length > {n}")
            jumps.append(drv.execute_script("return state.timings[state.timings.length - 1].ms"))
        print(json.dumps({"pictures": total, "first_page_ms": round(first, 1), "next_ms": summary(nexts),
                          "jump_ms": summary(jumps)}))
    finally:
        drv.quit()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
