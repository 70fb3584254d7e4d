package dynamostore

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint/driver"
)

var _ driver.Leaser = (*store)(nil)

// leaseCondition is driver.Leaser's condition: not done, not expired
// (expires_at is in whole seconds) and not leased to another owner. A
// comparison with an absent attribute is false, so an absent item, one
// without TTL and a released one pass; were a server to disagree, the
// condition would fail and the Store would fall back to Get and Put. (Kept
// short: dynalite's expression parser dominates its latency.)
const leaseCondition = "NOT #d = :true AND NOT #e <= :nowsec AND (NOT #l > :now OR #o = :o)"

// Lease claims in one UpdateItem: it sets the lease fields, increments the
// version (creating the item when absent: done and progress are then
// absent, which decode reads as zero) and returns the item as written.
func (s *store) Lease(ctx context.Context, key driver.Key, l driver.Lease) (*driver.Row, error) {
	out, err := s.client.UpdateItem(ctx, leaseInput(s.table, key, l), noRetry)
	if err != nil {
		return nil, mapErr(ctx, err)
	}
	return decode(out.Attributes)
}

// leaseInput builds the UpdateItem of Lease.
func leaseInput(table string, key driver.Key, l driver.Lease) *dynamodb.UpdateItemInput {
	names := map[string]string{"#o": "owner", "#l": "lease_until", "#u": "updated",
		"#w": "write_id", "#v": "version", "#c": "created", "#s": "step", "#d": "done", "#e": AttrTTL}
	values := map[string]types.AttributeValue{":o": str(l.Owner), ":l": num(l.Until.UnixMilli()),
		":now": num(l.Now.UnixMilli()), ":nowsec": num(l.Now.Unix()), ":w": str(l.WriteID),
		":zero": num(0), ":one": num(1), ":step": str(key.Step), ":true": &types.AttributeValueMemberBOOL{Value: true}}
	set := []string{"#o = :o", "#l = :l", "#u = :now", "#w = :w", "#v = if_not_exists(#v, :zero) + :one",
		"#c = if_not_exists(#c, :now)", "#s = :step"}
	if key.Item != "" {
		names["#i"], values[":item"] = "item", str(key.Item)
		set = append(set, "#i = :item")
	}
	update := "SET "
	if l.Expires.IsZero() {
		update = "REMOVE #e SET "
	} else {
		values[":e"] = num(l.Expires.Unix())
		set = append(set, "#e = :e")
	}
	return &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: itemKey(key),
		UpdateExpression:          aws.String(update + strings.Join(set, ", ")),
		ConditionExpression:       aws.String(leaseCondition),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
		ReturnValues:              types.ReturnValueAllNew,
	}
}
