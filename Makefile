# Builds mimeo. `make` builds ./mimeo; `make release` builds the release
# binaries in dist/, with the version stamped (mimeo --version shows it).

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GO ?= go
LDFLAGS := -s -w -X main.version=$(VERSION)
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64

.PHONY: build test release install clean

build:
	$(GO) build -buildvcs=auto -trimpath -ldflags "$(LDFLAGS)" -o mimeo ./cmd/mimeo

test:
	$(GO) test ./...

install:
	$(GO) install -buildvcs=auto -trimpath -ldflags "$(LDFLAGS)" ./cmd/mimeo

# dist/mimeo-VERSION-OS-ARCH[.exe] and their SHA-256 sums. Pure Go: no C
# toolchain is needed for any platform.
release:
	@mkdir -p dist
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/mimeo-$(VERSION)-$$os-$$arch$$ext; \
		echo "$$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -buildvcs=auto -trimpath -ldflags "$(LDFLAGS)" -o $$out ./cmd/mimeo; \
	done
	cd dist && sha256sum mimeo-$(VERSION)-* > SHA256SUMS-$(VERSION)

clean:
	rm -f mimeo
	rm -f dist/mimeo-* dist/SHA256SUMS-*
