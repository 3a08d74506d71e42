using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary><c>find</c> with equality and <c>$in</c> filters.</summary>
public sealed partial class InMemoryMongoExecutorDouble
{
    private BsonDocument Find(string database, BsonDocument command, TransactionState? transaction)
    {
        var ns = Namespace(database, command);
        var filter = command.TryGetValue("filter", out var value) ? value as BsonDocument ?? throw new CommandError(9, "FailedToParse", "filter must be a document") : new BsonDocument();
        if (command.Contains("sort") || command.Contains("projection"))
        {
            throw new CommandError(9, "FailedToParse", "sort and projection are not implemented by the test double");
        }

        var limit = command.TryGetValue("limit", out var l) && l is BsonInt32 { Value: > 0 } n ? n.Value : int.MaxValue;
        var batch = new BsonArray([.. All(transaction, ns).Select(d => d.Document).Where(d => Matches(d, filter)).Take(limit).Select(d => d.DeepClone())]);
        var cursor = new BsonDocument().Add("firstBatch", batch).Add("id", new BsonInt64(0)).Add("ns", new BsonString(ns));
        return new BsonDocument().Add("cursor", cursor).Add("ok", new BsonDouble(1));
    }

    /// <summary>Whether a document matches a filter of equality conditions (null matches a missing field) and <c>$in</c>.</summary>
    private static bool Matches(BsonDocument document, BsonDocument filter)
    {
        foreach (var (field, condition) in filter.Elements)
        {
            var actual = document.TryGetValue(field, out var stored) ? stored : BsonValue.Null;
            if (IsOperator(condition))
            {
                foreach (var (name, operand) in ((BsonDocument)condition).Elements)
                {
                    var matches = name switch
                    {
                        "$in" when operand is BsonArray candidates => candidates.Items.Any(c => DoubleBson.Equal(actual, c)),
                        _ => throw new CommandError(2, "BadValue", $"query operator {name} is not implemented by the test double"),
                    };
                    if (!matches)
                    {
                        return false;
                    }
                }
            }
            else if (!DoubleBson.Equal(actual, condition))
            {
                return false;
            }
        }

        return true;
    }
}
