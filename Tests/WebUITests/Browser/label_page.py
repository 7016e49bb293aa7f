#!/usr/bin/env python3
"""Drives dman's label page in headless Chromium (Debian's chromium + chromium-driver).

usage: label_page.py URL SCREENSHOT.png [INDEX X0 Y0 X1 Y1]
Draws one box by mouse (by default from 25 %/30 % of the first picture, 90×60 screen px; or on picture
INDEX from fraction (X0, Y0) to (X1, Y1) of it, as used for the README screenshot) on data-testid=label-stage, nudges it with the keys
(→ ×3, Shift+↓ once), waits for the autosave, saves a screenshot, undoes the last nudge (Ctrl+Z),
and prints JSON {"drawn": box, "nudged": box, "undone": box, "status": text} on stdout.
Exit 3 means selenium or the browser is missing (the Swift test then skips).
"""
import json, sys
try:
    from headless import browser, wait
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError as e:
    print(f"selenium missing: {e}", file=sys.stderr); sys.exit(3)


def main(url, shot, where=None):
    drv = browser()
    try:
        drv.get(url)
        wait(drv, "return state.timings.length >= 1 && state.settings")
        if where:
            drv.execute_script(f"show({int(where[0])})")
            wait(drv, "return state.timings.length >= 2")
        stage = drv.find_element(By.CSS_SELECTOR, '[data-testid="label-stage"]')
        rect = stage.rect
        if where:
            x0, y0, x1, y1 = (float(v) for v in where[1:5])
            dx, dy = (x1 - x0) * rect["width"], (y1 - y0) * rect["height"]
            ActionChains(drv).move_to_element_with_offset(stage, (x0 - 0.5) * rect["width"], (y0 - 0.5) * rect["height"]) \
                .click_and_hold().move_by_offset(dx / 3, dy / 3).move_by_offset(dx - dx / 3, dy - dy / 3).release().perform()
        else:
            ActionChains(drv).move_to_element_with_offset(stage, -rect["width"] * 0.25, -rect["height"] * 0.2) \
                .click_and_hold().move_by_offset(30, 20).move_by_offset(60, 40).release().perform()
        wait(drv, "return document.getElementById('status').textContent === 'saved'")
        drawn = drv.execute_script("return JSON.parse(JSON.stringify(state.boxes[0]))")
        body = drv.find_element(By.TAG_NAME, "body")
        for _ in range(3):
            body.send_keys(Keys.ARROW_RIGHT)
        ActionChains(drv).key_down(Keys.SHIFT).send_keys(Keys.ARROW_DOWN).key_up(Keys.SHIFT).perform()
        wait(drv, "return state.revision >= 5 && document.getElementById('status').textContent === 'saved'")
        nudged = drv.execute_script("return JSON.parse(JSON.stringify(state.boxes[0]))")
        preview = drv.find_element(By.CSS_SELECTOR, '[data-testid="crop-preview"]')
        wait(drv, "return document.getElementById('pad').textContent.length > 0")
        drv.save_screenshot(shot)
        # Ctrl+Z takes back the last nudge, and that is saved too.
        ActionChains(drv).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait(drv, "return state.revision >= 6 && document.getElementById('status').textContent === 'saved'")
        undone = drv.execute_script("return JSON.parse(JSON.stringify(state.boxes[0]))")
        print(json.dumps({"drawn": drawn, "nudged": nudged, "undone": undone, "status": drv.find_element(By.ID, "status").text,
                          "preview": preview.size, "pad": drv.find_element(By.ID, "pad").text}))
    finally:
        drv.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:8] if len(sys.argv) >= 8 else None)
