# blwatch: build and install. docs/INSTALL.md walks through it.
#
#   make                      release build (swift build -c release --static-swift-stdlib)
#   sudo make install         binary, lists.json, man page, completions, systemd units, example config
#   sudo make uninstall       removes them again (a changed /etc/blwatch/blwatch.yaml stays)
#
# PREFIX (default /usr/local) and DESTDIR (staging root, for packages) work as usual. The binary
# finds lists.json at $(BINDIR)/../share/blwatch, so keep BINDIR and DATADIR under one PREFIX.
# BINARY=path installs that binary instead of the release build, and builds nothing (the tests
# install a debug build this way). The man page needs python3 (scripts/make-man).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/blwatch
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/blwatch
SYSCONFDIR ?= /etc
# systemd reads units from /usr/local/lib/systemd/system (and /usr/lib/... for PREFIX=/usr):
# packages and `make install` put theirs there, the administrator's overrides go to /etc.
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
# Where bash-completion, zsh (Debian's fpath) and fish look for locally installed completions.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

SWIFT ?= swift
PYTHON ?= python3
# The Swift runtime linked in: the installed binary needs no Swift toolchain on the server, and it
# starts without resolving a dozen shared libraries (deploy/Dockerfile builds it the same way).
SWIFTFLAGS ?= --static-swift-stdlib
RELEASE_BINARY := .build/release/blwatch
BINARY ?=
INSTALL_BINARY := $(if $(BINARY),$(BINARY),$(RELEASE_BINARY))

CONFIG := $(DESTDIR)$(SYSCONFDIR)/blwatch/blwatch.yaml

.PHONY: all build install uninstall

all: build

build:
	$(SWIFT) build -c release $(SWIFTFLAGS)

# Without BINARY, `sudo make install` after `make` installs the existing release build and runs
# no compiler as root; it builds only when there is none yet.
$(RELEASE_BINARY):
	$(SWIFT) build -c release $(SWIFTFLAGS)

install: $(INSTALL_BINARY)
	@command -v $(PYTHON) >/dev/null || { echo "make install needs $(PYTHON) for the man page (apt-get install python3)" >&2; exit 1; }
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 $(INSTALL_BINARY) $(DESTDIR)$(BINDIR)/blwatch
	install -m 0644 lists.json $(DESTDIR)$(DATADIR)/lists.json
# The man page and completions come from the binary being installed, so they always match it.
	$(PYTHON) scripts/make-man $(INSTALL_BINARY) > $(DESTDIR)$(MANDIR)/man1/blwatch.1.tmp
	mv $(DESTDIR)$(MANDIR)/man1/blwatch.1.tmp $(DESTDIR)$(MANDIR)/man1/blwatch.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/blwatch.1
	$(INSTALL_BINARY) --generate-completion-script bash > $(DESTDIR)$(BASHCOMPDIR)/blwatch
	$(INSTALL_BINARY) --generate-completion-script zsh > $(DESTDIR)$(ZSHCOMPDIR)/_blwatch
	$(INSTALL_BINARY) --generate-completion-script fish > $(DESTDIR)$(FISHCOMPDIR)/blwatch.fish
	chmod 0644 $(DESTDIR)$(BASHCOMPDIR)/blwatch $(DESTDIR)$(ZSHCOMPDIR)/_blwatch $(DESTDIR)$(FISHCOMPDIR)/blwatch.fish
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' deploy/blwatch.service.in > $(DESTDIR)$(SYSTEMDUNITDIR)/blwatch.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/blwatch.service
	install -m 0644 deploy/blwatch.timer $(DESTDIR)$(SYSTEMDUNITDIR)/blwatch.timer
	sed -e 's|^PATH=/usr/local/bin:|PATH=$(BINDIR):|' deploy/blwatch.cron > $(DESTDIR)$(DOCDIR)/blwatch.cron
	chmod 0644 $(DESTDIR)$(DOCDIR)/blwatch.cron
	install -m 0644 deploy/blwatch.example.yaml $(DESTDIR)$(DOCDIR)/blwatch.example.yaml
	install -m 0644 docs/INSTALL.md $(DESTDIR)$(DOCDIR)/INSTALL.md
# An operator's configuration is never overwritten. Mode 0640: it may hold a DQS key.
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/blwatch
	@if [ -e $(CONFIG) ]; then \
		echo "kept $(CONFIG) (the example is in $(DOCDIR)/blwatch.example.yaml)"; \
	else \
		install -m 0640 deploy/blwatch.example.yaml $(CONFIG) && echo "installed $(CONFIG): edit it (blwatch init writes one for this machine)"; \
	fi
	@echo "next: blwatch config check, then: systemctl daemon-reload && systemctl enable --now blwatch.timer"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/blwatch $(DESTDIR)$(DATADIR)/lists.json $(DESTDIR)$(MANDIR)/man1/blwatch.1 \
		$(DESTDIR)$(BASHCOMPDIR)/blwatch $(DESTDIR)$(ZSHCOMPDIR)/_blwatch $(DESTDIR)$(FISHCOMPDIR)/blwatch.fish \
		$(DESTDIR)$(SYSTEMDUNITDIR)/blwatch.service $(DESTDIR)$(SYSTEMDUNITDIR)/blwatch.timer \
		$(DESTDIR)$(DOCDIR)/blwatch.cron $(DESTDIR)$(DOCDIR)/blwatch.example.yaml $(DESTDIR)$(DOCDIR)/INSTALL.md
	rmdir $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) 2>/dev/null || true
# The configuration goes only when it is still the unchanged example; the history in
# /var/lib/blwatch always stays.
	@if [ -e $(CONFIG) ] && cmp -s deploy/blwatch.example.yaml $(CONFIG); then \
		rm -f $(CONFIG); rmdir $(DESTDIR)$(SYSCONFDIR)/blwatch 2>/dev/null || true; \
	elif [ -e $(CONFIG) ]; then \
		echo "kept $(CONFIG): it was changed"; \
	fi
