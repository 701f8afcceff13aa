# EnvoyNPM's image: one self-contained binary (`deno compile`) on distroless,
# for linux/amd64 and linux/arm64. Needs BuildKit (the default builder since
# Docker 23; on older engines: DOCKER_BUILDKIT=1 docker build …).
#
#   docker build -t envoynpm .
#
# The binary comes from one of two stages, chosen by the build argument BINARY:
#
#   compile   (the default) compiles it from source, here. Needs the internet:
#             the build stage's image, npm packages, and the Deno runtime that
#             `deno compile` embeds (downloaded from dl.deno.land).
#   prebuilt  copies dist/envoynpm-linux-<arch> compiled beforehand; the
#             release workflow (.github/workflows/release.yml) compiles both
#             binaries once and builds the image from those same files:
#               docker buildx build --platform linux/amd64,linux/arm64 \
#                 --build-arg BINARY=prebuilt --build-arg VERSION=0.1.0 .
#
# See docs/deploy.md for running it.
ARG BINARY=compile

# ---- compile ----------------------------------------------------------------
# Pinned to the Deno the project is developed and tested with (2.9.6). The
# plain version tag is the Debian-based image (glibc, like the runtime below).
# It runs on the build machine's own platform and cross-compiles for the
# image's (`deno compile --target`), so a multi-platform build needs no
# emulation.
FROM --platform=$BUILDPLATFORM denoland/deno:2.9.6 AS compile
ARG TARGETARCH
WORKDIR /src

# Dependencies first, so that a source-only change reuses this layer.
# --frozen: fail instead of resolving anything not pinned in deno.lock.
COPY deno.json deno.lock ./
RUN deno install --frozen

COPY main.ts ./
COPY lib/ ./lib/

# The permissions are baked into the binary and cannot be widened at run time:
#   --allow-env    configuration is read from the environment only
#   --allow-net    NPM_API_URL, NOTIFY_URL, DOCKER_HOST=tcp://… and the status
#                  server (HTTP_ADDR) are chosen at run time, so net stays open;
#                  a unix socket needs it too (Deno checks net "unix:<path>")
#   --allow-read=/var/run/docker.sock,/certs --allow-write=/var/run/docker.sock
#                  Deno asks for read AND write on a unix socket's path to
#                  connect to it; nothing else on disk is touched but /certs,
#                  read for DOCKER_TLS_VERIFY (DOCKER_CERT_PATH=/certs). Mount the
#                  engine's socket at /var/run/docker.sock (any host path), or
#                  use DOCKER_HOST=tcp://… (e.g. a socket proxy, or TLS).
# Keep these flags equal to the `compile` task in deno.json and to the release
# workflow's (tests/unit/packaging/compile_flags_test.ts compares them).
RUN case "${TARGETARCH:-$(dpkg --print-architecture)}" in \
      amd64) target=x86_64-unknown-linux-gnu ;; \
      arm64) target=aarch64-unknown-linux-gnu ;; \
      *) echo "Deno has no build for linux/${TARGETARCH}: use linux/amd64 or linux/arm64" >&2; exit 1 ;; \
    esac && \
    deno compile --frozen \
      --v8-flags=--max-semi-space-size=1 \
      --allow-env \
      --allow-net \
      --allow-read=/var/run/docker.sock,/certs \
      --allow-write=/var/run/docker.sock \
      --target "$target" \
      --output /envoynpm \
      main.ts

# ---- prebuilt ---------------------------------------------------------------
# The binary for the image's architecture, compiled outside (see above).
FROM scratch AS prebuilt
ARG TARGETARCH
COPY --chmod=0755 dist/envoynpm-linux-${TARGETARCH} /envoynpm

# ---- the chosen binary ------------------------------------------------------
FROM ${BINARY} AS binary

# ---- runtime ----------------------------------------------------------------
# A Deno binary links glibc and libgcc, so `cc` (not `static`). The `nonroot`
# tag runs as uid/gid 65532 and ships CA certificates for https:// NPM URLs.
FROM gcr.io/distroless/cc-debian12:nonroot

# The release workflow passes deno.json's version; a local build says "dev".
ARG VERSION=dev
LABEL org.opencontainers.image.title="EnvoyNPM" \
      org.opencontainers.image.description="Keeps Nginx Proxy Manager proxy hosts in line with running Docker containers" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"

COPY --from=binary /envoynpm /envoynpm

# Not root. To read the engine's socket (root:docker, mode 660) add the
# socket's group at run time: `group_add: ["<stat -c %g /var/run/docker.sock>"]`
# in compose, or `--group-add` with docker run. Fallback: `user: root`.
USER nonroot
# Memory (bench/README.md, "Memory"): a small young generation (the compile flag above) and
# glibc malloc returning freed memory keep the idle service near its floor.
ENV MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 MALLOC_MMAP_THRESHOLD_=131072

# Status server: /healthz, /metrics, /api/state and the dashboard (HTTP_ADDR).
EXPOSE 8787

# `envoynpm healthcheck` asks the running service's /healthz on HTTP_ADDR
# (there is no curl in a distroless image). With HTTP_ADDR empty it reports
# unhealthy, so keep the status server on when you rely on this.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/envoynpm", "healthcheck"]

ENTRYPOINT ["/envoynpm"]
CMD ["run"]
