# Build a static dossier binary, then ship it in a small image that runs as
# an unprivileged user with CA certificates for talking to Discord.
#
# Both base images are pinned by digest, so a rebuild of the same commit
# uses the same bases. NOT VERIFIED: the digests below were taken from
# public Dockerfiles that pin the same tags (golang:1.26.8-bookworm;
# distroless static-debian12:nonroot as of August 2026) and have not been
# checked against the registries, which the project's build machines cannot
# reach. Check them once with `crane digest IMAGE:TAG` (or `docker buildx
# imagetools inspect IMAGE:TAG`) before relying on them, and update them the
# same way; or build with other pins: --build-arg GO_IMAGE=… and
# --build-arg RUNTIME_IMAGE=….
ARG GO_IMAGE=golang:1.26.8-bookworm@sha256:dc9ad6c05acc7a88e5b71bde60a5fe3bd4b9f0db209011711b464107438a8107
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot@sha256:afa5c872c891853ca7fcf1f12c3edb23f7eeef36189728842dd51042ff57f7ab

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dossier ./cmd/dossier

FROM ${RUNTIME_IMAGE}
COPY --from=build /out/dossier /usr/local/bin/dossier
USER nonroot:nonroot
# 8080 serves HTTP in both modes: Discord's interactions (and /metrics,
# /healthz) for `serve --addr :8080`; /metrics and /healthz for the gateway
# mode, which the default command starts with --metrics-addr :8080.
EXPOSE 8080
# distroless has no shell or curl: the binary probes its own /healthz.
# A container started on another port needs the check in exec form, e.g.
# in compose: test: ["CMD", "/usr/local/bin/dossier", "healthcheck",
# "--addr", "127.0.0.1:9090"] (docker run --health-cmd needs a shell).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/dossier", "healthcheck", "--addr", "127.0.0.1:8080"]
ENTRYPOINT ["/usr/local/bin/dossier"]
CMD ["bot", "--metrics-addr", ":8080"]
