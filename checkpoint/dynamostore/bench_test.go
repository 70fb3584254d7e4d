package dynamostore_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/checkpoint/internal/latency"
	"github.com/baton-run/baton/internal/testenv"
)

// BenchmarkSave times Store.Save (and Claim) against a raw SDK PutItem of
// the same state bytes through the same client to the same dynalite
// table, alternating the two. x-base-p50 is the ratio; the target for
// save is <= 1.1.
func BenchmarkSave(b *testing.B) {
	client := newClient(testenv.Dynalite(b), loopbackTransport())
	for _, size := range []int{1 << 10, 64 << 10} {
		state := bytes.Repeat([]byte{'s'}, size)
		b.Run(fmt.Sprintf("save/%dKiB", size>>10), func(b *testing.B) {
			raw, s, cp := setup(b, client, state)
			ctx := context.Background()
			var err error
			latency.Compare(b, raw, func() {
				if cp, err = s.Save(ctx, cp, state, checkpoint.Progress{Done: cp.Version}); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("claim/%dKiB", size>>10), func(b *testing.B) {
			raw, s, cp := setup(b, client, state)
			latency.Compare(b, raw, func() {
				if _, err := s.Claim(context.Background(), cp.Key, cp.Owner, cp.LeaseExpiry); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// setup creates a table and returns a raw PutItem of state into it, a
// Store on it and a claimed record holding state.
func setup(b *testing.B, client *dynamodb.Client, state []byte) (func(), *checkpoint.Store, checkpoint.Record) {
	table := newTable(b, client)
	s, err := dynamostore.Open(client, table, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cp, err := s.Claim(ctx, checkpoint.Key{Job: "job", Step: "step"}, "owner", time.Now().Add(time.Hour))
	if err == nil {
		cp, err = s.Save(ctx, cp, state, checkpoint.Progress{})
	}
	if err != nil {
		b.Fatal(err)
	}
	in := &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
		"job": &types.AttributeValueMemberS{Value: "raw"}, "sk": &types.AttributeValueMemberS{Value: "step#"},
		"state": &types.AttributeValueMemberB{Value: state},
	}}
	raw := func() {
		if _, err := client.PutItem(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	return raw, s, cp
}

// BenchmarkConditionOverhead isolates what fencing costs the server: the
// same PutItem with and without the driver's ConditionExpression (on
// dynalite, mostly its expression parser).
func BenchmarkConditionOverhead(b *testing.B) {
	client := newClient(testenv.Dynalite(b), loopbackTransport())
	table := newTable(b, client)
	ctx := context.Background()
	item := map[string]types.AttributeValue{
		"job": &types.AttributeValueMemberS{Value: "raw"}, "sk": &types.AttributeValueMemberS{Value: "step#"},
		"state":   &types.AttributeValueMemberB{Value: bytes.Repeat([]byte{'s'}, 1<<10)},
		"version": &types.AttributeValueMemberN{Value: "1"}, "owner": &types.AttributeValueMemberS{Value: "o"},
	}
	put := func(in *dynamodb.PutItemInput) func() {
		in.TableName, in.Item = aws.String(table), item
		return func() {
			if _, err := client.PutItem(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
	put(&dynamodb.PutItemInput{})()
	latency.Compare(b, put(&dynamodb.PutItemInput{}), put(&dynamodb.PutItemInput{
		ConditionExpression:      aws.String("#v = :v AND #o = :o"),
		ExpressionAttributeNames: map[string]string{"#v": "version", "#o": "owner"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v": &types.AttributeValueMemberN{Value: "1"}, ":o": &types.AttributeValueMemberS{Value: "o"}},
	}))
}

// BenchmarkDriverOverhead times Store.Save against a raw conditional
// PutItem of an item of the same shape (every attribute the driver writes,
// the same ConditionExpression): what the Store and driver add on the
// client side.
func BenchmarkDriverOverhead(b *testing.B) {
	client := newClient(testenv.Dynalite(b), loopbackTransport())
	state := bytes.Repeat([]byte{'s'}, 1<<10)
	_, s, cp := setup(b, client, state)
	table := newTable(b, client)
	item := map[string]types.AttributeValue{"job": str("raw"), "sk": str("step#"), "step": str("step"),
		"state": &types.AttributeValueMemberB{Value: state}, "done": &types.AttributeValueMemberBOOL{}}
	for _, name := range []string{"version", "lease_until", "progress_done", "progress_total", "created", "updated", "expires_at"} {
		item[name] = &types.AttributeValueMemberN{Value: "1764100000000"}
	}
	for _, name := range []string{"owner", "write_id"} {
		item[name] = str("5f0c8f1e-6a52-4c7e-9d55-0a3b9c1f2e77")
	}
	ctx := context.Background()
	if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
		b.Fatal(err)
	}
	in := &dynamodb.PutItemInput{TableName: aws.String(table), Item: item,
		ConditionExpression:      aws.String("#v = :v AND #o = :o"),
		ExpressionAttributeNames: map[string]string{"#v": "version", "#o": "owner"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v": item["version"], ":o": item["owner"]}}
	var err error
	latency.Compare(b, func() {
		if _, err := client.PutItem(ctx, in); err != nil {
			b.Fatal(err)
		}
	}, func() {
		if cp, err = s.Save(ctx, cp, state, checkpoint.Progress{Done: cp.Version}); err != nil {
			b.Fatal(err)
		}
	})
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
