// Package backoff is a stub of github.com/cenkalti/backoff/v4: Retry wraps
// the operation in a literal it returns, as the real one does, so only the
// built-in list says that it runs the operation.
package backoff

type Operation func() error

type OperationWithData[T any] func() (T, error)

func (o Operation) withEmptyData() OperationWithData[struct{}] {
	return func() (struct{}, error) { return struct{}{}, o() }
}

type BackOff interface{ NextBackOff() int }

func Retry(o Operation, b BackOff) error {
	_, err := doRetry(o.withEmptyData(), b)
	return err
}

func doRetry[T any](o OperationWithData[T], b BackOff) (T, error) {
	return o()
}
