// Package dynamostore is the DynamoDB checkpoint driver
// (aws-sdk-go-v2/service/dynamodb), used on AWS.
//
// # Table schema (the SAM template and CreateTable use the same)
//
//	partition key  job          S   Key.Job
//	sort key       sk           S   Key.Step + "#" + Key.Item
//	               step         S   Key.Step
//	               item         S   Key.Item (absent when "")
//	               version      N   Record.Version
//	               owner        S   lease token (absent when released)
//	               lease_until  N   lease expiry, Unix milliseconds (absent when released)
//	               state        B   (absent when empty)
//	               progress_done, progress_total  N  (absent until the first save)
//	               progress_note S  (absent when empty)
//	               done         BOOL  (absent until the first save)
//	               output       B   (absent when empty)
//	               created, updated  N  Unix milliseconds
//	               expires_at   N   Unix seconds; the table's TTL attribute (absent: never)
//	               write_id     S   random per write (tells a retried write that landed)
//
// Billing is on demand (PAY_PER_REQUEST). Reads are strongly consistent.
// Save, Complete and Release are one PutItem with a ConditionExpression on
// version and owner; Claim is one UpdateItem conditional on the lease being
// free (driver.Leaser), falling back to GetItem and PutItem for done, held
// and expired records. A failed condition (ConditionalCheckFailedException)
// is the driver's conflict, which the Store turns into ErrConflict,
// ErrLeaseHeld or ErrLeaseLost.
//
// # Retries
//
// The Store's backoff policy is the only retry layer: the driver turns the
// SDK's retryer off for its calls (aws.NopRetryer) and classifies errors
// with the SDK's own lists (retry.DefaultRetryables: throttling codes such
// as ThrottlingException and ProvisionedThroughputExceededException, HTTP
// 500/502/503/504, connection errors and timeouts) as transient. The SDK
// sets no per-request timeout: set checkpoint.Options.AttemptTimeout (a
// few seconds) so a hung connection costs one attempt, not the Lambda's
// whole budget. A write whose reply is lost and whose retry then fails
// its condition is resolved by re-reading its write_id.
//
// # Known limits
//
// DynamoDB's TTL deletes expired items eventually (typically within days);
// the Store hides expired records at once and Sweep deletes them by a Scan,
// which reads the whole table: on AWS rely on TTL instead. dynalite has no
// TTL; CreateTable tolerates that.
package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint"
)

// Attribute names: see the package doc.
const (
	AttrJob     = "job"
	AttrSortKey = "sk"
	AttrTTL     = "expires_at"
)

// Open returns a Store on table through client. The table must exist
// (see CreateTable). Closing the Store leaves client alone.
func Open(client *dynamodb.Client, table string, opts *checkpoint.Options) (*checkpoint.Store, error) {
	if client == nil || table == "" {
		return nil, errors.New("dynamostore: Open needs a client and a table name")
	}
	return checkpoint.New(&store{client: client, table: table}, opts)
}

// CreateTable creates table with the checkpoint key schema, on-demand
// billing, waits until it is ACTIVE and turns on TTL on expires_at (a
// server without TTL support, such as dynalite, is tolerated).
func CreateTable(ctx context.Context, client *dynamodb.Client, table string) error {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String(AttrJob), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String(AttrSortKey), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String(AttrJob), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(AttrSortKey), KeyType: types.KeyTypeRange},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		return fmt.Errorf("dynamostore: create table %s: %w", table, err)
	}
	return activate(ctx, client, table)
}

// activate waits for table to be ACTIVE and enables its TTL.
func activate(ctx context.Context, client *dynamodb.Client, table string) error {
	w := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay = 50 * time.Millisecond
	})
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)}, 5*time.Minute); err != nil {
		return fmt.Errorf("dynamostore: table %s not active: %w", table, err)
	}
	_, err := client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName: aws.String(table),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: aws.String(AttrTTL), Enabled: aws.Bool(true)},
	})
	if err != nil && !unsupported(err) {
		return fmt.Errorf("dynamostore: enable TTL on %s: %w", table, err)
	}
	return nil
}
