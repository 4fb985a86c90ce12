package s3

import "github.com/aws/aws-sdk-go/aws/request"

type S3 struct{}

func (c *S3) PutObject() error { // want PutObject:`^network: \(\*s3.S3\).PutObject → \(\*request.Request\).Send$`
	r := &request.Request{}
	return r.Send()
}
