# Build a static dossier binary, then ship it in a small image that runs as
# an unprivileged user with CA certificates for talking to Discord.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dossier ./cmd/dossier

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dossier /usr/local/bin/dossier
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/dossier"]
CMD ["bot"]
