package rules

import "testing"

func TestParseBlockingSpec(t *testing.T) {
	tests := []struct {
		raw             string
		pkg, recv, name string
		pointer         bool
	}{
		{"time.Sleep", "time", "", "Sleep", false},
		{"net/smtp.SendMail", "net/smtp", "", "SendMail", false},
		{"net.Conn.Read", "net", "Conn", "Read", false},
		{"os/exec.(*Cmd).Run", "os/exec", "Cmd", "Run", true},
		{"github.com/acme/payments.(*Client).Charge", "github.com/acme/payments", "Client", "Charge", true},
		{"(*github.com/acme/payments.Client).Charge", "github.com/acme/payments", "Client", "Charge", true},
		{"(github.com/acme/payments.Client).Get*", "github.com/acme/payments", "Client", "Get*", false},
		{"github.com/acme/payments.(Client).Get", "github.com/acme/payments", "Client", "Get", false},
		{"example.com/shop/internal/platform/db.*", "example.com/shop/internal/platform/db", "", "*", false},
		{"google.golang.org/grpc.ClientConnInterface.Invoke", "google.golang.org/grpc", "ClientConnInterface", "Invoke", false},
		{"gopkg.in/yaml.v3.Unmarshal", "gopkg.in/yaml.v3", "", "Unmarshal", false},
		{"gopkg.in/yaml.v3.Decoder.Decode", "gopkg.in/yaml.v3", "Decoder", "Decode", false},
		{"github.com/redis/go-redis/v9.(*Client).*", "github.com/redis/go-redis/v9", "Client", "*", true},
	}
	for _, tt := range tests {
		s, err := ParseBlockingSpec(tt.raw)
		if err != nil {
			t.Errorf("ParseBlockingSpec(%q): %v", tt.raw, err)
			continue
		}
		if s.Raw != tt.raw || s.Pkg != tt.pkg || s.Recv != tt.recv || s.Name != tt.name || s.Pointer != tt.pointer {
			t.Errorf("ParseBlockingSpec(%q) = %+v", tt.raw, s)
		}
	}
}

func TestBlockingMatchName(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "Anything", true},
		{"Get*", "Get", true},
		{"Get*", "GetObject", true},
		{"Get*", "Put", false},
		{"*Object", "PutObject", true},
		{"Run", "Run", true},
		{"Run", "Runner", false},
	}
	for _, tt := range tests {
		if got := (BlockingSpec{Name: tt.pattern}).MatchName(tt.name); got != tt.want {
			t.Errorf("%q.MatchName(%q) = %v", tt.pattern, tt.name, got)
		}
	}
}
