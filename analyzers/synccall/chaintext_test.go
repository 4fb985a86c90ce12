package synccall

import "testing"

func TestChainText(t *testing.T) {
	step := func(pkg, pkgName, name string) Step {
		if rest, ok := cutPtr(name); ok {
			return Step{Full: "(*" + pkg + "." + rest, Name: name, PkgName: pkgName}
		}
		return Step{Full: pkg + "." + name, Name: name, PkgName: pkgName}
	}
	for _, tc := range []struct {
		steps []Step
		want  string
	}{
		{ // a hop is named by its package when it changes, and the operation always
			[]Step{step("example.com/m/checkout", "checkout", "PlaceOrder"), step("example.com/m/mailer", "mailer", "Send"),
				step("example.com/m/mailer", "mailer", "(*Mailer).deliver"), step("net/smtp", "smtp", "SendMail")},
			"PlaceOrder → mailer.Send → (*Mailer).deliver → smtp.SendMail",
		},
		{ // two packages named api (the GitHub CLI's and go-gh's)
			[]Step{step("github.com/cli/cli/v2/pkg/cmd/auth", "auth", "getViewer"),
				step("github.com/cli/cli/v2/api", "api", "NewHTTPClient"),
				step("github.com/cli/go-gh/v2/pkg/api", "api", "NewHTTPClient"),
				step("github.com/cli/go-gh/v2/pkg/api", "api", "resolveOptions"),
				step("os/exec", "exec", "(*Cmd).Output")},
			"getViewer → api.NewHTTPClient → pkg/api.NewHTTPClient → resolveOptions → exec.(*Cmd).Output",
		},
		{ // the same package name and the same last elements: more of the path
			[]Step{step("a.example/x/api", "api", "F"), step("b.example/x/api", "api", "G"), step("time", "time", "Sleep")},
			"F → b.example/x/api.G → time.Sleep",
		},
	} {
		if got := chainText(tc.steps); got != tc.want {
			t.Errorf("chainText:\n got %s\nwant %s", got, tc.want)
		}
	}
}

func cutPtr(name string) (string, bool) {
	if len(name) > 2 && name[:2] == "(*" {
		return name[2:], true
	}
	return "", false
}
