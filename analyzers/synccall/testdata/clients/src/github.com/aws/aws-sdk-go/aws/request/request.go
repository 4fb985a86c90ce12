package request

type Request struct{}

func (r *Request) Send() error { return nil }
