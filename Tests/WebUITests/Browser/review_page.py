#!/usr/bin/env python3
"""Drives dman's review page in headless Chromium (Debian's chromium + chromium-driver), by keys only.

usage: review_page.py URL reject|restore [SCREENSHOT.png]
  reject:  focuses the first family tile and presses X (the whole family), then → to the second family,
           Enter to expand it, → → to its second picture and X (that picture only)
  restore: focuses the first family tile and presses R
Waits for each answer (the files have moved when it comes), prints JSON {"statuses": [...], "counts": text}
and saves a screenshot when asked.
"""
import json, sys
import headless
from headless import wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def main(url, phase, shot=None):
    drv = headless.browser()
    statuses = []

    def press(*keys, expect=None):
        n = drv.execute_script("return state.changes")
        body = drv.find_element(By.TAG_NAME, "body")
        for k in keys:
            body.send_keys(k)
        if expect:
            wait(drv, f"return state.changes > {n}")
            statuses.append(drv.find_element(By.ID, "status").text)

    try:
        drv.get(url)
        wait(drv, "return document.querySelectorAll('[data-testid=review-tile]').length > 0")
        drv.find_elements(By.CSS_SELECTOR, '[data-testid="review-tile"][data-kind="family"]')[0].click()
        if phase == "reject":
            press("x", expect=True)
            press(Keys.ARROW_RIGHT, Keys.ENTER, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
            press("x", expect=True)
        else:
            press("r", expect=True)
        wait(drv, "return [...document.images].every((i) => i.complete)")
        if shot:
            drv.save_screenshot(shot)
        print(json.dumps({"statuses": statuses, "counts": drv.find_element(By.ID, "counts").text}))
    finally:
        drv.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
