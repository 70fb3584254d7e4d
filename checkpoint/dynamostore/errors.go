package dynamostore

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/baton-run/baton/checkpoint/driver"
)

// transient is the SDK's own list of retryable errors.
var transient = retry.IsErrorRetryables(retry.DefaultRetryables)

// mapErr maps SDK errors onto the driver sentinels: the one place.
func mapErr(ctx context.Context, err error) error {
	var ccf *types.ConditionalCheckFailedException
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ccf):
		return driver.ErrConflict
	case ctx.Err() != nil:
		return err // the caller gave up: permanent
	case transient.IsErrorRetryable(err) == aws.TrueTernary:
		return fmt.Errorf("%w: %w", driver.ErrUnavailable, err)
	}
	return err
}

// unsupported reports whether the server does not know the operation.
func unsupported(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "UnknownOperationException"
}

// noRetry turns the SDK's retryer off for a call: the Store retries.
func noRetry(o *dynamodb.Options) { o.Retryer = aws.NopRetryer{} }
