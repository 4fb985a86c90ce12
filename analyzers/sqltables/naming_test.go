package sqltables

import "testing"

func TestDefaultTableName(t *testing.T) {
	for in, want := range map[string]string{
		"Order": "orders", "OrderItem": "order_items", "Person": "people", "Category": "categories",
		"Address": "addresses", "Box": "boxes", "Day": "days", "Status": "statuses", "UserID": "user_ids",
		"HTTPServer": "http_servers", "APIKey": "api_keys", "Analysis": "analyses", "Match": "matches",
		"Wife": "wives", "Info": "infos", "Equipment": "equipment", "Settings": "settings", "Quiz": "quizzes",
		"OAuth2Client": "o_auth2_clients", "Metadata": "metadata",
	} {
		if got := DefaultTableName(in); got != want {
			t.Errorf("DefaultTableName(%q) = %q, want %q", in, got, want)
		}
	}
}
