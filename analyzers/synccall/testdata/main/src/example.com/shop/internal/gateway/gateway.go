package gateway

import "net/http"

func Post(url string) error { // want Post:`^network: gateway.Post → http.Post$`
	_, err := http.Post(url, "application/json", nil)
	return err
}
