"""What the browser scripts share: headless Chromium through Debian's chromium-driver, and a polling wait."""
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser(window="1280,860"):
    """A headless Chromium (the same flags for every script)."""
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={window}", "--disable-dev-shm-usage"):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def wait(drv, script, timeout=10, poll=0.05):
    """Polls `script` in the page until it returns something truthy, and returns that."""
    end = time.time() + timeout
    while time.time() < end:
        v = drv.execute_script(script)
        if v:
            return v
        time.sleep(poll)
    raise TimeoutError(script)
