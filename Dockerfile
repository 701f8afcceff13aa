# EnvoyNPM's image: one self-contained binary (`deno compile`) on distroless.
#
#   docker build -t envoynpm .
#
# Building needs the internet: the build stage's image, npm packages, and the
# Deno runtime that `deno compile` embeds (downloaded from dl.deno.land).
# See docs/deploy.md for running it.

# ---- build ------------------------------------------------------------------
# Pinned to the Deno the project is developed and tested with (2.9.6). The
# plain version tag is the Debian-based image (glibc, like the runtime below).
FROM denoland/deno:2.9.6 AS build
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
#   --allow-read=/var/run/docker.sock --allow-write=/var/run/docker.sock
#                  Deno asks for read AND write on a unix socket's path to
#                  connect to it; nothing else on disk is touched. Mount the
#                  engine's socket at /var/run/docker.sock (any host path), or
#                  use DOCKER_HOST=tcp://… (e.g. a socket proxy).
# Keep these flags equal to the `compile` task in deno.json.
RUN deno compile --frozen \
      --v8-flags=--max-semi-space-size=1 \
      --allow-env \
      --allow-net \
      --allow-read=/var/run/docker.sock \
      --allow-write=/var/run/docker.sock \
      --output /envoynpm \
      main.ts

# ---- runtime ----------------------------------------------------------------
# A Deno binary links glibc and libgcc, so `cc` (not `static`). The `nonroot`
# tag runs as uid/gid 65532 and ships CA certificates for https:// NPM URLs.
FROM gcr.io/distroless/cc-debian12:nonroot

COPY --from=build /envoynpm /envoynpm

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
