package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/cobra"
)

// newHealthcheckCmd probes a running server's /healthz. It exists for
// container health checks: the distroless image has no shell and no curl,
// so the binary checks itself. Every failure exits 1, a malformed --addr
// included, because Docker reserves exit code 2.
func newHealthcheckCmd() *cobra.Command {
	var addr string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 if the server at --addr answers GET /healthz with 200 OK, 1 otherwise",
		Long: "healthcheck sends GET /healthz to a running dossier and exits 0 when it answers\n" +
			"200 OK, 1 otherwise: for the Docker HEALTHCHECK of an image with no shell.\n" +
			"--addr is the address `dossier serve --addr` or `dossier bot --metrics-addr`\n" +
			"listens on; an address without a host (\":8080\") or with 0.0.0.0 means this machine.",
		Example: `  dossier healthcheck
  dossier healthcheck --addr :9090`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := healthURL(addr)
			if err != nil {
				return err
			}
			if timeout <= 0 {
				return fmt.Errorf("--timeout %s: want a positive duration, like 3s", timeout)
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			if err := probe(ctx, u); err != nil {
				return fmt.Errorf("unhealthy: %w", err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), "healthy:", u)
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address of the server to probe (serve's --addr or bot's --metrics-addr)")
	cmd.Flags().DurationVar(&timeout, "timeout", 3*time.Second, "give up after this long")
	return cmd
}

// healthURL is the /healthz URL of a listening address. A listener on all
// interfaces is reached on loopback.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("--addr %q is not host:port or :port", addr)
	}
	switch ip := net.ParseIP(host); {
	case host == "" || ip != nil && ip.To4() != nil && ip.IsUnspecified():
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: "/healthz"}).String(), nil
}

// probe GETs u and wants 200 OK. It uses no proxy and follows no redirect:
// the answer must come from the server itself.
func probe(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	client := &http.Client{
		Transport:     &http.Transport{DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}
