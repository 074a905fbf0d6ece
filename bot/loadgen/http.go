package loadgen

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Signer signs interactions the way Discord does. Every interaction gets
// an id of its own, so no two signatures are alike and the endpoint's
// replay protection accepts each one.
type Signer struct {
	key  ed25519.PrivateKey
	pub  ed25519.PublicKey
	next atomic.Int64
	// User is the id of the member sending the interactions.
	User string
}

// NewSigner returns a signer with a fresh key pair.
func NewSigner() (*Signer, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate signing key: %w", err)
	}
	return &Signer{key: key, pub: pub, User: "9"}, nil
}

// PublicKey is the key the endpoint verifies signatures with.
func (s *Signer) PublicKey() ed25519.PublicKey { return s.pub }

// Signed is one interaction as it goes over the wire.
type Signed struct {
	Body      []byte
	Signature string // hex, the X-Signature-Ed25519 header
	Timestamp string // the X-Signature-Timestamp header
}

// Verify checks the signature as the endpoint does: the floor of its
// work before it answers.
func (s *Signed) Verify(pub ed25519.PublicKey) bool {
	sig, err := hex.DecodeString(s.Signature)
	if err != nil {
		return false
	}
	msg := make([]byte, 0, len(s.Timestamp)+len(s.Body))
	return ed25519.Verify(pub, append(append(msg, s.Timestamp...), s.Body...), sig)
}

// Command signs a slash command with the given data.
func (s *Signer) Command(data discordgo.ApplicationCommandInteractionData) (*Signed, error) {
	return s.Sign(discordgo.InteractionApplicationCommand, data)
}

// Sign builds and signs an interaction of type typ; data is nil for a ping.
func (s *Signer) Sign(typ discordgo.InteractionType, data discordgo.InteractionData) (*Signed, error) {
	in := discordgo.Interaction{
		ID:        strconv.FormatInt(1_000_000+s.next.Add(1), 10),
		AppID:     "1",
		Type:      typ,
		Data:      data,
		GuildID:   "7",
		ChannelID: "8",
		Member:    &discordgo.Member{User: &discordgo.User{ID: s.User, Username: "bench"}},
		Token:     "token",
		Version:   1,
	}
	body, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encode interaction: %w", err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(s.key, append([]byte(ts), body...))
	return &Signed{Body: body, Signature: hex.EncodeToString(sig), Timestamp: ts}, nil
}

// Request makes the POST of a signed interaction to url.
func (s *Signed) Request(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(s.Body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", s.Signature)
	req.Header.Set("X-Signature-Timestamp", s.Timestamp)
	return req, nil
}

// Check reads an endpoint's reply to an interaction and returns an error
// unless it is a 200 carrying an interaction response with something in
// it (JSON, or multipart with a chart attached).
func Check(resp *http.Response) error {
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(body[:min(len(body), 200)])))
	}
	payload := body
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		return fmt.Errorf("reply content type: %w", err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		if payload, err = multipartPayload(body, params["boundary"]); err != nil {
			return err
		}
	}
	// discordgo cannot decode the components of a response it sent, so
	// read only what tells an answer from an empty one.
	var r struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data *struct {
			Content string            `json:"content"`
			Embeds  []json.RawMessage `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(payload, &r); err != nil {
		return fmt.Errorf("decode reply: %w", err)
	}
	switch {
	case r.Type == discordgo.InteractionResponsePong:
		return nil
	case r.Data == nil:
		return fmt.Errorf("reply of type %d has no data", r.Type)
	case r.Type == discordgo.InteractionApplicationCommandAutocompleteResult:
		return nil
	case r.Data.Content == "" && len(r.Data.Embeds) == 0:
		return errors.New("empty reply")
	}
	return nil
}

// multipartPayload returns the payload_json part of a multipart reply.
func multipartPayload(body []byte, boundary string) ([]byte, error) {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("multipart reply without payload_json: %w", err)
		}
		if p.FormName() == "payload_json" {
			return io.ReadAll(p)
		}
	}
}
