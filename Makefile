# dman: the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
APT_PACKAGES := pkg-config libmagickwand-dev libpng-dev zlib1g-dev libjpeg-dev libjpeg62-turbo-dev libopenblas-dev
SWIFT ?= swift
DEMO_OUT ?= demo-out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test bench clean

## Installs the Debian packages dman links against, when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product dman

## Builds dman and runs the whole pipeline on a generated demo set.
demo: build
	.build/release/dman demo -o $(DEMO_OUT)

## Runs every test (Swift Testing and XCTest) in release mode: the GAN and
## image tests are compute-bound and take minutes in debug builds.
test: deps
	$(SWIFT) build -c release --build-tests
	$(SWIFT) test -c release --skip-build

clean:
	rm -rf .build $(DEMO_OUT)
