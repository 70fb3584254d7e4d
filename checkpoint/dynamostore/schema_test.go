package dynamostore_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/internal/testenv"
)

// CreateTable makes the key schema the package doc (and the SAM
// template) promise.
func TestCreateTableSchema(t *testing.T) {
	client := newClient(testenv.Dynalite(t), loopbackTransport())
	table := newTable(t, client)
	out, err := client.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatal(err)
	}
	d := out.Table
	var got []string
	for _, k := range d.KeySchema {
		got = append(got, aws.ToString(k.AttributeName)+" "+string(k.KeyType))
	}
	for _, a := range d.AttributeDefinitions {
		got = append(got, aws.ToString(a.AttributeName)+":"+string(a.AttributeType))
	}
	if d.BillingModeSummary != nil {
		got = append(got, string(d.BillingModeSummary.BillingMode))
	}
	want := "job HASH, sk RANGE, job:S, sk:S, PAY_PER_REQUEST"
	if strings.Join(got, ", ") != want || d.TableStatus != types.TableStatusActive {
		t.Fatalf("table %s: %s (%s); want %s (ACTIVE)", table, strings.Join(got, ", "), d.TableStatus, want)
	}
}

// The stored item has exactly the attributes, with the types, the package
// doc lists.
func TestItemAttributes(t *testing.T) {
	client := newClient(testenv.Dynalite(t), loopbackTransport())
	table := newTable(t, client)
	s, err := dynamostore.Open(client, table, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := checkpoint.ItemKey("job-1", "fanout/resize", 3)
	rec, err := s.Claim(ctx, key, "owner-1", time.Now().Add(time.Minute))
	if err == nil {
		_, err = s.Save(ctx, rec, []byte("state"), checkpoint.Progress{Done: 1, Total: 2, Note: "n"})
	}
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{
		"job": &types.AttributeValueMemberS{Value: "job-1"}, "sk": &types.AttributeValueMemberS{Value: "fanout/resize#3"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name, v := range out.Item {
		got = append(got, name+":"+typeCode(v))
	}
	sort.Strings(got)
	want := "created:N done:BOOL expires_at:N item:S job:S lease_until:N owner:S progress_done:N " +
		"progress_note:S progress_total:N sk:S state:B step:S updated:N version:N write_id:S"
	if strings.Join(got, " ") != want {
		t.Fatalf("item attributes\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func typeCode(v types.AttributeValue) string {
	switch v.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	case *types.AttributeValueMemberB:
		return "B"
	case *types.AttributeValueMemberBOOL:
		return "BOOL"
	}
	return fmt.Sprintf("%T", v)
}
